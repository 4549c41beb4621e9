package dev.relpromo.repackage.windows;

import dev.relpromo.kit.failure.TaskFailureException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Zip entry names that are safe to extract on Windows, where the installer unpacks them. Names are refused rather
 * than normalised: a build never contains {@code ./}, {@code //} or {@code ..}, and tools disagree about them.
 */
final class EntryNames {
    /** Longer names cannot be extracted anyway, and the check keeps every name in memory. */
    static final int MAX_LENGTH = 4096;
    /** Characters Windows refuses in a file name; {@code :} would also open an NTFS alternate data stream. */
    private static final Pattern WINDOWS_INVALID = Pattern.compile("[<>:\"|?*]");
    /** Device names Windows resolves whatever the directory and extension ({@code core/NUL.txt} is the null device). */
    private static final Pattern DEVICE = Pattern.compile("(?i)(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\\..*)?");

    private EntryNames() {
    }

    /**
     * Checks an entry name and returns it without its trailing {@code /} (directories).
     *
     * @param zip how messages name the zip, for example its path
     */
    static String check(String name, String zip) {
        if (name == null || name.isEmpty() || name.equals("/")) {
            throw refused("", zip, "has an empty name");
        }
        if (name.length() > MAX_LENGTH) {
            throw refused(name.substring(0, 64) + "...", zip, "has a name longer than " + MAX_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw refused(printable(name), zip, "contains a NUL or another control character");
        }
        if (name.indexOf('\\') >= 0) {
            // a path separator on Windows: "firefox\\..\\..\\x" would escape where the installer extracts
            throw refused(name, zip, "contains a backslash");
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw refused(name, zip, "is an absolute path");
        }
        String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String part : path.split("/", -1)) {
            if (part.equals("..")) {
                throw refused(name, zip, "has a '..' component");
            }
            if (part.isEmpty() || part.equals(".")) {
                throw refused(name, zip, "has an empty or '.' component");
            }
            if (WINDOWS_INVALID.matcher(part).find()) {
                throw refused(name, zip, "contains a character Windows does not allow in names (<>:\"|?*)");
            }
            if (part.endsWith(".") || part.endsWith(" ")) {
                // Windows drops them, so "a." and "a" would be the same file
                throw refused(name, zip, "has a component ending in a dot or space");
            }
            if (DEVICE.matcher(part).matches()) {
                throw refused(name, zip, "names a Windows device (" + part + ")");
            }
        }
        return path;
    }

    /** The key two names collide under on Windows, whose file systems ignore case. */
    static String collisionKey(String path) {
        return path.toLowerCase(Locale.ROOT);
    }

    static TaskFailureException refused(String name, String zip, String why) {
        return new TaskFailureException("entry '" + name + "' in " + zip + " " + why);
    }

    private static String printable(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
