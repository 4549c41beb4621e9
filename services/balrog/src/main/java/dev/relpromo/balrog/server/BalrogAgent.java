package dev.relpromo.balrog.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Balrog's agent: enacts each scheduled rule change whose time has come and whose required signoffs are all there,
 * latest {@code when} and highest priority first, as {@code balrogagent/cmd.py} does. {@link #runOnce()} is one pass
 * (what tests call, with their own clock); {@link #start(long)} runs passes on a timer.
 */
public final class BalrogAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BalrogAgent.class);
    private final BalrogDatabase database;
    private final LongSupplier clockMs;
    private ScheduledExecutorService timer;

    public BalrogAgent(BalrogDatabase database, LongSupplier clockMs) {
        this.database = database;
        this.clockMs = clockMs;
    }

    /** @return the ids of the changes enacted in this pass */
    public synchronized List<Long> runOnce() {
        long now = clockMs.getAsLong();
        List<ScheduledRuleChange> ready = new ArrayList<>(database.scheduledRuleChanges(false).stream()
                .filter(change -> change.isReady(now)).toList());
        ready.sort(Comparator.comparingLong(ScheduledRuleChange::whenMs)
                .thenComparingInt(change -> change.rule().priority()).reversed());
        List<Long> enacted = new ArrayList<>();
        for (ScheduledRuleChange change : ready) {
            try {
                database.enact(change.scId(), now);
                enacted.add(change.scId());
                LOG.info("enacted scheduled rule change {} ({} of rule {})", change.scId(), change.changeType(), change.baseRuleId());
            } catch (BalrogException e) {
                // A stale change (its rule moved on) stays pending for a human to look at; the others go ahead.
                LOG.warn("cannot enact scheduled rule change {}: {}", change.scId(), e.getMessage());
            }
        }
        return enacted;
    }

    public synchronized void start(long periodMs) {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "balrog-agent");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                LOG.warn("balrog agent pass failed: {}", e.getMessage());
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
