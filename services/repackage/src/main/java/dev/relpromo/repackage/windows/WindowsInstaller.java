package dev.relpromo.repackage.windows;

import dev.relpromo.kit.failure.TaskFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Builds Windows installers the way {@code mach repackage installer} does (reference §6.2): the bytes of the
 * {@link SfxStub}, then the {@link AppTag}, then a 7z holding the package's {@code firefox/} tree renamed to
 * {@code core/} and the setup executable at the root under the tag's {@code RunProgram} name.
 *
 * <ul>
 *   <li>{@link #build}: {@code target.zip} + {@code setup.exe} → {@code target.installer.exe};</li>
 *   <li>{@link #buildStub}: {@code target-stub.zip} ({@code partner.ini} and an empty {@code firefox/}) +
 *       {@code setup-stub.exe} → {@code target.stub-installer.exe} (win32 only upstream).</li>
 * </ul>
 *
 * <p>The zip is read in place (random access, one entry at a time) and nothing is extracted to disk. Every entry
 * is checked before the output is created; bad input fails with {@link TaskFailureException} naming the entry and
 * the zip. The installer is written to a temporary file beside {@code output}, synced, made executable (0755, as
 * upstream) and moved into place only when complete, so {@code output} is either absent, the previous file, or
 * the whole new one. Deterministic: the same stub, tag, setup bytes and zip content (names and bytes, whatever
 * the zip's entry order, time stamps, attributes or compression) give byte-identical installers.
 *
 * <p>Signing: Authenticode (signingscript, osslsigncode) appends its certificate table after the 7z and points the
 * PE header at it. The archive stays intact and extractable, but 7-Zip's format detection then sees one PE
 * spanning the whole file; {@code 7zz l -t7z} (or the SFX stub, which looks for the archive itself) finds the 7z.
 *
 * <p>Thread-safe: an instance holds only its settings.
 */
public final class WindowsInstaller {
    private final SevenZipSettings settings;

    /** With {@link SevenZipSettings#DEFAULT}. */
    public WindowsInstaller() {
        this(SevenZipSettings.DEFAULT);
    }

    public WindowsInstaller(SevenZipSettings settings) {
        this.settings = settings;
    }

    /**
     * What was built.
     *
     * @param output            the installer
     * @param files             files in the 7z (the setup executable included)
     * @param directories       directories in the 7z ({@code core/} included)
     * @param uncompressedBytes the content packed, in bytes
     * @param archiveBytes      the 7z's size
     * @param installerBytes    the installer's size: stub + tag + 7z
     */
    public record Result(Path output, int files, int directories, long uncompressedBytes, long archiveBytes,
                         long installerBytes) {
    }

    /**
     * Builds {@code target.installer.exe}.
     *
     * @param targetZip the build, holding only the {@code firefox/} tree
     * @param setupExe  the setup program, stored at the archive root as {@code tag.runProgram()}
     *                  ({@code setup.exe} for {@link AppTag#installer})
     * @param stub      the SFX stub (see {@link SfxStub#standIn} for the default, which cannot self-extract)
     * @param tag       normally {@link AppTag#installer}
     * @param output    the installer to write; its directory is created if missing, an existing file replaced
     * @throws TaskFailureException if the zip or the setup program is unusable (the message says why)
     * @throws IOException          if reading or writing local files fails
     */
    public Result build(Path targetZip, Path setupExe, SfxStub stub, AppTag tag, Path output) throws IOException {
        return build(PackageLayout.INSTALLER, targetZip, setupExe, stub, tag, output);
    }

    /**
     * Builds {@code target.stub-installer.exe}: the same, from {@code target-stub.zip} (which may also hold
     * {@code partner.ini} at its root) and {@code setup-stub.exe}.
     *
     * @param tag normally {@link AppTag#stub}, so that the archive holds {@code setup-stub.exe}
     * @see #build
     */
    public Result buildStub(Path stubZip, Path setupStubExe, SfxStub stub, AppTag tag, Path output)
            throws IOException {
        return build(PackageLayout.STUB, stubZip, setupStubExe, stub, tag, output);
    }

    private Result build(PackageLayout layout, Path zipPath, Path setupExe, SfxStub stub, AppTag tag, Path output)
            throws IOException {
        ArchiveItem setup = setupItem(setupExe, tag);
        try (ZipFile zip = openZip(zipPath)) {
            List<ArchiveItem> items = new ArrayList<>(PackageEntries.read(zip, zipPath.toString(), layout, settings));
            items.add(setup);
            items.sort(Comparator.comparing(ArchiveItem::name));
            return write(items, stub, tag, output);
        }
    }

    private Result write(List<ArchiveItem> items, SfxStub stub, AppTag tag, Path output) throws IOException {
        Path target = output.toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        Path partial = Files.createTempFile(directory, "." + target.getFileName() + ".", ".partial");
        try {
            SevenZipArchive.Summary summary;
            long size;
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(channel, stub.unsafeBytes());
                writeFully(channel, tag.bytes());
                summary = new SevenZipArchive(settings).write(channel, items);
                size = channel.size();
                channel.force(true); // the rename must not expose a file whose data is still in the page cache
            }
            makeExecutable(partial);
            moveIntoPlace(partial, target);
            return new Result(output, summary.files(), summary.directories(), summary.uncompressedBytes(),
                    summary.archiveBytes(), size);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static ArchiveItem setupItem(Path setupExe, AppTag tag) throws IOException {
        if (!Files.isRegularFile(setupExe)) {
            throw new TaskFailureException("the setup program " + setupExe + " is missing or not a regular file");
        }
        // carried, never parsed: the build signed it, and its bytes are the build's business
        long size = Files.size(setupExe);
        return ArchiveItem.file(tag.runProgram(), size, ArchiveItem.NO_CRC, setupExe.toString(),
                () -> Files.newInputStream(setupExe));
    }

    private static ZipFile openZip(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new TaskFailureException("the package " + path + " is missing or not a regular file");
        }
        try {
            return ZipFile.builder().setPath(path).get();
        } catch (IOException e) {
            // commons-compress reports a malformed central directory as a plain IOException
            throw new TaskFailureException("the package " + path + " is not a valid zip: " + e.getMessage(), e);
        }
    }

    private static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void makeExecutable(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            posix.setPermissions(PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static void moveIntoPlace(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // same directory, so only exotic file systems get here; a plain replace is the best they offer
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
