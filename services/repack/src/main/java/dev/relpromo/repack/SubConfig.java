package dev.relpromo.repack;

import dev.relpromo.kit.failure.TaskFailureException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * The partner customisation of one repack: the {@code distribution/} and {@code extensions/} trees of the
 * sub-config snapshot the planner stored (a zip of {@code repack.cfg}, {@code distribution/**},
 * {@code extensions/**}), with {@code distribution.ini} edited for the repack's locale and migration setting.
 * Everything else in the snapshot ({@code repack.cfg}) is not copied into builds.
 *
 * <p>Keeps the snapshot open so file contents are streamed when written; close it after the repack.
 */
public final class SubConfig implements Closeable {
    private static final Set<String> COPIED_TREES = Set.of("distribution", "extensions");
    /** distribution.ini is read into memory to be edited; a real one is a few kB. */
    static final int MAX_INI_BYTES = 1 << 20;

    private final ZipFile zip;
    private final List<InsertedFile> files;

    private SubConfig(ZipFile zip, List<InsertedFile> files) {
        this.zip = zip;
        this.files = files;
    }

    /** Reads a sub-config snapshot; fails when it has no {@code distribution/distribution.ini}. */
    public static SubConfig open(Path snapshot, Customisation customisation) throws IOException {
        return open(snapshot, customisation, ArchiveLimits.defaults());
    }

    /** As {@link #open(Path, Customisation)}, with the snapshot's entries and sizes held to {@code limits}. */
    public static SubConfig open(Path snapshot, Customisation customisation, ArchiveLimits limits) throws IOException {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(snapshot).get();
        } catch (IOException e) {
            throw new TaskFailureException("sub-config snapshot " + snapshot.getFileName() + " is not a readable zip: "
                    + e.getMessage(), e);
        }
        try {
            return new SubConfig(zip, read(zip, customisation,
                    limits.budget("sub-config snapshot " + snapshot.getFileName())));
        } catch (RuntimeException | IOException e) {
            zip.close();
            throw e;
        }
    }

    private static List<InsertedFile> read(ZipFile zip, Customisation customisation, ArchiveLimits.Budget budget)
            throws IOException {
        List<InsertedFile> files = new ArrayList<>();
        boolean hasIni = false;
        for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
            budget.entry(entry.getName());
            String path = EntryPaths.canonical(entry.getName(), "sub-config entry");
            if (entry.isDirectory() || !COPIED_TREES.contains(EntryPaths.firstComponent(path))
                    || !path.contains("/")) {
                continue;
            }
            if (entry.isUnixSymlink()) {
                throw new UnsafeArchiveException("sub-config entry '" + entry.getName() + "' is a symlink");
            }
            String what = "sub-config entry '" + entry.getName() + "'";
            long size = entry.getSize();
            if (size < 0) {
                throw new TaskFailureException(what + " has no size in the zip directory");
            }
            budget.bytes(size); // what is copied is held to this size (CountingStreams.exactly)
            if (path.equals(DistributionIni.PATH)) {
                hasIni = true;
                if (size > MAX_INI_BYTES) {
                    throw new UnsafeArchiveException(what + " is " + size + " bytes; more than "
                            + MAX_INI_BYTES + " cannot be a distribution.ini");
                }
                byte[] original;
                try (var in = CountingStreams.exactly(zip.getInputStream(entry), size, what)) {
                    original = in.readAllBytes();
                }
                files.add(InsertedFile.of(path, DistributionIni.customise(original, customisation)));
            } else {
                files.add(new InsertedFile(path, size, () -> CountingStreams.exactly(zip.getInputStream(entry), size, what)));
            }
        }
        if (!hasIni) {
            throw new TaskFailureException("sub-config snapshot has no " + DistributionIni.PATH
                    + " (every partner repack needs one)");
        }
        files.sort((a, b) -> a.path().compareTo(b.path()));
        for (int i = 1; i < files.size(); i++) {
            if (files.get(i).path().equals(files.get(i - 1).path())) {
                throw new TaskFailureException("sub-config snapshot has two entries named '" + files.get(i).path() + "'");
            }
        }
        return List.copyOf(files);
    }

    /** The files to insert, relative to the customisation root, sorted by path. */
    List<InsertedFile> files() {
        return files;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
