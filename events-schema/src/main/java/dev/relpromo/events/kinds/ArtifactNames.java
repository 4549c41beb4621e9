package dev.relpromo.events.kinds;

import java.util.List;

/**
 * The artifact names tasks exchange (the {@code name} of an {@link dev.relpromo.events.Artifact}), as in the real
 * pipeline: a handler finds its inputs among its upstreams' artifacts by these names, so producer and consumer must
 * agree on them. Published (pretty) names are beetmover's business, not listed here.
 */
public final class ArtifactNames {
    private ArtifactNames() {
    }

    /** Linux build and repack archive from Firefox 135 on. */
    public static final String TARGET_TAR_XZ = "target.tar.xz";
    /** Linux build and repack archive up to Firefox 134. */
    public static final String TARGET_TAR_BZ2 = "target.tar.bz2";
    /** The mac build and repack (an {@code .app} bundle in a tarball), before it is repackaged into a dmg. */
    public static final String TARGET_TAR_GZ = "target.tar.gz";
    /** The Windows build and repack, before it is repackaged into an installer. */
    public static final String TARGET_ZIP = "target.zip";
    /** The signed Windows installer stub a Windows repack carries forward for the installer repackage. */
    public static final String SETUP_EXE = "setup.exe";
    /** The mac disk image made by repackage. */
    public static final String TARGET_DMG = "target.dmg";
    /** The Windows installer made by repackage. */
    public static final String TARGET_INSTALLER_EXE = "target.installer.exe";
    /** The win32 stub installer, made for sub-configs with {@code repack_stub_installer}. */
    public static final String TARGET_STUB_INSTALLER_EXE = "target.stub-installer.exe";
    /** The win32 stub's package: {@code partner.ini} and an empty {@code firefox/} directory. */
    public static final String TARGET_STUB_ZIP = "target-stub.zip";
    /** The signed setup program of the win32 stub installer, carried forward like {@code setup.exe}. */
    public static final String SETUP_STUB_EXE = "setup-stub.exe";
    /** What a notarization records about one bundle (who notarized it, or that nobody at Apple did). */
    public static final String NOTARIZATION_JSON = "notarization.json";
    /** Beetmover's manifest of what it published (size, sha512, sha256 per file). */
    public static final String TARGET_CHECKSUMS = "target.checksums";
    /** The armored OpenPGP public key that verifies the {@code .asc} signatures. */
    public static final String KEY = "KEY";
    /** The push phase's manifest of what is in releases (relative path, size, sha512 per file). */
    public static final String PUSH_JSON = "push.json";
    /** The release checksum files release-generate-checksums writes at the top of the candidates build directory. */
    public static final List<String> RELEASE_SUMS = List.of("SHA256SUMMARY", "SHA256SUMS", "SHA512SUMMARY",
            "SHA512SUMS");
    /** A detached OpenPGP signature is named after the signed file plus this suffix. */
    public static final String SIGNATURE_SUFFIX = ".asc";

    /** The Linux archives, newest format first. */
    public static final List<String> LINUX_ARCHIVES = List.of(TARGET_TAR_XZ, TARGET_TAR_BZ2);
    /** What a signed build, and a repack of it, may carry: its archive in the platform's format, setup.exe on Windows. */
    public static final List<String> BUILD_ARCHIVES = List.of(TARGET_TAR_XZ, TARGET_TAR_BZ2, TARGET_TAR_GZ, TARGET_ZIP,
            SETUP_EXE, SETUP_STUB_EXE, TARGET_STUB_ZIP);
    /** What a signed Windows build may also carry for attribution: its signed regular installer. */
    public static final List<String> BUILD_INSTALLERS = List.of(TARGET_INSTALLER_EXE);

    /**
     * The name of one repack's artifact in the result of a task that handles a chunk of repacks (mac signing and
     * notarization): {@code acme/acme-1/de/target.tar.gz}. Repack ids are {@code partner/sub/locale}, so the names of
     * a chunk's repacks never collide.
     */
    public static String ofRepack(String repackId, String artifactName) {
        return repackId + "/" + artifactName;
    }

    /** The name of the detached signature of {@code artifactName}: {@code target.tar.xz} → {@code target.tar.xz.asc}. */
    public static String signatureOf(String artifactName) {
        return artifactName + SIGNATURE_SUFFIX;
    }
}
