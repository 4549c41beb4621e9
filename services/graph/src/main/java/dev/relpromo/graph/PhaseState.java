package dev.relpromo.graph;

import dev.relpromo.events.Phase;
import dev.relpromo.events.PhaseStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Progress of one (release, phase), maintained incrementally on every task state transition, so duplicates and
 * replays (which cause no transition) change nothing. Stored as JSON in {@code graph-phases} keyed by
 * {@code release/phase}.
 */
public final class PhaseState {
    public String release;
    public Phase phase;
    public boolean sealed;
    public int defined;
    public String configHash;
    /**
     * Every plan sealed into this phase (the promote plan, later a v2 respin of some partners), by
     * {@code <config hash>/v<partner build number>}, with its task count; and the plans whose completion was announced.
     */
    public TreeMap<String, Integer> seals = new TreeMap<>();
    public java.util.TreeSet<String> announced = new java.util.TreeSet<>();
    public TreeMap<String, Counts> kinds = new TreeMap<>();
    public TreeMap<String, PhaseStatus.FailedTask> failed = new TreeMap<>();

    public static final class Counts {
        public int pending;
        public int running;
        public int completed;
        public int failed;

        void add(TaskNode.State state, int delta) {
            switch (state) {
                case PENDING -> pending += delta;
                case RUNNING -> running += delta;
                case COMPLETED -> completed += delta;
                case FAILED -> failed += delta;
            }
        }

        PhaseStatus.Counts snapshot() {
            return new PhaseStatus.Counts(pending, running, completed, failed);
        }
    }

    public static String key(String release, Phase phase) {
        return release + "/" + phase.id();
    }

    void count(String kind, TaskNode.State state, int delta) {
        kinds.computeIfAbsent(kind, k -> new Counts()).add(state, delta);
    }

    int completed() {
        return kinds.values().stream().mapToInt(c -> c.completed).sum();
    }

    /**
     * Complete when sealed and every defined task has completed. A plan's seal follows all its definitions on the
     * same partition, so once a seal is in, its tasks are all defined; a later plan (a respin) adds tasks and makes
     * the phase incomplete again until they are done.
     */
    boolean complete() {
        return sealed && completed() == defined;
    }

    static String sealKey(String configHash, int partnerBuildNumber) {
        return configHash + "/v" + partnerBuildNumber;
    }

    PhaseStatus toStatus() {
        Counts total = new Counts();
        Map<String, PhaseStatus.Counts> perKind = new LinkedHashMap<>();
        kinds.forEach((kind, c) -> {
            perKind.put(kind, c.snapshot());
            total.pending += c.pending;
            total.running += c.running;
            total.completed += c.completed;
            total.failed += c.failed;
        });
        List<PhaseStatus.FailedTask> failures = new ArrayList<>(failed.values());
        return new PhaseStatus(release, phase, sealed, defined, configHash, total.snapshot(), perKind, failures,
                complete());
    }
}
