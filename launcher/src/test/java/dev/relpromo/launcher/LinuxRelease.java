package dev.relpromo.launcher;

import dev.relpromo.events.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sample release restricted to Linux, for tests that need its promote phase to complete: the sample partner
 * configuration without its win64 platform (Windows tasks have no service in this version), and signed-looking
 * Linux builds for every sample locale.
 */
final class LinuxRelease {
    private LinuxRelease() {
    }

    /** Nine Linux repacks: acme-1 (i686 and x86_64 × de, en-US), acme-2 (de, de-CH, fr), globex-eu (fr, de). */
    static Path partners(Path dir) throws IOException {
        Path partners = dir.resolve("partners");
        SampleRelease.writePartnerConfig(partners);
        Path acme2 = partners.resolve("partners/acme/desktop/acme-2/repack.cfg");
        Files.writeString(acme2, Files.readString(acme2).replace("win64=true\n", ""));
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
