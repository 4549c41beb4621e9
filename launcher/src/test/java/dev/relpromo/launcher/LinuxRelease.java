package dev.relpromo.launcher;

import dev.relpromo.events.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sample release restricted to Linux, for tests that need a quick promote phase: the sample partner
 * configuration without its mac and Windows platforms, and signed-looking Linux builds for every sample locale.
 */
final class LinuxRelease {
    private LinuxRelease() {
    }

    private static Path sharedKeys;

    /**
     * One key directory for the JVM's runs: creating the local OpenPGP and Authenticode keys takes seconds, and
     * which keys sign does not matter to these tests (the same keys give the same signatures).
     */
    static synchronized Path sharedKeys() throws IOException {
        if (sharedKeys == null) {
            sharedKeys = Files.createTempDirectory("relpromo-test-keys-");
            Path dir = sharedKeys;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    dev.relpromo.kit.store.Trees.delete(dir);
                } catch (IOException e) {
                    // a temporary directory: the JVM is exiting anyway
                }
            }));
        }
        return sharedKeys;
    }

    /** Nine Linux repacks: acme-1 (i686 and x86_64 × de, en-US), acme-2 (de, de-CH, fr), globex-eu (fr, de). */
    static Path partners(Path dir) throws IOException {
        Path partners = dir.resolve("partners");
        SampleRelease.writePartnerConfig(partners);
        for (String sub : List.of("acme/desktop/acme-1", "acme/desktop/acme-2", "globex/desktop/globex-eu")) {
            Path cfg = partners.resolve("partners").resolve(sub).resolve("repack.cfg");
            Files.writeString(cfg, Files.readString(cfg).lines()
                    .filter(l -> !l.matches("(mac|win32|win64|repack_stub_installer)=.*"))
                    .map(l -> l + "\n").reduce("", String::concat));
        }
        return partners;
    }

    /** {@code <dir>/builds/<ftp platform>/<locale>/target.tar.xz} for both Linux platforms and every sample locale. */
    static Path builds(Path dir, int libxulBytes) throws IOException {
        Path builds = dir.resolve("builds");
        for (Platform p : List.of(Platform.LINUX64, Platform.LINUX)) {
            for (String locale : SampleRelease.LOCALES) {
                Path f = Files.createDirectories(builds.resolve(p.ftpPlatform()).resolve(locale)).resolve("target.tar.xz");
                Files.write(f, SampleRelease.linuxBuild("135.0", locale, "tar.xz", p, libxulBytes));
            }
        }
        return builds;
    }
}
