package dev.relpromo.repack;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides whether the tree an archive produces when extracted stays inside its root, whatever order the entries
 * are extracted in. Nothing is ever extracted by the repack itself; the guard protects whoever unpacks the output
 * (signing, the user).
 *
 * <p>Per entry, as it streams past ({@link #check}, then {@link #record} for each entry that is copied):
 * <ul>
 *   <li>absolute names and {@code ..} components are refused;</li>
 *   <li>no entry may lie below a symlink, whether the symlink comes before or after it, and a symlink's name may
 *       not also be a file or directory: every entry's parents are then real directories in any extraction
 *       order;</li>
 *   <li>a hardlink must name an earlier copied file; a hardlink to a symlink is refused (extracting it would
 *       recreate the symlink at the hardlink's place, where its target means something else).</li>
 * </ul>
 * After the last entry ({@link #verifyLinks}): every symlink is resolved on the final tree, following the other
 * symlinks its target passes through, as the kernel would. Any that leaves the root at any step, or loops, fails
 * the repack. Symlinks missing at some moment of an extraction only make a path dangle, never escape, so checking
 * the final tree covers every order.
 *
 * <p>It also remembers which directories exist (explicitly or as parents), so that inserted files only add
 * directory entries for new directories. Memory grows with the number of entries (names are at most
 * {@value EntryPaths#PATH_MAX} characters), not with the archive size.
 */
final class ArchiveGuard {
    /** Linux's MAXSYMLINKS: a deeper chain is unusable anyway, and it bounds the recursion. */
    static final int MAX_LINK_DEPTH = 40;

    private final ArchiveLimits.Budget budget;
    /** Copied files and hardlinks: the valid hardlink targets. */
    private final Set<String> files = new HashSet<>();
    /** Symlink name → its entry (for messages and the target). */
    private final Map<String, Checked> symlinks = new HashMap<>();
    /** Directory → the entry that declared it or first lay inside it. */
    private final Map<String, String> directories = new HashMap<>();

    ArchiveGuard(ArchiveLimits.Budget budget) {
        this.budget = budget;
    }

    /** A validated entry: its name as written, its canonical name, kind and link target (null for others). */
    record Checked(String name, String canonical, EntryKind kind, String target) {
    }

    /** Checks an entry on its own (name and target form) and counts it against the entry limit. */
    Checked check(String name, EntryKind kind, String linkTarget) {
        budget.entry(name);
        String canonical = EntryPaths.canonical(name, "archive entry");
        if (canonical.isEmpty() && !kind.isDirectory()) {
            throw new UnsafeArchiveException("archive entry '" + name + "' names the archive root but is not a directory");
        }
        switch (kind) {
            case SYMLINK -> {
                EntryPaths.checkTarget(name, "symlink", linkTarget);
                if (EntryPaths.resolve(EntryPaths.parent(canonical), linkTarget).isEmpty()) {
                    throw escapes(name, linkTarget, null); // lexically: no need to wait for the whole tree
                }
            }
            case HARDLINK -> EntryPaths.checkTarget(name, "hardlink", linkTarget);
            default -> {
            }
        }
        return new Checked(name, canonical, kind, kind == EntryKind.SYMLINK || kind == EntryKind.HARDLINK ? linkTarget : null);
    }

    /** Adds a copied entry to the tree; throws when it conflicts with what the tree already holds. */
    void record(Checked entry) {
        String name = entry.canonical();
        for (String dir = EntryPaths.parent(name); !dir.isEmpty(); dir = EntryPaths.parent(dir)) {
            if (symlinks.containsKey(dir)) {
                throw new UnsafeArchiveException("archive entry '" + entry.name() + "' is inside symlink '" + dir + "'");
            }
        }
        if (symlinks.containsKey(name)) {
            throw new UnsafeArchiveException("archive entry '" + entry.name() + "' has the name of symlink '"
                    + symlinks.get(name).name() + "'; which one extraction keeps depends on the tool");
        }
        switch (entry.kind()) {
            case DIRECTORY -> directories.put(name, entry.name());
            case FILE -> files.add(name);
            case HARDLINK -> recordHardlink(entry);
            case SYMLINK -> recordSymlink(entry);
        }
        String child = entry.name();
        for (String dir = EntryPaths.parent(name); !dir.isEmpty(); dir = EntryPaths.parent(dir)) {
            if (directories.putIfAbsent(dir, child) != null) {
                break; // its parents were added with it
            }
        }
    }

    private void recordSymlink(Checked link) {
        String name = link.canonical();
        String inside = directories.get(name);
        if (inside != null) {
            throw new UnsafeArchiveException(EntryPaths.canonical(inside, "archive entry").equals(name)
                    ? "archive entry '" + link.name() + "' is a symlink and also a directory"
                    : "archive entry '" + inside + "' is inside symlink '" + link.name() + "', which comes later");
        }
        if (files.contains(name)) {
            throw new UnsafeArchiveException("archive entry '" + link.name() + "' is a symlink and also a file");
        }
        symlinks.put(name, link);
    }

    private void recordHardlink(Checked link) {
        String resolved;
        try {
            resolved = EntryPaths.canonical(link.target(), "hardlink target");
        } catch (UnsafeArchiveException e) {
            throw new UnsafeArchiveException("archive entry '" + link.name() + "' is a hardlink to '" + link.target()
                    + "', which escapes the archive root");
        }
        if (symlinks.containsKey(resolved)) {
            throw new UnsafeArchiveException("archive entry '" + link.name() + "' is a hardlink to symlink '"
                    + link.target() + "'; extracting it would recreate that symlink at another place");
        }
        if (!files.contains(resolved)) {
            throw new UnsafeArchiveException("archive entry '" + link.name() + "' is a hardlink to '" + link.target()
                    + "', which is not an earlier file of the archive");
        }
        files.add(link.canonical());
    }

    /**
     * Resolves every symlink on the final tree; call after the last entry, before the output is used. Links are
     * checked in name order so the error is the same on every run.
     */
    void verifyLinks() {
        Map<String, String> resolved = new HashMap<>();
        Set<String> resolving = new HashSet<>();
        for (String link : new TreeMap<>(symlinks).keySet()) {
            resolveLink(link, resolved, resolving, 0);
        }
    }

    /** Where a symlink really points (canonical, "" for the root); memoised, so every target is walked once. */
    private String resolveLink(String link, Map<String, String> resolved, Set<String> resolving, int depth) {
        String known = resolved.get(link);
        if (known != null) {
            return known;
        }
        Checked entry = symlinks.get(link);
        if (!resolving.add(link) || depth > MAX_LINK_DEPTH) {
            throw new UnsafeArchiveException("archive entry '" + entry.name() + "' is a symlink to '" + entry.target()
                    + "', which never resolves: a symlink loop (or a chain deeper than " + MAX_LINK_DEPTH + " links)");
        }
        String where = walk(entry, resolved, resolving, depth);
        resolving.remove(link);
        resolved.put(link, where);
        return where;
    }

    /** Walks a symlink's target from the link's directory, following the symlinks on the way. */
    private String walk(Checked link, Map<String, String> resolved, Set<String> resolving, int depth) {
        Deque<String> parts = split(EntryPaths.parent(link.canonical()));
        String through = null;
        for (String part : link.target().split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw escapes(link.name(), link.target(), through);
                }
                parts.removeLast();
                continue;
            }
            parts.addLast(part);
            String path = String.join("/", parts);
            if (symlinks.containsKey(path)) {
                through = symlinks.get(path).name();
                parts = split(resolveLink(path, resolved, resolving, depth + 1));
            }
        }
        return String.join("/", parts);
    }

    private static Deque<String> split(String canonical) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : canonical.split("/")) {
            if (!p.isEmpty()) {
                parts.addLast(p);
            }
        }
        return parts;
    }

    private static UnsafeArchiveException escapes(String name, String target, String through) {
        return new UnsafeArchiveException("archive entry '" + name + "' is a symlink to '" + target
                + "', which escapes the archive root" + (through == null ? "" : " (through symlink '" + through + "')"));
    }

    boolean isDirectory(String canonical) {
        return canonical.isEmpty() || directories.containsKey(canonical);
    }
}
