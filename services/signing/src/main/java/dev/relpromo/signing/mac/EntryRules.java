package dev.relpromo.signing.mac;

import dev.relpromo.kit.failure.TaskFailureException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a bundle entry may be called and where its symlinks may point, checked before anything is written to
 * disk. The same rules apply when an archive is extracted and when a (possibly tool-modified) tree is packed.
 *
 * <p>Symlink targets must be relative and <em>normalised</em>: some {@code ..} first, then plain names
 * ({@code ../Frameworks/Foo}, {@code Versions/Current}), with no more {@code ..} than the link's depth inside the
 * {@code .app}. That rule needs no resolution of the final tree: the link's own directory is real (no entry may lie
 * below a symlink), climbing from it stays inside the bundle, and descending by plain names only enters children or
 * other links, which obey the same rule. A {@code ..} after a name could climb out of whatever a symlink on the way
 * points to, so it is refused rather than resolved.
 */
final class EntryRules {
    /** Linux's PATH_MAX: longer names cannot be extracted anyway. */
    static final int PATH_MAX = 4096;

    private EntryRules() {
    }

    /**
     * The canonical relative name of an archive entry ({@code ./Firefox.app//Contents/} → {@code
     * Firefox.app/Contents}); the archive root ({@code ./}) is the empty string.
     */
    static String canonical(String name) {
        if (name == null || name.isEmpty()) {
            throw unsafe("an archive entry has an empty name");
        }
        if (name.length() > PATH_MAX) {
            throw unsafe("archive entry '" + name.substring(0, 64) + "...' has a name longer than " + PATH_MAX
                    + " characters");
        }
        if (name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0) {
            throw unsafe("archive entry '" + name.replace('\0', '?') + "' contains a NUL or a backslash");
        }
        if (name.startsWith("/")) {
            throw unsafe("archive entry '" + name + "' is an absolute path");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw unsafe("archive entry '" + name + "' contains '..'");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    /**
     * Checks a symlink's target against the rule above.
     *
     * @param entry the entry's name as the message should show it
     * @param inApp the link's canonical path inside the {@code .app} ({@code Contents/MacOS/x})
     * @param app   the bundle's directory name, for the message
     */
    static void checkSymlink(String entry, String inApp, String target, String app) {
        if (target == null || target.isEmpty()) {
            throw unsafe("archive entry '" + entry + "' is a symlink with an empty target");
        }
        if (target.indexOf('\0') >= 0 || target.indexOf('\\') >= 0) {
            throw unsafe("archive entry '" + entry + "' is a symlink whose target contains a NUL or a backslash");
        }
        if (target.startsWith("/")) {
            throw unsafe("archive entry '" + entry + "' is a symlink to the absolute path '" + target
                    + "', which leaves " + app);
        }
        int ups = 0;
        boolean named = false;
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (named) {
                    throw unsafe("archive entry '" + entry + "' is a symlink to '" + target
                            + "', which is not normalised ('..' after a name); refused rather than resolved");
                }
                ups++;
            } else {
                named = true;
            }
        }
        int depth = inApp.isEmpty() ? 0 : inApp.split("/").length - 1;
        if (ups > depth) {
            throw unsafe("archive entry '" + entry + "' is a symlink to '" + target + "', which escapes " + app);
        }
    }

    static TaskFailureException unsafe(String message) {
        return new TaskFailureException(message);
    }
}
