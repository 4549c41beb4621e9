package dev.relpromo.planner.attribution;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding exactly as Python's {@code urllib.parse} does it, because the attribution codes relpromo writes must
 * be byte-identical to the ones the real pipeline writes (Firefox reads them back, and telemetry groups by them).
 * {@link java.net.URLEncoder} differs: it leaves {@code *} unencoded and encodes {@code ~}.
 */
final class UrlEncoding {
    private UrlEncoding() {
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Python's {@code quote_plus(s, safe='')}: UTF-8, unreserved characters kept, space → {@code +}, else {@code %XX}. */
    static String quotePlus(String s) {
        return quote(s, "", true);
    }

    /** Python's {@code quote(s)} with its default {@code safe='/'}, as {@code attribute_builds.py} quotes for the PE slot. */
    static String quote(String s) {
        return quote(s, "/", false);
    }

    private static String quote(String s, String safe, boolean plus) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : utf8(s)) {
            int c = b & 0xff;
            if (isUnreserved(c) || safe.indexOf(c) >= 0) {
                out.append((char) c);
            } else if (plus && c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** Python's always-safe set: {@code A-Z a-z 0-9 _ . - ~}. */
    static boolean isUnreserved(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '_' || c == '.' || c == '-' || c == '~';
    }

    /**
     * The inverse of {@link #quotePlus}, strict where Python's {@code unquote_plus} is lenient: a {@code %} not followed
     * by two hex digits, or bytes that are not UTF-8, are errors instead of being passed through or replaced.
     */
    static String unquotePlus(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("'%' at index " + i + " is not followed by two hex digits");
                }
                bytes.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                bytes.write(c); // callers pass printable ASCII only
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the percent-encoded bytes are not valid UTF-8");
        }
    }

    /** UTF-8 bytes; a lone surrogate is an error (Python's strict encoder raises too) rather than a silent {@code ?}. */
    private static byte[] utf8(String s) {
        try {
            ByteBuffer buffer = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("'" + s + "' is not valid Unicode (a lone surrogate)");
        }
    }
}
