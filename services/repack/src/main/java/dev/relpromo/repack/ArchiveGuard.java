package dev.relpromo.repack;

import java.util.HashSet;
import java.util.Set;

/**
 * Refuses entries that could make extraction write outside the archive root, in archive order. Nothing is ever
 * extracted by the repack itself; the guard protects whoever unpacks the output (signing, the user).
 *
 * <ul>
 *   <li>absolute names and {@code ..} components;</li>
 *   <li>symlinks whose target, resolved against the link's directory, leaves the root (absolute targets always do);</li>
 *   <li>hardlinks to a name that is not an earlier non-directory entry (so: nothing outside, nothing replaced);</li>
 *   <li>entries below a symlink: extraction would follow the link, so lexical checks would no longer hold.</li>
 * </ul>
 *
 * It also remembers which directories exist (explicitly or as parents), so that inserted files only add
 * directory entries for new directories. Memory grows with the number of entries, not with the archive size.
 */
final class ArchiveGuard {
    private final Set<String> nonDirectories = new HashSet<>();
    private final Set<String> symlinks = new HashSet<>();
    private final Set<String> directories = new HashSet<>();

    /** A validated entry: its canonical name and kind. */
    record Checked(String name, String canonical, EntryKind kind) {
    }

    Checked check(String name, EntryKind kind, String linkTarget) {
        String canonical = EntryPaths.canonical(name, "archive entry");
        if (canonical.isEmpty() && !kind.isDirectory()) {
            throw new UnsafeArchiveException("archive entry '" + name + "' names the archive root but is not a directory");
        }
        for (String dir = EntryPaths.parent(canonical); !dir.isEmpty(); dir = EntryPaths.parent(dir)) {
            if (symlinks.contains(dir)) {
                throw new UnsafeArchiveException("archive entry '" + name + "' is inside symlink '" + dir + "'");
            }
        }
        switch (kind) {
            case SYMLINK -> checkSymlink(name, canonical, linkTarget);
            case HARDLINK -> checkHardlink(name, linkTarget);
            default -> {
            }
        }
        return new Checked(name, canonical, kind);
    }

    private static void checkSymlink(String name, String canonical, String target) {
        if (target == null || target.isEmpty()) {
            throw new UnsafeArchiveException("archive entry '" + name + "' is a symlink without a target");
        }
        if (EntryPaths.resolve(EntryPaths.parent(canonical), target).isEmpty()) {
            throw new UnsafeArchiveException("archive entry '" + name + "' is a symlink to '" + target
                    + "', which escapes the archive root");
        }
    }

    private void checkHardlink(String name, String target) {
        if (target == null || target.isEmpty()) {
            throw new UnsafeArchiveException("archive entry '" + name + "' is a hardlink without a target");
        }
        String resolved;
        try {
            resolved = EntryPaths.canonical(target, "hardlink target");
        } catch (UnsafeArchiveException e) {
            throw new UnsafeArchiveException("archive entry '" + name + "' is a hardlink to '" + target
                    + "', which escapes the archive root");
        }
        if (!nonDirectories.contains(resolved)) {
            throw new UnsafeArchiveException("archive entry '" + name + "' is a hardlink to '" + target
                    + "', which is not an earlier file of the archive");
        }
    }

    /** Records an entry that is copied to the output (a skipped original is not a valid hardlink target). */
    void record(Checked entry) {
        if (entry.kind().isDirectory()) {
            directories.add(entry.canonical());
        } else {
            nonDirectories.add(entry.canonical());
            if (entry.kind() == EntryKind.SYMLINK) {
                symlinks.add(entry.canonical());
            }
        }
        for (String dir = EntryPaths.parent(entry.canonical()); !dir.isEmpty(); dir = EntryPaths.parent(dir)) {
            if (!directories.add(dir)) {
                break; // its parents were added with it
            }
        }
    }

    boolean isDirectory(String canonical) {
        return canonical.isEmpty() || directories.contains(canonical);
    }
}
