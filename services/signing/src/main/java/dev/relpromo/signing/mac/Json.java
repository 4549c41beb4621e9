package dev.relpromo.signing.mac;

/**
 * JSON string literals for the hand-written manifest and records. They are written by hand, not by a mapper, so that
 * their exact bytes (field order, one entry per line, {@code \n} line ends) are fixed by this code and not by a
 * library version or the platform's line separator: the manifest is signed, and reruns must be byte-identical.
 */
final class Json {
    private Json() {
    }

    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
