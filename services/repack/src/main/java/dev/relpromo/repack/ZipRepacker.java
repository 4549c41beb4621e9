package dev.relpromo.repack;

import dev.relpromo.kit.failure.TaskFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Windows {@code target.zip}: the original entries are copied raw (compressed bytes, no recompression: hundreds
 * of MB/s), then the sub-config's files are added under {@code firefox/}, as Info-ZIP's {@code zip -r target.zip
 * firefox} does in the real pipeline, but without duplicating replaced entries.
 *
 * <p>Before any entry is written, every entry is checked ({@link ArchiveGuard}) and inflated once without keeping
 * the bytes, so that the archive's real uncompressed size counts against the {@link ArchiveLimits} and an entry
 * that inflates to more than it declares is refused. Copied entries lose setuid/setgid/sticky bits from their
 * unix mode; everything else in their headers is kept.
 */
final class ZipRepacker {
    private static final String ROOT = "firefox";
    private final List<InsertedFile> inserted;
    private final ArchiveLimits.Budget budget;
    private final byte[] buffer = new byte[1 << 16];

    ZipRepacker(List<InsertedFile> inserted, ArchiveLimits.Budget budget) {
        this.inserted = inserted;
        this.budget = budget;
    }

    EntryCounts repack(Path input, Path output) throws IOException {
        try (ZipFile zip = open(input);
             ZipArchiveOutputStream zos = new ZipArchiveOutputStream(output)) { // seekable: no data descriptors
            ArchiveGuard guard = new ArchiveGuard(budget);
            InsertionPlan plan = new InsertionPlan(ROOT, inserted);
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntriesInPhysicalOrder());
            Set<ZipArchiveEntry> replaced = Collections.newSetFromMap(new IdentityHashMap<>());
            for (ZipArchiveEntry entry : entries) {
                EntryKind kind = entry.isDirectory() ? EntryKind.DIRECTORY
                        : entry.isUnixSymlink() ? EntryKind.SYMLINK : EntryKind.FILE;
                String target = kind == EntryKind.SYMLINK ? symlinkTarget(zip, entry) : null;
                ArchiveGuard.Checked checked = guard.check(entry.getName(), kind, target);
                if (kind != EntryKind.SYMLINK) {
                    inflate(zip, entry); // directories too: their data, if any, would be copied
                }
                if (plan.replaces(checked)) {
                    replaced.add(entry);
                } else {
                    guard.record(checked);
                }
            }
            guard.verifyLinks();
            for (ZipArchiveEntry entry : entries) {
                if (!replaced.contains(entry)) {
                    copyRaw(zip, entry, zos);
                }
            }
            List<InsertionPlan.Addition> additions = plan.additions(guard::isDirectory);
            long time = fixedDosTime();
            for (InsertionPlan.Addition addition : additions) {
                append(zos, addition, time, buffer);
            }
            zos.finish();
            return new EntryCounts(entries.size() - replaced.size(), replaced.size(), additions.size());
        }
    }

    /** Raw copy, with setuid/setgid/sticky cleared in a unix mode (the high 16 bits of the external attributes). */
    private static void copyRaw(ZipFile zip, ZipArchiveEntry entry, ZipArchiveOutputStream zos) throws IOException {
        try (InputStream raw = zip.getRawInputStream(entry)) {
            if (entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX) {
                entry.setExternalAttributes(entry.getExternalAttributes() & ~((long) TarRepacker.SPECIAL_BITS << 16));
            }
            zos.addRawArchiveEntry(entry, raw);
        }
    }

    /** Counts an entry's real size against the limit; refuses one that inflates to more than it declares. */
    private void inflate(ZipFile zip, ZipArchiveEntry entry) {
        long declared = entry.getSize();
        long size = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                size += n;
                budget.bytes(n);
                if (declared >= 0 && size > declared) {
                    throw new UnsafeArchiveException("archive entry '" + entry.getName() + "' inflates to more than the "
                            + declared + " bytes it declares");
                }
            }
        } catch (IOException e) {
            throw TarRepacker.corrupt(e);
        }
        if (declared >= 0 && size != declared) {
            throw new TaskFailureException("input archive is corrupt: entry '" + entry.getName() + "' inflates to "
                    + size + " bytes but declares " + declared);
        }
    }

    /** A symlink's target is its content: read at most PATH_MAX bytes of it, whatever the entry claims. */
    private static String symlinkTarget(ZipFile zip, ZipArchiveEntry entry) {
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] target = in.readNBytes(EntryPaths.PATH_MAX + 1);
            if (target.length > EntryPaths.PATH_MAX) {
                throw new UnsafeArchiveException("archive entry '" + entry.getName() + "' is a symlink whose target is"
                        + " longer than " + EntryPaths.PATH_MAX + " characters");
            }
            return new String(target, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw TarRepacker.corrupt(e);
        }
    }

    private static ZipFile open(Path input) {
        try {
            return ZipFile.builder().setPath(input).get();
        } catch (IOException e) {
            throw TarRepacker.corrupt(e);
        }
    }

    /**
     * Zip stores local wall-clock time (DOS time), which commons-compress derives through the default time zone:
     * picking the instant at which local time reads 2000-01-01 00:00 writes the same bytes in every time zone.
     */
    private static long fixedDosTime() {
        return LocalDateTime.of(2000, 1, 1, 0, 0).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    }

    private static void append(ZipArchiveOutputStream zos, InsertionPlan.Addition addition, long time, byte[] buffer)
            throws IOException {
        boolean dir = addition.isDirectory();
        ZipArchiveEntry entry = new ZipArchiveEntry(addition.name() + (dir ? "/" : ""));
        entry.setUnixMode(dir ? UnixStat.DIR_FLAG | TarRepacker.DIRECTORY_MODE : UnixStat.FILE_FLAG | TarRepacker.FILE_MODE);
        entry.setTime(time);
        entry.setMethod(dir ? ZipEntry.STORED : ZipEntry.DEFLATED);
        zos.putArchiveEntry(entry);
        if (!dir) {
            try (InputStream in = addition.file().content().open()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    zos.write(buffer, 0, n);
                }
            }
        }
        zos.closeArchiveEntry();
    }
}
