package dev.relpromo.balrog.mar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Reads and validates a MAR: the header, signature and additional-section blocks and the index are checked against
 * the file's real length before anything is trusted, so a truncated or corrupt MAR is rejected with the file and the
 * problem named. Entry contents are streamed, never loaded whole.
 */
public final class MarReader {
    private final Path file;
    private final long size;
    private final int signatureCount;
    private final Optional<ProductInformation> productInformation;
    private final List<MarEntry> entries;

    private MarReader(Path file, long size, int signatureCount, Optional<ProductInformation> productInformation,
                      List<MarEntry> entries) {
        this.file = file;
        this.size = size;
        this.signatureCount = signatureCount;
        this.productInformation = productInformation;
        this.entries = List.copyOf(entries);
    }

    public static MarReader open(Path file) throws IOException, InvalidMarException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return parse(file, channel);
        }
    }

    private static MarReader parse(Path file, FileChannel channel) throws IOException, InvalidMarException {
        long actualSize = channel.size();
        if (actualSize < MarFormat.HEADER_SIZE) {
            throw invalid(file, "truncated: " + actualSize + " bytes, shorter than the " + MarFormat.HEADER_SIZE + "-byte header");
        }
        ByteBuffer header = read(channel, 0, MarFormat.HEADER_SIZE);
        byte[] magic = new byte[4];
        header.get(magic);
        if (!java.util.Arrays.equals(magic, MarFormat.MAGIC)) {
            throw invalid(file, "bad magic " + HexFormat.of().formatHex(magic) + ", expected MAR1");
        }
        long indexOffset = Integer.toUnsignedLong(header.getInt());
        long declaredSize = header.getLong();
        if (declaredSize != actualSize) {
            throw invalid(file, (declaredSize > actualSize ? "truncated" : "trailing bytes")
                    + ": header says " + declaredSize + " bytes, file has " + actualSize);
        }
        if (indexOffset < MarFormat.HEADER_SIZE || indexOffset + 4 > actualSize) {
            throw invalid(file, "index offset " + indexOffset + " out of bounds (file has " + actualSize + " bytes)");
        }
        long signatureCount = Integer.toUnsignedLong(header.getInt());
        if (signatureCount > MarFormat.MAX_SIGNATURES) {
            throw invalid(file, "signature count " + signatureCount + " exceeds " + MarFormat.MAX_SIGNATURES);
        }
        long position = MarFormat.HEADER_SIZE;
        for (int i = 0; i < signatureCount; i++) {
            ByteBuffer signature = readChecked(file, channel, position, 8, indexOffset, "signature " + i);
            signature.getInt(); // algorithm id
            long length = Integer.toUnsignedLong(signature.getInt());
            if (length > MarFormat.MAX_SIGNATURE_LENGTH) {
                throw invalid(file, "signature " + i + " length " + length + " exceeds " + MarFormat.MAX_SIGNATURE_LENGTH);
            }
            position += 8 + length;
            if (position > indexOffset) {
                throw invalid(file, "signature " + i + " runs past the index at " + indexOffset);
            }
        }
        Optional<ProductInformation> productInformation = Optional.empty();
        long sectionCount = Integer.toUnsignedLong(readChecked(file, channel, position, 4, indexOffset, "additional section count").getInt());
        if (sectionCount > MarFormat.MAX_ADDITIONAL_SECTIONS) {
            throw invalid(file, "additional section count " + sectionCount + " exceeds " + MarFormat.MAX_ADDITIONAL_SECTIONS);
        }
        position += 4;
        for (int i = 0; i < sectionCount; i++) {
            ByteBuffer section = readChecked(file, channel, position, 8, indexOffset, "additional section " + i);
            long blockSize = Integer.toUnsignedLong(section.getInt());
            int blockId = section.getInt();
            if (blockSize < 8 || blockSize > MarFormat.MAX_ADDITIONAL_SECTION_SIZE || position + blockSize > indexOffset) {
                throw invalid(file, "additional section " + i + " size " + blockSize + " out of bounds");
            }
            if (blockId == MarFormat.PRODUCT_INFORMATION_BLOCK_ID) {
                if (blockSize - 8 > MarFormat.MAX_PRODUCT_INFORMATION_BODY) {
                    throw invalid(file, "product information block of " + (blockSize - 8) + " bytes exceeds libmar's "
                            + MarFormat.MAX_PRODUCT_INFORMATION_BODY);
                }
                ByteBuffer body = read(channel, position + 8, (int) (blockSize - 8));
                String[] parts = new String(body.array(), StandardCharsets.UTF_8).split("\0", -1);
                if (parts.length < 2) {
                    throw invalid(file, "product information block lacks the NUL-terminated channel and version");
                }
                productInformation = Optional.of(new ProductInformation(parts[0], parts[1]));
            }
            position += blockSize;
        }
        long contentStart = position;
        long indexSize = Integer.toUnsignedLong(read(channel, indexOffset, 4).getInt());
        if (indexOffset + 4 + indexSize != actualSize) {
            throw invalid(file, "index of " + indexSize + " bytes at " + indexOffset + " does not end at the end of the file (" + actualSize + ")");
        }
        if (indexSize > MarFormat.MAX_INDEX_SIZE) {
            throw invalid(file, "index of " + indexSize + " bytes exceeds " + MarFormat.MAX_INDEX_SIZE);
        }
        ByteBuffer index = read(channel, indexOffset + 4, (int) indexSize);
        List<MarEntry> entries = new ArrayList<>();
        while (index.hasRemaining()) {
            if (index.remaining() < 13) {
                throw invalid(file, "index entry " + entries.size() + " truncated");
            }
            long offset = Integer.toUnsignedLong(index.getInt());
            long length = Integer.toUnsignedLong(index.getInt());
            int flags = index.getInt();
            int start = index.position();
            int end = start;
            while (end < index.limit() && index.get(end) != 0) {
                end++;
            }
            if (end == index.limit()) {
                throw invalid(file, "index entry " + entries.size() + " has no NUL-terminated name");
            }
            if (end == start || end - start > MarFormat.MAX_NAME_LENGTH) {
                throw invalid(file, "index entry " + entries.size() + " has a name of " + (end - start) + " bytes");
            }
            String name = new String(index.array(), start, end - start, StandardCharsets.UTF_8);
            index.position(end + 1);
            if (offset < contentStart || offset + length > indexOffset) {
                throw invalid(file, "entry " + name + " at " + offset + "+" + length + " out of bounds ["
                        + contentStart + ", " + indexOffset + ")");
            }
            entries.add(new MarEntry(offset, length, flags, name));
        }
        return new MarReader(file, actualSize, (int) signatureCount, productInformation, entries);
    }

    private static ByteBuffer readChecked(Path file, FileChannel channel, long position, int length, long limit, String what)
            throws IOException, InvalidMarException {
        if (position + length > limit) {
            throw invalid(file, what + " at " + position + " runs past the index at " + limit);
        }
        return read(channel, position, length);
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new java.io.EOFException("unexpected end of file at " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    private static InvalidMarException invalid(Path file, String problem) {
        return new InvalidMarException("invalid MAR " + file + ": " + problem);
    }

    public Path file() {
        return file;
    }

    public long size() {
        return size;
    }

    public int signatureCount() {
        return signatureCount;
    }

    public Optional<ProductInformation> productInformation() {
        return productInformation;
    }

    public List<MarEntry> entries() {
        return entries;
    }

    public Optional<MarEntry> entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The hex sha512 of the whole file (Balrog's hashValue), streamed. */
    public String sha512() throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is part of every JDK", e);
        }
    }

    /** The bytes of one entry as a stream over the file; the caller closes it. */
    public InputStream open(MarEntry entry) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(entry.offset());
        InputStream whole = Channels.newInputStream(channel);
        return new java.io.FilterInputStream(whole) {
            private long left = entry.size();

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }
}
