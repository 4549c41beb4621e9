package dev.relpromo.repack;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Entry names reduced to a canonical relative form ({@code ./firefox//a/} → {@code firefox/a}) so that originals,
 * link targets and inserted files can be compared, and so that anything addressing a path outside the archive
 * root is refused before a byte of it is copied.
 */
final class EntryPaths {
    /** Linux's limit on a path; longer names cannot be extracted anyway, and the link check keeps every name. */
    static final int PATH_MAX = 4096;

    private EntryPaths() {
    }

    /**
     * The canonical name of an entry; the root itself ({@code ./}) is the empty string.
     *
     * @param what how the message refers to the entry ("archive entry", "sub-config entry")
     */
    static String canonical(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new UnsafeArchiveException(what + " has an empty name");
        }
        if (name.length() > PATH_MAX) {
            throw new UnsafeArchiveException(what + " '" + name.substring(0, 64) + "...' has a name longer than "
                    + PATH_MAX + " characters");
        }
        if (name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0) {
            // backslashes are path separators for Windows unzip tools, so "..\\x" would escape there
            throw new UnsafeArchiveException(what + " '" + printable(name) + "' contains a NUL or backslash");
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new UnsafeArchiveException(what + " '" + name + "' escapes the archive root");
        }
        Optional<String> resolved = resolve("", name);
        if (resolved.isEmpty()) {
            throw new UnsafeArchiveException(what + " '" + name + "' escapes the archive root");
        }
        if (name.equals("..") || name.startsWith("../") || name.contains("/../") || name.endsWith("/..")) {
            // a/../b stays inside, but extraction tools disagree about such names: refuse them all
            throw new UnsafeArchiveException(what + " '" + name + "' has a '..' component");
        }
        return resolved.get();
    }

    /**
     * Resolves a link target against the link's directory, lexically. Empty when the result leaves the root or
     * the target is absolute.
     */
    static Optional<String> resolve(String directory, String target) {
        if (target.startsWith("/")) {
            return Optional.empty();
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String p : directory.split("/")) {
            if (!p.isEmpty()) {
                parts.addLast(p);
            }
        }
        for (String p : target.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return Optional.of(String.join("/", parts));
    }

    /**
     * Checks a link target's form: present, not too long, without NUL or backslash (a Windows separator).
     * Whether it stays inside is decided on the whole tree ({@link ArchiveGuard}).
     */
    static void checkTarget(String name, String kind, String target) {
        if (target == null || target.isEmpty()) {
            throw new UnsafeArchiveException("archive entry '" + name + "' is a " + kind + " without a target");
        }
        if (target.length() > PATH_MAX) {
            throw new UnsafeArchiveException("archive entry '" + name + "' is a " + kind
                    + " whose target is longer than " + PATH_MAX + " characters");
        }
        if (target.indexOf('\0') >= 0 || target.indexOf('\\') >= 0) {
            throw new UnsafeArchiveException("archive entry '" + name + "' is a " + kind + " to '" + printable(target)
                    + "', which contains a NUL or backslash");
        }
    }

    /** The directory holding an entry; the root is the empty string. */
    static String parent(String canonical) {
        int slash = canonical.lastIndexOf('/');
        return slash < 0 ? "" : canonical.substring(0, slash);
    }

    static String firstComponent(String canonical) {
        int slash = canonical.indexOf('/');
        return slash < 0 ? canonical : canonical.substring(0, slash);
    }

    static String join(String directory, String name) {
        return directory.isEmpty() ? name : directory + "/" + name;
    }

    private static String printable(String name) {
        return name.replace("\0", "\\0");
    }
}
