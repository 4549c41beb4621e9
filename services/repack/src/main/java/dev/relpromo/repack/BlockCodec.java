package dev.relpromo.repack;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A compressed format that can be written as independently compressed blocks of the input, so that blocks can
 * be compressed in parallel and written in order ({@link ParallelBlockOutputStream}).
 *
 * @param <B> one compressed block
 */
interface BlockCodec<B> {

    /** Compresses {@code data[0, length)}. Called from worker threads at the same time: no shared mutable state. */
    B encode(byte[] data, int length) throws IOException;

    /** Called once, before the first block. */
    void writeHeader(OutputStream out) throws IOException;

    /** Called in input order, on the writing thread. */
    void writeBlock(B block, OutputStream out) throws IOException;

    /** Called once, after the last block. */
    void writeTrailer(OutputStream out) throws IOException;

    /** Heap one encoding thread needs besides the block buffers, to size the thread count to the heap. */
    long encoderMemory();
}
