package dev.relpromo.repack;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory output in 1 MiB chunks: holds a compressed block using only as much memory as it needs, without
 * the copy-on-grow of a {@link java.io.ByteArrayOutputStream} (which can double a 64 MiB block to 128 MiB).
 */
final class ChunkedBuffer extends OutputStream {
    private static final int CHUNK = 1 << 20;
    private final List<byte[]> chunks = new ArrayList<>();
    private int lastFill = CHUNK;
    private long size;

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (lastFill == CHUNK) {
                chunks.add(new byte[CHUNK]);
                lastFill = 0;
            }
            int n = Math.min(len, CHUNK - lastFill);
            System.arraycopy(b, off, chunks.get(chunks.size() - 1), lastFill, n);
            lastFill += n;
            off += n;
            len -= n;
            size += n;
        }
    }

    long size() {
        return size;
    }

    void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < chunks.size(); i++) {
            out.write(chunks.get(i), 0, i == chunks.size() - 1 ? lastFill : CHUNK);
        }
    }
}
