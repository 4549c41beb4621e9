package dev.relpromo.kit.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap a piece of work used, sampled every {@value #PERIOD_MILLIS} ms on a daemon thread from the moment it is
 * created until {@link #close}.
 *
 * <p>Two figures, because neither alone answers "how much heap does it need". {@link #maxUsedBytes} is the most the
 * heap held at a sample, garbage included: a collector with room to spare lets garbage pile up, so this grows with
 * {@code -Xmx} and tells more about the collector than about the work. {@link #maxLiveBytes} is the most the heap
 * pools held just after a collection (their collection usage), which approaches what the work keeps reachable. Summing
 * the pools' {@code getPeakUsage()} instead would add peaks reached at different times, an over-estimate of both.
 */
public final class HeapSampler implements AutoCloseable {
    static final long PERIOD_MILLIS = 50;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final AtomicLong maxUsed = new AtomicLong();
    private final AtomicLong maxLive = new AtomicLong();
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
        long live = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            MemoryUsage after = pool.getCollectionUsage(); // as of the pool's last collection; zeros before the first
            live += after == null ? 0 : after.getUsed();
        }
        maxLive.accumulateAndGet(live, Math::max);
    }

    /** The heap in use at the latest sample. */
    public long currentUsedBytes() {
        return lastUsed.get();
    }

    /** The most the heap held at a sample, garbage included. */
    public long maxUsedBytes() {
        return maxUsed.get();
    }

    /**
     * The most the heap pools held just after a collection; 0 if none ran (then the work fit in the young
     * generation and {@link #maxUsedBytes} is the better figure).
     */
    public long maxLiveBytes() {
        return maxLive.get();
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
