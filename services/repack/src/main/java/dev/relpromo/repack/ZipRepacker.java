package dev.relpromo.repack;

import java.io.IOException;
import java.io.InputStream;
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
 * Windows {@code target.zip}: the original entries are copied raw (compressed bytes, headers and all, no
 * recompression: hundreds of MB/s), then the sub-config's files are added under {@code firefox/}, as Info-ZIP's
 * {@code zip -r target.zip firefox} does in the real pipeline, but without duplicating replaced entries.
 */
final class ZipRepacker {
    private static final String ROOT = "firefox";
    private final List<InsertedFile> inserted;

    ZipRepacker(List<InsertedFile> inserted) {
        this.inserted = inserted;
    }

    EntryCounts repack(Path input, Path output) throws IOException {
        try (ZipFile zip = open(input);
             ZipArchiveOutputStream zos = new ZipArchiveOutputStream(output)) { // seekable: no data descriptors
            ArchiveGuard guard = new ArchiveGuard();
            InsertionPlan plan = new InsertionPlan(ROOT, inserted);
            Set<ZipArchiveEntry> replaced = Collections.newSetFromMap(new IdentityHashMap<>());
            for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
                EntryKind kind = entry.isDirectory() ? EntryKind.DIRECTORY
                        : entry.isUnixSymlink() ? EntryKind.SYMLINK : EntryKind.FILE;
                String target = kind == EntryKind.SYMLINK ? zip.getUnixSymlink(entry) : null;
                ArchiveGuard.Checked checked = guard.check(entry.getName(), kind, target);
                if (plan.replaces(checked)) {
                    replaced.add(entry);
                } else {
                    guard.record(checked);
                }
            }
            zip.copyRawEntries(zos, e -> !replaced.contains(e));
            List<InsertionPlan.Addition> additions = plan.additions(guard::isDirectory);
            long time = fixedDosTime();
            byte[] buffer = new byte[1 << 16];
            for (InsertionPlan.Addition addition : additions) {
                append(zos, addition, time, buffer);
            }
            zos.finish();
            int entries = Collections.list(zip.getEntries()).size();
            return new EntryCounts(entries - replaced.size(), replaced.size(), additions.size());
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
