package dev.relpromo.repack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The sub-config's files placed under the customisation root, and how each original entry relates to them:
 * an original with the same name as an inserted file is dropped (so extraction is not ambiguous), and an
 * original that would turn an inserted file or directory into something else is a conflict.
 */
final class InsertionPlan {
    private final Map<String, InsertedFile> files = new TreeMap<>();
    private final Set<String> directories = new TreeSet<>();

    /** One entry to append: a directory ({@code file} null) or a file. Names are canonical (no trailing slash). */
    record Addition(String name, InsertedFile file) {
        boolean isDirectory() {
            return file == null;
        }
    }

    InsertionPlan(String root, List<InsertedFile> inserted) {
        for (InsertedFile f : inserted) {
            String name = EntryPaths.join(root, f.path());
            files.put(name, f);
            for (String dir = EntryPaths.parent(name); !dir.isEmpty(); dir = EntryPaths.parent(dir)) {
                directories.add(dir);
            }
        }
    }

    /** True when the original is replaced by an inserted file; throws when the two cannot coexist. */
    boolean replaces(ArchiveGuard.Checked original) {
        String name = original.canonical();
        if (files.containsKey(name)) {
            if (original.kind().isDirectory()) {
                throw conflict(original, "is a directory where the sub-config inserts a file");
            }
            return true;
        }
        if (directories.contains(name) && !original.kind().isDirectory()) {
            throw conflict(original, "is a " + original.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " where the sub-config needs a directory");
        }
        for (String dir = EntryPaths.parent(name); !dir.isEmpty(); dir = EntryPaths.parent(dir)) {
            if (files.containsKey(dir)) {
                throw conflict(original, "is inside '" + dir + "', which the sub-config inserts as a file");
            }
        }
        return false;
    }

    /** Directory entries for directories the archive lacks, then the files, all sorted by name. */
    List<Addition> additions(Predicate<String> existingDirectory) {
        TreeMap<String, Addition> sorted = new TreeMap<>();
        for (String dir : directories) {
            if (!existingDirectory.test(dir)) {
                sorted.put(dir + "/", new Addition(dir, null));
            }
        }
        files.forEach((name, f) -> sorted.put(name, new Addition(name, f)));
        return new ArrayList<>(sorted.values());
    }

    private static UnsafeArchiveException conflict(ArchiveGuard.Checked original, String why) {
        return new UnsafeArchiveException("archive entry '" + original.name() + "' " + why);
    }
}
