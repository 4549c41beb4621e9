package dev.relpromo.launcher;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.Platform;
import dev.relpromo.events.kinds.ArtifactNames;
import dev.relpromo.kit.store.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Signed builds on disk, laid out as {@code <ftp_platform>/<locale>/target.<ext>} (plus on Windows {@code setup.exe},
 * on win32 {@code setup-stub.exe}, and the build's signed {@code target.installer.exe} that attribution stamps),
 * turned into the build-completed events the build's signing tasks would publish (one per platform).
 */
final class BuildsDirectory {
    private static final Pattern LOCALE = Pattern.compile("^[a-z]{2,3}(-[A-Za-z0-9]+)*$");
    /** What a build may carry (the archive, Windows setup programs, the stub's package, the signed installer). */
    private static final List<String> FILES = Stream.concat(ArtifactNames.BUILD_ARCHIVES.stream(),
            ArtifactNames.BUILD_INSTALLERS.stream()).toList();

    private BuildsDirectory() {
    }

    static List<BuildCompleted> scan(Path dir, String release) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("builds directory " + dir + " does not exist");
        }
        List<BuildCompleted> events = new ArrayList<>();
        try (Stream<Path> platforms = Files.list(dir)) {
            for (Path platformDir : platforms.filter(Files::isDirectory).sorted().toList()) {
                String name = platformDir.getFileName().toString();
                Optional<Platform> platform = Platform.ofFtpPlatform(name);
                if (platform.isEmpty()) {
                    throw new IllegalArgumentException(platformDir + ": '" + name + "' is not an FTP platform "
                            + "(linux-i686, linux-x86_64, mac, win32, win64, win64-aarch64)");
                }
                Map<String, BuildCompleted.LocaleBuild> locales = new TreeMap<>();
                try (Stream<Path> localeDirs = Files.list(platformDir)) {
                    for (Path localeDir : localeDirs.filter(Files::isDirectory).sorted().toList()) {
                        String locale = localeDir.getFileName().toString();
                        if (!LOCALE.matcher(locale).matches()) {
                            throw new IllegalArgumentException(localeDir + ": '" + locale + "' is not a locale");
                        }
                        List<Artifact> artifacts = new ArrayList<>();
                        for (String file : FILES) {
                            Path f = localeDir.resolve(file);
                            if (Files.isRegularFile(f)) {
                                Digests.Hashed h = Digests.hashFile(f);
                                artifacts.add(new Artifact(file, f.toAbsolutePath().toUri().toString(), h.sha512(), h.size()));
                            }
                        }
                        if (artifacts.isEmpty()) {
                            throw new IllegalArgumentException(localeDir + " holds no target.tar.xz, target.tar.bz2, "
                                    + "target.tar.gz or target.zip");
                        }
                        locales.put(locale, new BuildCompleted.LocaleBuild(locale, artifacts, null));
                    }
                }
                if (!locales.isEmpty()) {
                    events.add(new BuildCompleted(release, platform.get(), "build-signing-" + platform.get().buildPlatform(),
                            List.copyOf(locales.values())));
                }
            }
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException("builds directory " + dir + " holds no <ftp_platform>/<locale>/target.* builds");
        }
        return events;
    }
}
