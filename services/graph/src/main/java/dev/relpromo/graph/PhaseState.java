package dev.relpromo.graph;

import dev.relpromo.events.Bounded;
import dev.relpromo.events.GraphSealed;
import dev.relpromo.events.Phase;
import dev.relpromo.events.PhaseStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Progress of one (release, phase), maintained incrementally on every task state transition, so duplicates and
 * replays (which cause no transition) change nothing. Stored as JSON in {@code graph-phases} keyed by
 * {@code release/phase}.
 *
 * <h2>What a seal covers</h2>
 * A seal covers exactly one <em>plan</em>: the set of tasks the planner defined for one promotion, identified by a
 * deterministic id over the partner config hash, the partner build number and the sorted task ids, stamped on every
 * definition and on the seal. Every task node records the plans it belongs to (a set: a task shared by two plans,
 * such as a build node used by v1 and a v2 respin, belongs to both; a duplicate definition changes nothing). Each
 * plan keeps the count its seal announced and counters of its members defined and completed, updated on every state
 * transition of a member, and completes — one {@code PhaseCompleted} carrying the plan — when its seal is in and every
 * member has completed in its current attempt. So:
 * <ul>
 *   <li>re-promoting with the same config and build number but another partner subset is another plan, announced
 *       on its own; a changed config is another plan too;</li>
 *   <li>an identical re-promotion has the same id: nothing new is announced;</li>
 *   <li>a respin completes its own plan while a task of another plan has failed;</li>
 *   <li>a rerun that takes a member out of "completed" reopens an announced plan; it is announced again (round 2,
 *       3, … in the event id) once complete.</li>
 * </ul>
 * Definitions and seals written before plans existed (v1, no plan) belong to the <em>legacy</em> plan
 * {@code <config hash>/v<partner build number>} of the next v1 seal: v1 definitions collect in an unsealed legacy
 * generation that the following v1 seal closes (the seal follows its definitions on the same partition).
 */
public final class PhaseState {
    public String release;
    public Phase phase;
    public boolean sealed;
    public int defined;
    public String configHash;
    /** Plans by key: the plan id, or {@code legacy-<generation>} for v1 definitions and seals. */
    public TreeMap<String, PlanState> plans = new TreeMap<>();
    public int legacyGeneration = 1;
    public TreeMap<String, Counts> kinds = new TreeMap<>();
    /**
     * Failed tasks listed in the status, at most {@link PhaseStatus#MAX_FAILED_LISTED} (the first failures still
     * failed); the kind counters count them all, and the tasks API lists them all.
     */
    public TreeMap<String, PhaseStatus.FailedTask> failed = new TreeMap<>();

    public static final class PlanState {
        /** What the plan is announced as: its id, or {@code <config hash>/v<N>} for a v1 seal; null until sealed. */
        public String name;
        /** The seal's task count; null until sealed. */
        public Integer taskCount;
        public String configHash;
        public int defined;
        public int completed;
        /** How many times completion was announced (a rerun can reopen an announced plan). */
        public int announcements;
        /** Whether the current completion has been announced. */
        public boolean announced;

        boolean complete() {
            return taskCount != null && defined >= taskCount && completed == defined;
        }
    }

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

    /** The plan key a definition without a plan (v1) belongs to: the legacy generation the next v1 seal closes. */
    String legacyPlanKey() {
        return "legacy-" + legacyGeneration;
    }

    /** A task joins a plan (once per task and plan: the caller keeps the task's plan set). */
    void join(String plan, boolean completed) {
        PlanState p = plans.computeIfAbsent(plan, k -> new PlanState());
        p.defined++;
        if (completed) {
            p.completed++;
        }
    }

    /** A member of these plans entered ({@code +1}) or left ({@code -1}) the completed state. */
    void memberCompleted(Collection<String> memberOf, int delta) {
        for (String plan : memberOf) {
            PlanState p = plans.get(plan);
            if (p != null) {
                p.completed += delta;
                if (delta < 0) {
                    p.announced = false; // reopened: announced again once complete
                }
            }
        }
    }

    /** Records a seal; false for a duplicate (a replayed seal, or an identical re-promotion). */
    boolean seal(GraphSealed s) {
        String key;
        String name;
        if (s.plan() != null) {
            key = s.plan();
            name = s.plan();
        } else {
            name = s.legacyPlan();
            key = legacyPlanKey();
            // The next v1 definitions start a new generation either way: a duplicate v1 seal abandons the
            // generation its replayed definitions joined, which has nothing new to complete.
            legacyGeneration++;
            if (plans.values().stream().anyMatch(p -> name.equals(p.name))) {
                return false;
            }
        }
        PlanState p = plans.computeIfAbsent(key, k -> new PlanState());
        if (p.taskCount != null) {
            return false;
        }
        p.name = name;
        p.taskCount = s.taskCount();
        p.configHash = s.configHash();
        sealed = true;
        configHash = s.configHash();
        return true;
    }

    /** Plans that just completed and were not announced yet; marks them announced. */
    List<PlanState> toAnnounce() {
        List<PlanState> out = new ArrayList<>();
        for (PlanState p : plans.values()) {
            if (!p.announced && p.complete()) {
                p.announced = true;
                p.announcements++;
                out.add(p);
            }
        }
        return out;
    }

    void listFailure(PhaseStatus.FailedTask task) {
        if (failed.size() < PhaseStatus.MAX_FAILED_LISTED) {
            failed.put(task.taskId(), new PhaseStatus.FailedTask(task.taskId(), task.label(), task.kind(),
                    task.attempt(), Bounded.text(task.error(), PhaseStatus.MAX_LISTED_ERROR_CHARS), task.input()));
        }
    }

    int completed() {
        return kinds.values().stream().mapToInt(c -> c.completed).sum();
    }

    /** Every defined task has completed (the status flag); each plan completes on its own (see above). */
    boolean complete() {
        return sealed && completed() == defined;
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
        int omitted = total.failed - failures.size();
        return new PhaseStatus(release, phase, sealed, defined, configHash, total.snapshot(), perKind, failures,
                complete(), omitted > 0 ? omitted : null);
    }
}
