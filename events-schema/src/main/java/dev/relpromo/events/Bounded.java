package dev.relpromo.events;

/** Bounds free text that travels in events (error messages) so a record always fits the broker's size limit. */
public final class Bounded {
    private Bounded() {
    }

    /** The longest error text a task failure carries. */
    public static final int MAX_ERROR_CHARS = 4096;

    /** An error text bounded to {@link #MAX_ERROR_CHARS}. */
    public static String error(String text) {
        return text(text, MAX_ERROR_CHARS);
    }

    /**
     * The text unchanged if it has at most {@code max} characters, else its start followed by a marker saying how
     * many characters were cut, e.g. {@code … [truncated 12345 chars]}; the result never exceeds {@code max}.
     */
    public static String text(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int keep = max;
        while (true) {
            if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
                keep--; // never split a surrogate pair
            }
            String marker = "… [truncated " + (text.length() - keep) + " chars]";
            if (keep + marker.length() <= max || keep == 0) {
                return text.substring(0, keep) + marker;
            }
            keep = Math.max(0, max - marker.length());
        }
    }
}
