package dev.relpromo.kit.work;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What a worker has done, by task kind: plain counters that the process's metrics edge exports. */
public final class WorkerStats {
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    /** Counters of one kind; monotonic, read at any time. */
    public static final class Kind {
        private final LongAdder completed = new LongAdder();
        private final LongAdder failed = new LongAdder();
        private final LongAdder nanos = new LongAdder();

        public long completed() {
            return completed.sum();
        }

        public long failed() {
            return failed.sum();
        }

        /** Items finished either way. */
        public long finished() {
            return completed.sum() + failed.sum();
        }

        public double seconds() {
            return nanos.sum() / 1e9;
        }
    }

    void started() {
        inFlight.incrementAndGet();
    }

    void finished(String kind, boolean completed, long nanos) {
        inFlight.decrementAndGet();
        Kind k = kind(kind);
        (completed ? k.completed : k.failed).increment();
        k.nanos.add(nanos);
    }

    /** The counters of a kind (created on first use, so exporters can register every handled kind up front). */
    public Kind kind(String kind) {
        return kinds.computeIfAbsent(kind, k -> new Kind());
    }

    public Map<String, Kind> kinds() {
        return new TreeMap<>(kinds);
    }

    public int inFlight() {
        return inFlight.get();
    }
}
