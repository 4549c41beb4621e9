package dev.relpromo.repack;

import java.io.InterruptedIOException;

/**
 * The heap that compression encoders may use, shared by every repack in the JVM: a worker can run several
 * repacks at once, and each -9e thread needs ~0.45 GB (32 MiB blocks). A repack gets as many threads as fit next
 * to the others (fewer threads change only the speed, never the output), and waits while the others hold it all.
 */
final class CompressionMemory {
    /** Three quarters of the heap; the rest is for everything else (tar copying, Kafka, caches). */
    static final CompressionMemory JVM = new CompressionMemory(Runtime.getRuntime().maxMemory() / 4 * 3);

    private final long capacity;
    private long reserved;

    /** Threads granted to one repack and the memory held for them until {@link #release}. */
    record Grant(int threads, long bytes) {
    }

    CompressionMemory(long capacity) {
        this.capacity = capacity;
    }

    /**
     * Reserves memory for one to {@code wanted} threads of {@code perThread} bytes each. One thread is always
     * granted when nothing else is reserved, even if it does not fit, so a small heap is slow rather than stuck.
     */
    synchronized Grant reserve(long perThread, int wanted) throws InterruptedIOException {
        while (true) {
            int threads = (int) Math.min(wanted, (capacity - reserved) / perThread);
            if (threads >= 1 || reserved == 0) {
                Grant grant = new Grant(Math.max(1, threads), Math.max(1, threads) * perThread);
                reserved += grant.bytes();
                return grant;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for compression memory");
            }
        }
    }

    synchronized void release(Grant grant) {
        reserved -= grant.bytes();
        notifyAll();
    }
}
