package dev.relpromo.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * Build platforms with their names in the three vocabularies the real pipeline uses: the Taskcluster build
 * platform (labels, events), the FTP platform (directories and published paths) and the {@code repack.cfg} key
 * (the same as the FTP platform).
 */
public enum Platform {
    LINUX("linux-shippable", "linux-i686", "tar.xz"),
    LINUX64("linux64-shippable", "linux-x86_64", "tar.xz"),
    MACOSX64("macosx64-shippable", "mac", "tar.gz"),
    WIN32("win32-shippable", "win32", "zip"),
    WIN64("win64-shippable", "win64", "zip"),
    WIN64_AARCH64("win64-aarch64-shippable", "win64-aarch64", "zip");

    private final String buildPlatform;
    private final String ftpPlatform;
    private final String archiveExtension;

    Platform(String buildPlatform, String ftpPlatform, String archiveExtension) {
        this.buildPlatform = buildPlatform;
        this.ftpPlatform = ftpPlatform;
        this.archiveExtension = archiveExtension;
    }

    @JsonValue
    public String buildPlatform() {
        return buildPlatform;
    }

    public String ftpPlatform() {
        return ftpPlatform;
    }

    /** The key that enables this platform in {@code repack.cfg}. */
    public String configKey() {
        return ftpPlatform;
    }

    /** The default upstream archive extension (Linux is {@code tar.bz2} up to Firefox 134, see {@link #linuxArchive}). */
    public String archiveExtension() {
        return archiveExtension;
    }

    public boolean isLinux() {
        return this == LINUX || this == LINUX64;
    }

    public boolean isMac() {
        return this == MACOSX64;
    }

    public boolean isWindows() {
        return this == WIN32 || this == WIN64 || this == WIN64_AARCH64;
    }

    /** Linux builds are {@code target.tar.bz2} up to Firefox 134 and {@code target.tar.xz} after it. */
    public static String linuxArchive(String version) {
        int major = Integer.parseInt(version.replaceAll("^(\\d+).*$", "$1"));
        return major <= 134 ? "tar.bz2" : "tar.xz";
    }

    @JsonCreator
    public static Platform ofBuildPlatform(String name) {
        for (Platform p : values()) {
            if (p.buildPlatform.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown build platform '" + name + "'");
    }

    public static Optional<Platform> ofFtpPlatform(String name) {
        for (Platform p : values()) {
            if (p.ftpPlatform.equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
