package dev.relpromo.signing.mac;

import dev.relpromo.kit.failure.TaskFailureException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Reads and writes a mac repack's {@code target.tar.gz}, streaming: file contents go straight between the archive
 * and the disk, so memory is a copy buffer plus the pending symlinks, whatever the bundle size.
 *
 * <p>{@link #extract} validates every entry before writing it ({@link EntryRules}): the first root entry ending in
 * {@code .app} is the bundle and nothing may lie outside it; only files, directories and symlinks are accepted
 * (no hardlinks, devices, FIFOs or sparse files); no entry may appear twice or lie below a symlink. Symlinks are
 * created last, after every file, so no write can ever pass through one.
 *
 * <p>{@link #pack} writes the same tree to the same bytes on every run and host: {@link BundleTree} order, a fixed
 * mtime, owner 0/0 without names, normalised modes, and gzip without a timestamp or file name.
 */
public final class BundleArchive {
    /** The mtime of every packed entry: the bundle's identity is its content, not when it was unpacked. */
    public static final Instant FIXED_MTIME = Instant.parse("2000-01-01T00:00:00Z");
    /** Bounds the pending-symlink list and the work a hostile archive can cause. */
    static final int MAX_ENTRIES = 500_000;
    private static final int BUFFER = 1 << 16;
    private static final int GZIP_OS_UNIX = 3;

    private BundleArchive() {
    }

    /**
     * Extracts {@code archive} into {@code into} (created; must not exist or be empty) and returns the bundle.
     *
     * @throws TaskFailureException when the archive is not a safe single-bundle mac archive; the message names the
     *                              entry
     */
    public static ExtractedBundle extract(Path archive, Path into) throws IOException {
        Files.createDirectories(into);
        String app = null;
        List<TarArchiveEntry> links = new ArrayList<>();
        int count = 0;
        try (InputStream file = Files.newInputStream(archive);
             InputStream gz = GzipCompressorInputStream.builder().setInputStream(new BufferedInputStream(file, BUFFER))
                     .setDecompressConcatenated(true).get();
             TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (++count > MAX_ENTRIES) {
                    throw EntryRules.unsafe(archive.getFileName() + " has more than " + MAX_ENTRIES + " entries");
                }
                String name = entry.getName();
                String canonical = EntryRules.canonical(name);
                if (canonical.isEmpty()) {
                    if (!entry.isDirectory()) {
                        throw EntryRules.unsafe("archive entry '" + name + "' names the archive root but is not a directory");
                    }
                    continue;
                }
                String top = canonical.split("/", 2)[0];
                if (app == null) {
                    if (!top.endsWith(".app")) {
                        throw EntryRules.unsafe("archive entry '" + name + "' is not inside an .app bundle: the first"
                                + " entry of a mac repack must be the <App>.app directory or lie inside it");
                    }
                    app = top;
                } else if (!top.equals(app)) {
                    throw EntryRules.unsafe("archive entry '" + name + "' is outside the bundle " + app);
                }
                String inApp = canonical.length() == app.length() ? "" : canonical.substring(app.length() + 1);
                Kind kind = kindOf(entry);
                if (inApp.isEmpty() && kind != Kind.DIRECTORY) {
                    throw EntryRules.unsafe("archive entry '" + name + "' is the bundle " + app + " but not a directory");
                }
                Path target = into.resolve(canonical);
                switch (kind) {
                    case DIRECTORY -> createDirectories(target, name);
                    case FILE -> writeFile(tar, entry, target, name);
                    case SYMLINK -> {
                        EntryRules.checkSymlink(name, inApp, entry.getLinkName(), app);
                        links.add(entry);
                    }
                }
            }
        }
        if (app == null) {
            throw EntryRules.unsafe(archive.getFileName() + " holds no .app bundle");
        }
        for (TarArchiveEntry link : links) {
            createSymlink(into, link);
        }
        return new ExtractedBundle(into, app);
    }

    private enum Kind { DIRECTORY, FILE, SYMLINK }

    private static Kind kindOf(TarArchiveEntry entry) {
        String name = entry.getName();
        if (entry.isSparse()) {
            throw EntryRules.unsafe("archive entry '" + name + "' is a sparse file, which a bundle never holds");
        }
        if (entry.isSymbolicLink()) {
            return Kind.SYMLINK;
        }
        if (entry.isLink()) {
            throw EntryRules.unsafe("archive entry '" + name + "' is a hardlink (to '" + entry.getLinkName()
                    + "'); mac bundles are refused with hardlinks, whose extraction depends on the tool");
        }
        byte type = entry.getLinkFlag();
        if (type == TarConstants.LF_DIR) {
            return Kind.DIRECTORY;
        }
        if (type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM || type == TarConstants.LF_CONTIG) {
            return entry.isDirectory() ? Kind.DIRECTORY : Kind.FILE; // old tars mark directories by a slash
        }
        String what = switch (type) {
            case TarConstants.LF_CHR -> "a character device";
            case TarConstants.LF_BLK -> "a block device";
            case TarConstants.LF_FIFO -> "a FIFO";
            default -> "of type '" + (char) type + "'";
        };
        throw EntryRules.unsafe("archive entry '" + name + "' is " + what + ", which a bundle never holds");
    }

    private static void createDirectories(Path dir, String name) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw EntryRules.unsafe("archive entry '" + name + "' is a directory, but a file of that name (or of one"
                    + " of its parents) came earlier");
        }
    }

    private static void writeFile(InputStream tar, TarArchiveEntry entry, Path target, String name) throws IOException {
        createDirectories(target.getParent(), name);
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            tar.transferTo(out); // the tar stream ends at the entry's size
        } catch (FileAlreadyExistsException e) {
            throw EntryRules.unsafe("archive entry '" + name + "' appears twice (or is also a directory)");
        }
        boolean executable = (entry.getMode() & 0100) != 0;
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    }

    private static void createSymlink(Path root, TarArchiveEntry link) throws IOException {
        String name = link.getName();
        Path path = root.resolve(EntryRules.canonical(name));
        for (Path dir = path.getParent(); !dir.equals(root); dir = dir.getParent()) {
            if (Files.isSymbolicLink(dir)) {
                throw EntryRules.unsafe("archive entry '" + name + "' lies inside symlink '" + root.relativize(dir) + "'");
            }
        }
        createDirectories(path.getParent(), name);
        try {
            Files.createSymbolicLink(path, Path.of(link.getLinkName()));
        } catch (FileAlreadyExistsException e) {
            throw EntryRules.unsafe("archive entry '" + name + "' is a symlink, but a file or directory of that name"
                    + " exists too (or it appears twice)");
        }
    }

    /**
     * Packs {@code bundle} into {@code archive} deterministically (the {@code .app} directory only; anything else in
     * the bundle's root is scratch). Written to a temporary file and moved into place, so a crash never leaves a
     * truncated archive under the final name.
     *
     * @return the number of entries written, the {@code .app} directory included
     */
    public static int pack(ExtractedBundle bundle, Path archive) throws IOException {
        Path appDir = bundle.appDir();
        if (!Files.isDirectory(appDir, LinkOption.NOFOLLOW_LINKS)) {
            throw new TaskFailureException("the bundle " + bundle.app() + " is gone or no longer a directory in "
                    + bundle.root());
        }
        Files.createDirectories(archive.getParent());
        Path tmp = archive.resolveSibling(".tmp-" + archive.getFileName());
        int[] count = {0};
        try {
            GzipParameters gzip = new GzipParameters();
            gzip.setModificationTime(0); // gzip -n: no timestamp, no file name
            gzip.setOperatingSystem(GZIP_OS_UNIX);
            try (OutputStream file = Files.newOutputStream(tmp);
                 OutputStream gz = new GzipCompressorOutputStream(new BufferedOutputStream(file, BUFFER), gzip);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(new BufferedOutputStream(gz, BUFFER))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                tar.setAddPaxHeadersForNonAsciiNames(true);
                put(tar, new TreeEntry("", TreeEntry.Type.DIRECTORY, TreeEntry.DIRECTORY_MODE, 0, null), bundle.app(), appDir);
                count[0]++;
                BundleTree.walk(appDir, bundle.app(), (entry, path) -> {
                    put(tar, entry, bundle.app(), path);
                    count[0]++;
                });
                tar.finish();
            }
            Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return count[0];
    }

    private static void put(TarArchiveOutputStream tar, TreeEntry entry, String app, Path file) throws IOException {
        String name = entry.path().isEmpty() ? app : app + "/" + entry.path();
        TarArchiveEntry header = switch (entry.type()) {
            case DIRECTORY -> new TarArchiveEntry(name + "/", TarConstants.LF_DIR, true);
            case FILE -> new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
            case SYMLINK -> new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        };
        if (entry.type() == TreeEntry.Type.SYMLINK) {
            header.setLinkName(entry.target());
        }
        header.setMode(entry.mode());
        header.setLastModifiedTime(FileTime.from(FIXED_MTIME));
        header.setIds(0, 0);
        header.setNames("", "");
        header.setSize(entry.size());
        tar.putArchiveEntry(header);
        if (entry.type() == TreeEntry.Type.FILE) {
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                long copied = in.transferTo(tar);
                if (copied != entry.size()) {
                    throw new IOException(name + " changed size while it was packed (" + entry.size() + " → " + copied + ")");
                }
            }
        }
        tar.closeArchiveEntry();
    }
}
