package dev.relpromo.kit.pe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * The attribution slot of a signed Windows installer (reference §2.4 "Windows writing"): 1024 bytes in the
 * certificate table, inside an <em>unsigned</em> attribute of the Authenticode signature, that start with
 * {@value #TAG} and are otherwise {@link #PADDING}. Writing an attribution code overwrites the bytes after the tag in
 * place; the signature does not cover them, so it stays valid and nothing is re-signed.
 *
 * <p>Like Mozilla's {@code attribute_builds.py} the code is stored URL-quoted ({@code =} and {@code &} become
 * {@code %3D} and {@code %26}; unreserved characters and {@code /} stay as they are, as Python's
 * {@code urllib.parse.quote} does), which is what Firefox decodes at first run. Unlike that script, a write clears
 * the whole slot first, so a shorter code never leaves the tail of an earlier one behind.
 *
 * <p>Files are read and written through a {@link FileChannel}: only the headers and the certificate table (a few
 * kilobytes) are read into memory, never the whole installer. Unlike Mozilla's script, the write also brings the PE
 * checksum up to date ({@link PeChecksum}, one streaming pass over the file) when the header has one: Windows checks
 * it only for drivers and some system DLLs and the Authenticode digest excludes it, but verifiers such as
 * {@code osslsigncode verify} warn about a stale one.
 */
public final class AttributionSlot {
    /** The ASCII tag that starts the slot. */
    public static final String TAG = "__MOZCUSTOM__:";
    /** Tag plus room for the code: what the signer reserves. */
    public static final int SLOT_LENGTH = 1024;
    /** The longest (URL-quoted) code the slot holds: {@value #SLOT_LENGTH} minus the tag. */
    public static final int MAX_CODE_LENGTH = SLOT_LENGTH - TAG.length();
    /** Fills the slot after the code; NUL ends the code for Firefox's reader. */
    public static final byte PADDING = 0;

    private static final byte[] TAG_BYTES = TAG.getBytes(StandardCharsets.US_ASCII);
    private static final int CERTIFICATE_TABLE = 4;
    /** Certificate tables are kilobytes; anything bigger is not an installer we signed. */
    private static final long MAX_CERTIFICATE_TABLE = 16L << 20;
    private static final String UNRESERVED =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/";

    private AttributionSlot() {
    }

    /** The empty slot, as the signer puts it into the signature: the tag, then padding up to 1024 bytes. */
    public static byte[] emptySlot() {
        byte[] slot = new byte[SLOT_LENGTH];
        Arrays.fill(slot, PADDING);
        System.arraycopy(TAG_BYTES, 0, slot, 0, TAG_BYTES.length);
        return slot;
    }

    /**
     * Writes {@code code} (an attribution query string such as {@code campaign=x&content=y&medium=z&source=w},
     * not yet URL-quoted) into the slot of the signed PE {@code file}, replacing any code written before.
     *
     * @throws AttributionSlotException if the file has no certificate table or no slot, or the quoted code is
     *     longer than {@value #MAX_CODE_LENGTH} bytes
     */
    public static void write(Path file, String code) throws IOException {
        byte[] quoted = quote(code).getBytes(StandardCharsets.US_ASCII);
        if (quoted.length > MAX_CODE_LENGTH) {
            throw new AttributionSlotException("attribution code too long for " + file + ": " + quoted.length
                    + " bytes once URL-quoted, the slot holds " + MAX_CODE_LENGTH);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long codeStart = findSlot(channel, file) + TAG_BYTES.length;
            ByteBuffer content = ByteBuffer.allocate(MAX_CODE_LENGTH);
            content.put(quoted);
            while (content.hasRemaining()) {
                content.put(PADDING);
            }
            content.flip();
            while (content.hasRemaining()) {
                channel.write(content, codeStart + content.position());
            }
            PeChecksum.update(channel);
            channel.force(false);
        }
    }

