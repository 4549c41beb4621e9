package dev.relpromo.graph;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.GraphSealed;
import dev.relpromo.events.Phase;
import dev.relpromo.events.PhaseStatus;
import dev.relpromo.events.Platform;
import dev.relpromo.events.RerunRequested;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskFailed;
import dev.relpromo.events.TaskIds;
import java.util.List;

/**
 * The graph rules over an in-memory state, without Kafka: the Linux partner chain of {@link GraphTestBase}, one
 * method per input, and outputs described as one line each so tests can assert the exact list.
 */
abstract class GraphRulesTestBase {
    static final String R = GraphTestBase.R;
    static final String BUILD = GraphTestBase.BUILD;
    static final String REPACK = GraphTestBase.REPACK;
    static final String DUMMY = GraphTestBase.DUMMY;
    static final String SIGN = GraphTestBase.SIGN;
    static final String BEET = GraphTestBase.BEET;
    static final String REPACK_KIND = "release-partner-repack";
    static final String SIGN_KIND = "release-partner-repack-repackage-signing";
    static final String BEET_KIND = "release-partner-repack-beetmover";

    final InMemoryGraphState state = new InMemoryGraphState();
    /** Work items measure 1000 bytes per upstream artifact; none is too large unless a test lowers the limit. */
    GraphRules rules = withLimit(Integer.MAX_VALUE);

    GraphRules withLimit(int maxWorkItemBytes) {
        return new GraphRules(state, d -> 1000 * d.item().upstream().stream().mapToInt(r -> r.artifacts().size()).sum(),
                maxWorkItemBytes);
    }

    static String id(String label) {
        return TaskIds.of(R, label);
    }

    static List<TaskDefined> chain() {
        return GraphTestBase.chain();
    }

    static Artifact stored(String name) {
        return GraphTestBase.stored(name);
    }

    static Artifact built(String locale) {
        return new Artifact("target.tar.xz", "file:///builds/linux-x86_64/" + locale + "/target.tar.xz",
                GraphTestBase.H, 10);
    }

    /** Defines the tasks in a plan and seals it. */
    void plan(String plan, List<TaskDefined> defs) {
        defs.forEach(d -> rules.onDefined(d.withPlan(plan)));
        seal(plan, defs.size());
    }

    List<GraphOutput> seal(String plan, int taskCount) {
        return rules.onSealed(new GraphSealed(R, Phase.PROMOTE, taskCount, "sha256:x", 1, plan));
    }

    List<GraphOutput> build(String... locales) {
        return rules.onBuild(new BuildCompleted(R, Platform.LINUX64, "build-signing-linux64-shippable",
                List.of(locales).stream().map(l -> new BuildCompleted.LocaleBuild(l, List.of(built(l)), null)).toList()));
    }

    static TaskCompleted buildResult(String locale) {
        String label = TaskIds.buildSigningLabel(Platform.LINUX64, locale);
        return new TaskCompleted(R, Phase.PROMOTE, id(label), label, TaskIds.EXTERNAL_SIGNING_KIND, 1,
                List.of(built(locale)));
    }

    static TaskCompleted completed(String label, String kind, int attempt, Artifact... artifacts) {
        return new TaskCompleted(R, Phase.PROMOTE, id(label), label, kind, attempt, List.of(artifacts));
    }

    List<GraphOutput> result(String label, String kind, int attempt, Artifact... artifacts) {
        return rules.onCompleted(completed(label, kind, attempt, artifacts));
    }

    List<GraphOutput> failed(String label, String kind, int attempt, String error) {
        return rules.onFailed(new TaskFailed(R, Phase.PROMOTE, id(label), label, kind, attempt, error,
                "TaskFailureException", "relpromo.work.repack/0@1", List.of()));
    }

    List<GraphOutput> rerun(String task, boolean withDependents, String requestId) {
        return rules.onRerun(new RerunRequested(R, null, task, withDependents, "test", requestId), "event-" + requestId);
    }

    /** Builds, then completes the chain's repack, signing and beetmover (attempt 1). */
    void runChain() {
        build("de");
        result(REPACK, REPACK_KIND, 1, stored("target.tar.xz"));
        result(SIGN, SIGN_KIND, 1, stored("s"));
        result(BEET, BEET_KIND, 1, stored("b"));
    }

    TaskNode node(String label) {
        return state.task(id(label));
    }

    PhaseState phaseState() {
        return state.phase(PhaseState.key(R, Phase.PROMOTE));
    }

    /** One line per output. */
    static List<String> described(List<GraphOutput> outputs) {
        return outputs.stream().map(GraphRulesTestBase::describe).toList();
    }

    static String describe(GraphOutput out) {
        if (out instanceof GraphOutput.Dispatch d) {
            return "work " + d.item().task().label() + " #" + d.item().attempt();
        } else if (out instanceof GraphOutput.Oversized o) {
            return "oversized " + o.taskId() + ": " + o.reason();
        } else if (out instanceof GraphOutput.PlanCompleted p) {
            return "completed " + p.eventId();
        } else if (out instanceof GraphOutput.StatusChanged s) {
            PhaseStatus.Counts c = s.status().total();
            return status(c.pending(), c.running(), c.completed(), c.failed(), s.status().complete());
        } else if (out instanceof GraphOutput.Refused r) {
            return "refused: " + r.reason();
        }
        throw new AssertionError(out);
    }

    static String status(int pending, int running, int completed, int failed) {
        return status(pending, running, completed, failed, false);
    }

    static String status(int pending, int running, int completed, int failed, boolean complete) {
        return "status pending=" + pending + " running=" + running + " completed=" + completed + " failed=" + failed
                + (complete ? " complete" : "");
    }

    static String work(String label, int attempt) {
        return "work " + label + " #" + attempt;
    }

    static String planCompleted(String plan) {
        return "completed phase-completed:" + R + "/promote:" + plan;
    }
}
