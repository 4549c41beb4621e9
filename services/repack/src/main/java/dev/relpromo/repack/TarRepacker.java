package dev.relpromo.repack;

import dev.relpromo.kit.failure.TaskFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Streams one uncompressed tar into another: every original entry is copied (except originals an inserted file
 * replaces) with its name, type, link target, size, mtime and permission bits, then the sub-config's files are
 * appended under the customisation root. Memory is one copy buffer plus the entry names, whatever the archive size.
 *
 * <p>Copied entries are normalised ({@link #normalised}): no setuid/setgid/sticky bits, owner 0/0 without names,
 * no device numbers, and no pax headers but the path, linkpath, size and mtime the writer needs.
 */
final class TarRepacker {
    /** Inserted entries get fixed metadata so that two runs write the same bytes. */
    static final Instant FIXED_MTIME = Instant.parse("2000-01-01T00:00:00Z");
    static final int FILE_MODE = 0644;
    static final int DIRECTORY_MODE = 0755;

    /** setuid, setgid and sticky: never inherited from an input. */
    static final int SPECIAL_BITS = 07000;

    private final List<InsertedFile> inserted;
    private final CustomisationRoot root;
    private final ArchiveLimits.Budget budget;
    private final byte[] buffer = new byte[1 << 16];

    TarRepacker(List<InsertedFile> inserted, CustomisationRoot root, ArchiveLimits.Budget budget) {
        this.inserted = inserted;
        this.root = root;
        this.budget = budget;
    }

    EntryCounts repack(InputStream tar, OutputStream out) throws IOException {
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        TarArchiveOutputStream tos = new TarArchiveOutputStream(out);
        tos.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tos.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tos.setAddPaxHeadersForNonAsciiNames(true);

        ArchiveGuard guard = new ArchiveGuard(budget);
        InsertionPlan plan = null;
        int copied = 0;
        int replaced = 0;
        for (TarArchiveEntry entry = next(in); entry != null; entry = next(in)) {
            ArchiveGuard.Checked checked = guard.check(entry.getName(), kindOf(entry), entry.getLinkName());
            if (plan == null) {
                plan = root.observe(checked.canonical()).map(r -> new InsertionPlan(r, inserted)).orElse(null);
            }
            if (plan != null && plan.replaces(checked)) {
                replaced++;
                continue;
            }
            guard.record(checked);
            tos.putArchiveEntry(normalised(entry, checked.kind()));
            if (checked.kind() == EntryKind.FILE) {
                copyEntry(in, tos); // a link's or directory's data, if a header claims any, is skipped: tools ignore it
            }
            tos.closeArchiveEntry();
            copied++;
        }
        guard.verifyLinks(); // before finish(): a refused archive never gets a complete output
        if (plan == null) {
            plan = new InsertionPlan(root.require(), inserted);
        }
        List<InsertionPlan.Addition> additions = plan.additions(guard::isDirectory);
        for (InsertionPlan.Addition addition : additions) {
            append(tos, addition);
        }
        tos.finish();
        return new EntryCounts(copied, replaced, additions.size());
    }

    /**
     * A fresh header with what extraction needs from the original, so that nothing else (owners, special bits,
     * xattrs, atime/ctime and other pax records) reaches the output. The writer adds pax path/linkpath/size/mtime
     * records only where the ustar fields cannot hold the value.
     */
    static TarArchiveEntry normalised(TarArchiveEntry original, EntryKind kind) {
        TarArchiveEntry entry = new TarArchiveEntry(original.getName(), switch (kind) {
            case FILE -> TarConstants.LF_NORMAL;
            case DIRECTORY -> TarConstants.LF_DIR;
            case SYMLINK -> TarConstants.LF_SYMLINK;
            case HARDLINK -> TarConstants.LF_LINK;
        }, true);
        if (kind == EntryKind.SYMLINK || kind == EntryKind.HARDLINK) {
            entry.setLinkName(original.getLinkName());
        }
        entry.setMode(original.getMode() & ~SPECIAL_BITS);
        entry.setLastModifiedTime(original.getLastModifiedTime());
        entry.setIds(0, 0);
        entry.setNames("", "");
        entry.setSize(kind == EntryKind.FILE ? original.getSize() : 0);
        return entry;
    }

    private static EntryKind kindOf(TarArchiveEntry entry) {
        if (entry.isSparse()) {
            throw new TaskFailureException("archive entry '" + entry.getName() + "' is a sparse file, which a repack does not copy");
        }
        if (entry.isSymbolicLink()) {
            return EntryKind.SYMLINK;
        }
        if (entry.isLink()) {
            return EntryKind.HARDLINK;
        }
        byte type = entry.getLinkFlag();
        if (type == TarConstants.LF_DIR) {
            return EntryKind.DIRECTORY;
        }
        if (type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM || type == TarConstants.LF_CONTIG) {
            return entry.isDirectory() ? EntryKind.DIRECTORY : EntryKind.FILE; // old tars mark directories by a slash
        }
        throw new UnsafeArchiveException("archive entry '" + entry.getName() + "' has type '" + (char) type
                + "' (device, FIFO or unknown), which a build archive never contains");
    }

    private void append(TarArchiveOutputStream tos, InsertionPlan.Addition addition) throws IOException {
        TarArchiveEntry entry = addition.isDirectory()
                ? new TarArchiveEntry(addition.name() + "/", TarConstants.LF_DIR)
                : new TarArchiveEntry(addition.name(), TarConstants.LF_NORMAL);
        entry.setLastModifiedTime(FileTime.from(FIXED_MTIME));
        entry.setMode(addition.isDirectory() ? DIRECTORY_MODE : FILE_MODE);
        entry.setIds(0, 0);
        entry.setNames("", "");
        if (!addition.isDirectory()) {
            entry.setSize(addition.file().size());
        }
        tos.putArchiveEntry(entry);
        if (!addition.isDirectory()) {
            try (InputStream content = addition.file().content().open()) {
                copy(content, tos);
            }
        }
        tos.closeArchiveEntry();
    }

    /**
     * Reading a sha512-verified input can only fail because the archive itself is bad, which retrying cannot
     * fix: those errors fail the task at once (write errors stay IOExceptions, they may be a full disk).
     */
    static TaskFailureException corrupt(IOException e) {
        return new TaskFailureException("input archive is corrupt or truncated: " + e.getMessage(), e);
    }

    /**
     * The next entry. The current one's unread data (a replaced file's, a link's) is read first, so that what
     * {@code getNextEntry} consumes is only headers, which the budget caps: commons-compress holds a pax or GNU
     * long-name header in memory whole, so a 2 GB one must fail before it is read, not at the byte limit.
     */
    private TarArchiveEntry next(TarArchiveInputStream in) {
        try {
            TarArchiveEntry current = in.getCurrentEntry();
            if (current != null) {
                copyEntry(in, OutputStream.nullOutputStream());
            }
            budget.headersStart(current == null ? null : current.getName());
            try {
                return in.getNextEntry();
            } finally {
                budget.headersEnd();
            }
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    private void copyEntry(TarArchiveInputStream in, OutputStream out) throws IOException {
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                throw corrupt(e);
            }
            if (n < 0) {
                return;
            }
            out.write(buffer, 0, n);
        }
    }

    private void copy(InputStream in, OutputStream out) throws IOException {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
        }
    }
}
