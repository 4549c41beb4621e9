package dev.relpromo.events.topics;

import dev.relpromo.events.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The topic catalogue: every topic relpromo uses, in one place. Each topic has exactly one writer (noted per
 * topic). Work and result topics are keyed by task id so one release spreads over all partitions; status and
 * phase topics are keyed by {@code release/phase}.
 */
public final class Topics {
    private Topics() {
    }

    private static final Duration MONTH = Duration.ofDays(30);
    private static final Duration WEEK = Duration.ofDays(7);

    /** Writer: the build system (or {@code relpromo submit-build}). Key: release. */
    public static final TopicSpec BUILDS = new TopicSpec("relpromo.builds", 6, false, MONTH, "release",
            "build-completed events from the build's signing tasks");
    /** Writer: operators (CLI, HTTP). Key: release. */
    public static final TopicSpec PROMOTIONS = new TopicSpec("relpromo.promotions", 3, false, MONTH, "release",
            "phase requests: promote, push, ship with their parameters");
    /** Writer: planner. Key: release. */
    public static final TopicSpec GRAPH_TASKS = new TopicSpec("relpromo.graph.tasks", 6, false, MONTH, "release",
            "task definitions and graph-sealed markers per release phase");
    /**
     * Writer: planner. Key: release/phase. The planner's memory of what it planned (each plan's seal), written in
     * the plan's own transaction, so a restarted or rebalanced planner knows exactly what was committed.
     */
    public static final TopicSpec PLANNER_DECISIONS = new TopicSpec("relpromo.planner.decisions", 3, true, null,
            "release/phase", "the latest plan sealed for every release phase");
    /**
     * Writer: operators (CLI). Key: release. Co-partitioned with {@link #GRAPH_TASKS} (same partition count and
     * key), so the graph task that holds a release's graph also receives its reruns.
     */
    public static final TopicSpec RERUNS = new TopicSpec("relpromo.reruns", GRAPH_TASKS.partitions(), false, MONTH,
            "release", "rerun requests: run a task again with a new attempt");
    /** Writer: graph. Key: release/phase. */
    public static final TopicSpec STATUS = new TopicSpec("relpromo.status", 3, true, null, "release/phase",
            "latest progress of every release phase");
    /** Writer: graph. Key: release/phase. */
    public static final TopicSpec PHASE_EVENTS = new TopicSpec("relpromo.phase-events", 3, false, MONTH,
            "release/phase", "phase completed events");

    /** Writer: none. Its single partition is what each instance's liveness group {@code relpromo-instance-<id>} subscribes to. */
    public static final TopicSpec INSTANCES = new TopicSpec("relpromo.instances", 1, true, null, "instance id",
            "no records: joined by every running instance so a second process with the same instance id is refused");

    /** Writer: graph. Key: task id. */
    public static TopicSpec work(Service service) {
        return new TopicSpec("relpromo.work." + service.id(), 6, false, WEEK, "task id",
                "work items for the " + service.id() + " service");
    }

    /** Writer: the service. Key: task id. */
    public static TopicSpec results(Service service) {
        return new TopicSpec("relpromo.results." + service.id(), 6, false, MONTH, "task id",
                "task completed / task failed events of the " + service.id() + " service");
    }

    /** Writer: the consuming service. Key: the refused record's key. */
    public static TopicSpec deadLetters(String consumer) {
        return new TopicSpec("relpromo.dlq." + consumer, 3, false, MONTH, "original key",
                "records the " + consumer + " service refused, with the reason in headers");
    }

    /** The consumers that own a dead-letter topic: every worker plus planner and graph. */
    public static List<String> deadLetterOwners() {
        List<String> owners = new ArrayList<>();
        Service.WORKERS.forEach(s -> owners.add(s.id()));
        owners.add("planner");
        owners.add("graph");
        return owners;
    }

    public static List<TopicSpec> all() {
        List<TopicSpec> all = new ArrayList<>(List.of(BUILDS, PROMOTIONS, GRAPH_TASKS, RERUNS, PLANNER_DECISIONS,
                STATUS, PHASE_EVENTS));
        for (Service s : Service.WORKERS) {
            all.add(work(s));
            all.add(results(s));
        }
        deadLetterOwners().forEach(o -> all.add(deadLetters(o)));
        all.add(INSTANCES);
        return Collections.unmodifiableList(all);
    }

    public static Optional<TopicSpec> byName(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
