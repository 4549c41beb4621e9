package dev.relpromo.repack;

import dev.relpromo.events.Platform;
import java.util.List;

/**
 * The build archives a repack reads and writes. A repack keeps the format of its input, as the real pipeline does
 * ({@code xz -d}/{@code tar rf}/{@code xz -9e}): Linux is {@code tar.bz2} up to Firefox 134 and {@code tar.xz} after.
 */
public enum ArchiveFormat {
    TAR_XZ("tar.xz"),
    TAR_BZ2("tar.bz2"),
    /** Only the mac build is a tar.gz, so this format also means "customise inside the .app bundle". */
    TAR_GZ("tar.gz"),
    ZIP("zip");

    private final String extension;

    ArchiveFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** The artifact name in the real pipeline: {@code target.tar.xz}, {@code target.zip}, ... */
    public String fileName() {
        return "target." + extension;
    }

    public boolean isTar() {
        return this != ZIP;
    }

    /** Accepts {@code tar.xz}, {@code .tar.xz} or {@code target.tar.xz}. */
    public static ArchiveFormat ofExtension(String name) {
        String ext = name.startsWith("target.") ? name.substring("target.".length())
                : name.startsWith(".") ? name.substring(1) : name;
        for (ArchiveFormat f : values()) {
            if (f.extension.equals(ext)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown archive format '" + name + "' (expected tar.xz, tar.bz2, tar.gz or zip)");
    }

    /**
     * The upstream archives a platform's repack can start from, preferred first: for Linux the format its version
     * was built with, then the other one (a build published in the other format still repacks, in that format).
     */
    public static List<ArchiveFormat> inputsFor(Platform platform, String version) {
        if (platform.isLinux()) {
            ArchiveFormat expected = TAR_XZ;
            try {
                expected = ofExtension(Platform.linuxArchive(version));
            } catch (NumberFormatException e) {
                // not a numbered release: try both, newest format first
            }
            return List.of(expected, expected == TAR_XZ ? TAR_BZ2 : TAR_XZ);
        }
        if (platform.isMac()) {
            return List.of(TAR_GZ);
        }
        if (platform.isWindows()) {
            return List.of(ZIP);
        }
        return List.of();
    }
}
