package dev.relpromo.repackage.mac.hfs;

import java.text.Normalizer;
import java.util.Arrays;

/**
 * A catalog node name as HFS+ stores it (TN1150 "HFSUniStr255"): UTF-16, canonically decomposed, at most 255
 * units, with a POSIX ':' stored as '/'. Ordered the way the catalog B-tree orders keys (TN1150
 * "FastUnicodeCompare": case-insensitive, compared unit by unit after case folding, shorter name first).
 *
 * <p>Supported names: printable ASCII, plus Latin letters with diacritics (U+00C0–U+024F, U+1E00–U+1EFF) whose
 * canonical decomposition is ASCII followed by combining marks (U+0300–U+036F); e.g. "é" is stored as "e" +
 * U+0301. Within that set FastUnicodeCompare folds only A–Z to a–z, has no ignorable characters, and Java's NFD
 * agrees with the HFS+ decomposition (Unicode 3.2; these decompositions are frozen), so ordering and equality are
 * exact. Anything else (e.g. "ß", "Ø", CJK) is refused rather than risk a catalog that macOS cannot search.
 */
public final class HfsName implements Comparable<HfsName> {
    /** TN1150: HFSUniStr255 holds at most 255 UTF-16 units. */
    public static final int MAX_LENGTH = 255;

    static final HfsName EMPTY = new HfsName("", new char[0]);

    private final String display;
    private final char[] units;

    private HfsName(String display, char[] units) {
        this.display = display;
        this.units = units;
    }

    /**
     * The catalog form of a POSIX name.
     *
     * @throws IllegalArgumentException naming the reason when the name is empty, too long or outside the
     *         supported character set
     */
    public static HfsName of(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an empty name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isSupportedInput(c)) {
                throw new IllegalArgumentException(String.format(
                        "character U+%04X is outside the supported set (printable ASCII and accented Latin letters)",
                        (int) c));
            }
        }
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        char[] units = decomposed.toCharArray();
        for (int i = 0; i < units.length; i++) {
            char c = units[i];
            if (!isAscii(c) && !isCombiningMark(c)) {
                // a precomposed letter with no canonical decomposition (Æ, Ø, ß, Ł ...)
                throw new IllegalArgumentException(String.format(
                        "character U+%04X has no decomposition to ASCII and combining marks", (int) c));
            }
            if (c == ':') {
                units[i] = '/'; // TN1150: the POSIX ':' is the catalog's '/'
            }
        }
        if (units.length > MAX_LENGTH) {
            throw new IllegalArgumentException("a name of " + units.length + " UTF-16 units (HFS+ allows "
                    + MAX_LENGTH + ")");
        }
        return new HfsName(name, units);
    }

    private static boolean isSupportedInput(char c) {
        return isAscii(c) || (c >= 0x00C0 && c <= 0x024F) || (c >= 0x1E00 && c <= 0x1EFF) || isCombiningMark(c);
    }

    private static boolean isAscii(char c) {
        return c >= 0x20 && c <= 0x7E;
    }

    private static boolean isCombiningMark(char c) {
        return c >= 0x0300 && c <= 0x036F;
    }

    /** FastUnicodeCompare's lower-case table restricted to the supported set: only A–Z fold. */
    private static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** The UTF-16 units written to the catalog. */
    public char[] units() {
        return units.clone();
    }

    int length() {
        return units.length;
    }

    char unit(int i) {
        return units[i];
    }

    /** The name as given, for messages. */
    @Override
    public String toString() {
        return display;
    }

    @Override
    public int compareTo(HfsName other) {
        int n = Math.min(units.length, other.units.length);
        for (int i = 0; i < n; i++) {
            int d = fold(units[i]) - fold(other.units[i]);
            if (d != 0) {
                return d;
            }
        }
        return units.length - other.units.length;
    }

    /** Equal when HFS+ sees the same catalog key: "Foo" equals "foo". */
    @Override
    public boolean equals(Object o) {
        return o instanceof HfsName n && compareTo(n) == 0;
    }

    @Override
    public int hashCode() {
        char[] folded = new char[units.length];
        for (int i = 0; i < units.length; i++) {
            folded[i] = fold(units[i]);
        }
        return Arrays.hashCode(folded);
    }
}
