package dev.relpromo.repackage.mac;

import dev.relpromo.kit.failure.TaskFailureException;
import java.util.ArrayList;
import java.util.List;

/**
 * The path rules for entries of {@code target.tar.gz}: names are reduced to their components, and anything that
 * could address a place outside the bundle is refused with a message naming the entry.
 */
final class EntryRules {
    /** Longest entry name or link target accepted (macOS PATH_MAX is 1024). */
    static final int MAX_PATH = 1024;

    private EntryRules() {
    }

    /** The components of an entry name ({@code ./Firefox.app//Contents/} → [Firefox.app, Contents]). */
    static List<String> components(String name) {
        if (name.length() > MAX_PATH) {
            throw refuse(name.substring(0, 64) + "...", "has a name longer than " + MAX_PATH + " characters");
        }
        if (name.indexOf('\0') >= 0) {
            throw refuse(name, "contains a NUL character");
        }
        if (name.startsWith("/")) {
            throw refuse(name, "is an absolute path");
        }
        List<String> parts = new ArrayList<>();
        for (String p : name.split("/")) {
            if (p.equals("..")) {
                throw refuse(name, "has a '..' component");
            }
            if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        return parts;
    }

    /**
     * Checks a symlink's target: relative, and inside the {@code .app} bundle when resolved from the link's
     * folder. Leading {@code ..} components may climb towards the bundle root, but once the target has gone down
     * into a name it may not climb again: "a/../.." would otherwise climb out through "a" if "a" is itself a link.
     *
     * @param linkPath the link's components, the bundle name first
     */
    static void checkLinkTarget(String entryName, List<String> linkPath, String target) {
        if (target.isEmpty()) {
            throw refuse(entryName, "is a symlink with an empty target");
        }
        if (target.length() > MAX_PATH || target.indexOf('\0') >= 0) {
            throw refuse(entryName, "is a symlink with an unusable target");
        }
        if (target.startsWith("/")) {
            throw refuse(entryName, "is a symlink to the absolute path '" + target + "'");
        }
        int depth = linkPath.size() - 1; // the link's folder, counted from the volume root
        boolean descended = false;
        for (String p : target.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (descended) {
                    throw refuse(entryName, "is a symlink whose target '" + target + "' climbs back up after a name");
                }
                depth--;
                if (depth < 1) {
                    throw refuse(entryName, "is a symlink whose target '" + target + "' resolves outside the bundle");
                }
            } else {
                descended = true;
                depth++;
            }
        }
    }

    static TaskFailureException refuse(String entryName, String why) {
        return new TaskFailureException("target.tar.gz entry '" + entryName + "' " + why);
    }
}
