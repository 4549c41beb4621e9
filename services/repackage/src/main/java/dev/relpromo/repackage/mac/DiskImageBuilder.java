package dev.relpromo.repackage.mac;

import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.repackage.mac.hfs.HfsName;
import dev.relpromo.repackage.mac.hfs.HfsVolumeWriter;
import dev.relpromo.repackage.mac.udif.UdifWriter;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Repackages a macOS build, {@code target.tar.gz}, as the disk image users download, {@code target.dmg}: an HFS+
 * volume holding the {@code .app} bundle and a {@code " "} symlink to {@code /Applications}, compressed as UDIF
 * UDZO. This replaces mozbuild's {@code repackage_dmg} (libdmg-hfsplus' {@code hfsplus} and {@code dmg} tools).
 *
 * <p>Memory stays bounded whatever the build size: the archive is streamed, file data goes to a temporary HFS+
 * image beside the output, and the image is compressed one chunk at a time. The result is written under a
 * temporary name and moved into place when complete; temporaries are always deleted.
 *
 * <p>Identical input gives a byte-identical image: entries keep their tar modification times, the volume's dates
 * are the newest of them, catalog ids follow catalog order, and the volume and image identifiers are derived
 * from the SHA-256 of the input.
 */
public final class DiskImageBuilder {
    /** Zlib level for the image's chunks: hdiutil's UDZO default is 1; 6 costs little more and saves space. */
    public static final int DEFAULT_ZLIB_LEVEL = 6;

    private final DiskImageLimits limits;
    private final int chunkSectors;

    /**
     * What was built.
     *
     * @param output the disk image
     * @param volumeName the HFS+ volume name
     * @param files regular files and symlinks on the volume (including the /Applications link)
     * @param folders folders on the volume, not counting its root
     * @param volumeBytes size of the uncompressed HFS+ volume
     * @param imageBytes size of the disk image
     */
    public record Result(Path output, String volumeName, long files, long folders, long volumeBytes,
            long imageBytes) {
    }

    /** A builder with {@link DiskImageLimits#DEFAULT} and 1 MiB chunks. */
    public DiskImageBuilder() {
        this(DiskImageLimits.DEFAULT, UdifWriter.DEFAULT_CHUNK_SECTORS);
    }

    /**
     * @param limits sizes beyond which the input is refused
     * @param chunkSectors 512-byte sectors per compressed chunk
     */
    public DiskImageBuilder(DiskImageLimits limits, int chunkSectors) {
        this.limits = limits;
        this.chunkSectors = chunkSectors;
        new UdifWriter(chunkSectors, DEFAULT_ZLIB_LEVEL); // validates the chunk size now, not mid-build
    }

    /**
     * Builds {@code output} from {@code targetTarGz}.
     *
     * @throws TaskFailureException when the archive is not a usable macOS build (the message names the entry)
     * @throws UncheckedIOException when reading or writing fails
     */
    public Result build(Path targetTarGz, Path output) {
        Path dir = output.toAbsolutePath().getParent();
        Path image = null;
        Path partial = null;
        try {
            Files.createDirectories(dir);
            image = Files.createTempFile(dir, ".dmg-volume-", ".hfs");
            partial = Files.createTempFile(dir, ".dmg-partial-", ".dmg");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String volumeName;
            HfsVolumeWriter.Summary volume;
            byte[] digest;
            try (HfsVolumeWriter writer = new HfsVolumeWriter(image);
                    InputStream file = Files.newInputStream(targetTarGz);
                    DigestInputStream digested = new DigestInputStream(new BufferedInputStream(file, 1 << 16),
                            sha256)) {
                BundleStager.Staged staged = stage(writer, digested);
                digested.transferTo(OutputStream.nullOutputStream()); // the digest covers every byte of the input
                volumeName = volumeName(staged);
                writer.root().addSymlink(HfsName.of(BundleStager.APPLICATIONS_LINK), 0755, staged.newestModified(),
                        writer.writeFork("/Applications".getBytes(StandardCharsets.US_ASCII)));
                digest = sha256.digest();
                volume = writer.finish(hfsVolumeName(volumeName), staged.newestModified(),
                        ByteBuffer.wrap(digest).getLong());
            }
            UdifWriter.Summary dmg = new UdifWriter(chunkSectors, DEFAULT_ZLIB_LEVEL).write(image, partial,
                    segmentId(digest));
            publishable(partial);
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            partial = null;
            return new Result(output, volumeName, volume.files(), volume.folders(), volume.totalBytes(), dmg.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("repackaging " + targetTarGz + " as " + output + " failed", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(image);
            deleteQuietly(partial);
        }
    }

    private BundleStager.Staged stage(HfsVolumeWriter writer, InputStream in) throws IOException {
        GzipCompressorInputStream gzip;
        try {
            gzip = new GzipCompressorInputStream(in);
        } catch (IOException e) {
            throw new TaskFailureException("target.tar.gz is not gzip-compressed: " + e.getMessage(), e);
        }
        TarArchiveInputStream tar = new TarArchiveInputStream(gzip);
        return new BundleStager(limits, writer).stage(tar);
    }

    private static String volumeName(BundleStager.Staged staged) {
        String where = staged.bundle() + "/Contents/Resources/application.ini";
        if (staged.applicationIni() == null) {
            throw new TaskFailureException("target.tar.gz has no " + where + ": the disk image needs a volume name");
        }
        return ApplicationIni.volumeName(staged.applicationIni(), where);
    }

    private static HfsName hfsVolumeName(String name) {
        try {
            return HfsName.of(name);
        } catch (IllegalArgumentException e) {
            throw new TaskFailureException("volume name '" + name + "' cannot be stored: " + e.getMessage());
        }
    }

    /**
     * The trailer's segment id: a UUID made of input digest bytes 8–23 (the first 8 are the volume id), marked as
     * an RFC 9562 version 8 ("custom") UUID so it cannot be mistaken for a random one.
     */
    static byte[] segmentId(byte[] sha256) {
        byte[] id = Arrays.copyOfRange(sha256, 8, 24);
        id[6] = (byte) ((id[6] & 0x0F) | 0x80);
        id[8] = (byte) ((id[8] & 0x3F) | 0x80);
        return id;
    }

    /** Temporary files are created owner-only; the published image is readable by all, like any build output. */
    private static void publishable(Path p) throws IOException {
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temporary must not hide the build's own outcome
            }
        }
    }
}
