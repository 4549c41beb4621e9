package dev.relpromo.kit.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap a piece of work used, sampled every {@value #PERIOD_MILLIS} ms on a daemon thread from the moment it is
 * created until {@link #close}.
 *
 * <p>{@link #maxUsedBytes} counts garbage not yet collected, so it is an upper bound of what the work needed at any
 * sample, and it grows with {@code -Xmx} when the collector has room to spare: run the work under the heap limit to
 * be claimed. Summing the heap pools' {@code getPeakUsage()} instead would add peaks reached at different moments.
 * The pools' usage after a collection is no lower bound either: G1 updates the old generation's (where large arrays
 * such as an LZMA encoder's live) only on old collections, which a run may never have.
 */
public final class HeapSampler implements AutoCloseable {
    static final long PERIOD_MILLIS = 50;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong maxUsed = new AtomicLong();
    private final AtomicLong lastUsed = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heap-sampler");
        t.setDaemon(true);
        return t;
    });

    /** Starts sampling at once. Call {@link System#gc()} first so that earlier garbage does not count. */
    public HeapSampler() {
        sample();
        timer.scheduleAtFixedRate(this::sample, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        long used = memory.getHeapMemoryUsage().getUsed();
        lastUsed.set(used);
        maxUsed.accumulateAndGet(used, Math::max);
    }

    /** The heap in use at the latest sample. */
    public long currentUsedBytes() {
        return lastUsed.get();
    }

    /** The most the heap held at a sample, garbage included. */
    public long maxUsedBytes() {
        return maxUsed.get();
    }

    /** Stops sampling after one last sample. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }
}
