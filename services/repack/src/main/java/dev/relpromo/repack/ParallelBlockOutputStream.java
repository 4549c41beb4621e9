package dev.relpromo.repack;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cuts the stream into fixed-size blocks, compresses up to {@code threads} blocks at once and writes them in input
 * order. Block boundaries depend only on the block size, never on the thread count or timing, so the output is
 * the same bytes with 1 thread or 64.
 *
 * <p>Memory is bounded: at most {@code threads} blocks are being compressed (or wait, compressed, for an earlier
 * one) and one more is being filled, so {@code threads + 1} input buffers, which are reused.
 */
final class ParallelBlockOutputStream<B> extends OutputStream {
    private static final int INITIAL_BUFFER = 1 << 20;
    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final OutputStream out;
    private final BlockCodec<B> codec;
    private final int blockSize;
    private final int threads;
    private final ExecutorService pool;
    private final Deque<Pending<B>> inFlight = new ArrayDeque<>();
    private final Deque<byte[]> freeBuffers = new ArrayDeque<>();
    private byte[] current;
    private int filled;
    private boolean headerWritten;
    private boolean closed;

    private record Pending<B>(Future<B> block, byte[] buffer) {
    }

    ParallelBlockOutputStream(OutputStream out, BlockCodec<B> codec, int blockSize, int threads) {
        if (blockSize <= 0 || threads <= 0) {
            throw new IllegalArgumentException("block size and threads must be positive");
        }
        this.out = out;
        this.codec = codec;
        this.blockSize = blockSize;
        this.threads = threads;
        int poolId = POOL_IDS.incrementAndGet();
        AtomicInteger workerIds = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "compress-" + poolId + "-" + workerIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // grows up to the block size as data arrives: a small archive never allocates a whole block
        this.current = new byte[Math.min(blockSize, INITIAL_BUFFER)];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            if (filled == current.length && current.length < blockSize) {
                current = java.util.Arrays.copyOf(current, (int) Math.min(blockSize, 2L * current.length));
            }
            int n = Math.min(len, current.length - filled);
            System.arraycopy(b, off, current, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == blockSize) {
                submit();
            }
        }
    }

    private void submit() throws IOException {
        if (inFlight.size() == threads) {
            writeOldest();
        }
        byte[] data = current;
        int length = filled;
        inFlight.addLast(new Pending<>(pool.submit(() -> codec.encode(data, length)), data));
        current = freeBuffers.isEmpty() ? new byte[blockSize] : freeBuffers.pop();
        filled = 0;
        while (!inFlight.isEmpty() && inFlight.peekFirst().block().isDone()) {
            writeOldest(); // keeps the output flowing without waiting for the pipeline to fill up
        }
    }

    private void writeOldest() throws IOException {
        Pending<B> oldest = inFlight.removeFirst();
        B block;
        try {
            block = oldest.block().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException("compression failed", cause);
        }
        if (!headerWritten) {
            codec.writeHeader(out);
            headerWritten = true;
        }
        codec.writeBlock(block, out);
        if (oldest.buffer().length == blockSize) {
            freeBuffers.push(oldest.buffer());
        }
    }

    /** Compressed blocks are written as they complete; a flush cannot end a block early (it would change the output). */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (filled > 0) {
                submit();
            }
            while (!inFlight.isEmpty()) {
                writeOldest();
            }
            if (!headerWritten) {
                codec.writeHeader(out);
            }
            codec.writeTrailer(out);
            out.close();
        } finally {
            pool.shutdownNow();
            inFlight.clear();
            freeBuffers.clear();
            current = null;
        }
    }

    /** Stops the workers without writing a trailer: the output is garbage and will be deleted. */
    void abort() {
        closed = true;
        pool.shutdownNow();
        inFlight.forEach(p -> p.block().cancel(true));
        inFlight.clear();
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
    }
}
