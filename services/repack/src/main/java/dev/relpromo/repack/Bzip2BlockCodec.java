package dev.relpromo.repack;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * bzip2 in parallel the way {@code pbzip2} does it: each chunk is a complete bzip2 stream (block size 9) and the
 * output is their concatenation, which {@code bzip2 -d}, {@code tar -j} and Python's {@code bz2} read as one file.
 * bzip2 compresses 900 kB blocks independently anyway, so chunking costs almost nothing in size.
 */
final class Bzip2BlockCodec implements BlockCodec<ChunkedBuffer> {
    private static final int BLOCK_SIZE_900K = 9;

    @Override
    public ChunkedBuffer encode(byte[] data, int length) throws IOException {
        ChunkedBuffer out = new ChunkedBuffer();
        try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(out, BLOCK_SIZE_900K)) {
            bz.write(data, 0, length);
        }
        return out;
    }

    @Override
    public void writeHeader(OutputStream out) {
    }

    @Override
    public void writeBlock(ChunkedBuffer block, OutputStream out) throws IOException {
        block.writeTo(out);
    }

    @Override
    public void writeTrailer(OutputStream out) {
    }

    @Override
    public long encoderMemory() {
        return 10L * 900_000; // BZip2CompressorOutputStream's block and sort arrays
    }
}