    /**
     * The attribution code in the slot of {@code file}, URL-unquoted; empty while the slot is still blank.
     *
     * @throws AttributionSlotException if the file has no certificate table or no slot
     */
    public static Optional<String> read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long codeStart = findSlot(channel, file) + TAG_BYTES.length;
            ByteBuffer content = readFully(channel, codeStart, MAX_CODE_LENGTH);
            int end = 0;
            while (end < MAX_CODE_LENGTH && content.get(end) != PADDING) {
                end++;
            }
            if (end == 0) {
                return Optional.empty();
            }
            return Optional.of(unquote(new String(content.array(), 0, end, StandardCharsets.US_ASCII), file));
        }
    }

    /** The file offset of the slot's tag: the first {@value #TAG} in the certificate table with room for a slot. */
    private static long findSlot(FileChannel channel, Path file) throws IOException {
        long[] table = certificateTable(channel, file);
        long offset = table[0];
        long size = table[1];
        ByteBuffer bytes = readFully(channel, offset, (int) size);
        int at = indexOf(bytes.array(), TAG_BYTES);
        if (at < 0) {
            throw new AttributionSlotException(file + " is signed but has no attribution slot (no '" + TAG
                    + "' in its certificate table of " + size + " bytes): it was not signed for attribution");
        }
        if (at + SLOT_LENGTH > size) {
            throw new AttributionSlotException("the attribution slot of " + file + " at offset " + (offset + at)
                    + " is cut short by the end of the certificate table (" + (size - at) + " of " + SLOT_LENGTH
                    + " bytes)");
        }
        return offset + at;
    }

    /** Offset and size of the certificate table (data directory 4; its "RVA" is a file offset). */
    private static long[] certificateTable(FileChannel channel, Path file) throws IOException {
        long fileSize = channel.size();
        if (fileSize < 0x40 || readFully(channel, 0, 2).getShort(0) != 0x5A4D) { // "MZ", little-endian
            throw new AttributionSlotException(file + " is not a Windows executable (no MZ header)");
        }
        long pe = Integer.toUnsignedLong(readFully(channel, 0x3C, 4).getInt(0));
        if (pe + 24 + 2 > fileSize || readFully(channel, pe, 4).getInt(0) != 0x00004550) { // "PE\0\0"
            throw new AttributionSlotException(file + " is not a Windows executable (no PE header at " + pe + ")");
        }
        long optionalHeader = pe + 24;
        int magic = Short.toUnsignedInt(readFully(channel, optionalHeader, 2).getShort(0));
        int directories;
        if (magic == 0x10B) {
            directories = 96;   // PE32
        } else if (magic == 0x20B) {
            directories = 112;  // PE32+: wider image base and stack/heap fields
        } else {
            throw new AttributionSlotException(file + " has an unknown optional header magic 0x"
                    + Integer.toHexString(magic));
        }
        long count = Integer.toUnsignedLong(readFully(channel, optionalHeader + directories - 4, 4).getInt(0));
        ByteBuffer entry = count > CERTIFICATE_TABLE
                ? readFully(channel, optionalHeader + directories + 8L * CERTIFICATE_TABLE, 8) : null;
        long offset = entry == null ? 0 : Integer.toUnsignedLong(entry.getInt(0));
        long size = entry == null ? 0 : Integer.toUnsignedLong(entry.getInt(4));
        if (offset == 0 || size == 0) {
            throw new AttributionSlotException(file + " has no certificate table: it is not signed, so it has no"
                    + " attribution slot");
        }
        if (offset + size > fileSize || size > MAX_CERTIFICATE_TABLE) {
            throw new AttributionSlotException("the certificate table of " + file + " (offset " + offset + ", "
                    + size + " bytes) does not fit the file of " + fileSize + " bytes");
        }
        return new long[] {offset, size};
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new AttributionSlotException("unexpected end of file at " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Python's {@code urllib.parse.quote(code)}: UTF-8, {@code %XX} upper-case, unreserved and '/' kept. */
    static String quote(String code) {
        StringBuilder out = new StringBuilder();
        for (byte b : code.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && UNRESERVED.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    static String unquote(String quoted, Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c != '%') {
                out.write(c);
                continue;
            }
            int hi = i + 2 < quoted.length() ? Character.digit(quoted.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(quoted.charAt(i + 2), 16) : -1;
            if (lo < 0) {
                throw new AttributionSlotException("the attribution slot of " + file + " holds a malformed code"
                        + " (bad %-escape at " + i + ")");
            }
            out.write(hi << 4 | lo);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
