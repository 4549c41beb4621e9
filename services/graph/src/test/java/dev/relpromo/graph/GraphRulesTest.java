package dev.relpromo.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.Platform;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.WorkItem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The graph rules without Kafka: readiness, set semantics, attempts, builds, the chunking dummy and plan completion.
 * Statuses read pending/running/completed/failed over the whole phase.
 */
class GraphRulesTest extends GraphRulesTestBase {
    static final String BUILD_FR = TaskIds.buildSigningLabel(Platform.LINUX64, "fr");
    static final String MULTI = "release-partner-repack-linux64-shippable-acme-acme-1-multi";

    @Test
    void aTaskWithSeveralUpstreamsIsDispatchedOnceAllHaveCompleted() {
        TaskDefined multi = GraphTestBase.def(MULTI, REPACK_KIND, Service.REPACK, BUILD, BUILD_FR);
        plan("p1", List.of(
                GraphTestBase.def(BUILD, TaskIds.EXTERNAL_SIGNING_KIND, Service.EXTERNAL),
                GraphTestBase.def(BUILD_FR, TaskIds.EXTERNAL_SIGNING_KIND, Service.EXTERNAL),
                multi));

        assertThat(described(build("de"))).containsExactly(status(2, 0, 1, 0));

        List<GraphOutput> out = build("fr");
        assertThat(described(out)).containsExactly(work(MULTI, 1), status(0, 1, 2, 0));
        assertThat(out.get(0)).as("upstream results in the definition's order; no plan on the item").isEqualTo(
                new GraphOutput.Dispatch(new WorkItem(multi, 1, List.of(buildResult("de"), buildResult("fr"))),
                        "work:" + id(MULTI) + ":1"));
    }

    @Test
    void aRepeatedDefinitionChangesNothingAndAChangedOneIsIgnored() {
        plan("p1", chain());
        String before = state.snapshot();

        assertThat(described(rules.onDefined(chain().get(1).withPlan("p1")))).containsExactly(status(5, 0, 0, 0));
        TaskDefined changed = GraphTestBase.def(REPACK, "another-kind", Service.SIGNING, BUILD).withPlan("p1");
        assertThat(described(rules.onDefined(changed))).containsExactly(status(5, 0, 0, 0));

        assertThat(state.snapshot()).isEqualTo(before);
        assertThat(node(REPACK).definition).isEqualTo(chain().get(1));
    }

    @Test
    void aTaskDefinedInASecondPlanBelongsToBothAndCountsOnce() {
        plan("p1", chain());

        rules.onDefined(chain().get(0).withPlan("p2"));

        assertThat(node(BUILD).plans).containsExactly("p1", "p2");
        assertThat(phaseState().defined).isEqualTo(5);
        assertThat(phaseState().plans.get("p1").defined).isEqualTo(5);
        assertThat(phaseState().plans.get("p2").defined).isEqualTo(1);
    }

    @Test
    void aRepeatedResultChangesNothing() {
        plan("p1", chain());
        build("de");
        assertThat(described(result(REPACK, REPACK_KIND, 1, stored("target.tar.xz"))))
                .containsExactly(work(SIGN, 1), status(1, 1, 3, 0));
        String before = state.snapshot();

        assertThat(result(REPACK, REPACK_KIND, 1, stored("target.tar.xz"))).isEmpty();
        assertThat(result(REPACK, REPACK_KIND, 1, stored("other"))).isEmpty();
        assertThat(failed(REPACK, REPACK_KIND, 1, "late failure")).isEmpty();
        assertThat(state.snapshot()).isEqualTo(before);
    }

    @Test
    void resultsOfAnotherAttemptOrAnUnknownTaskAreIgnored() {
        plan("p1", chain());
        build("de");
        String before = state.snapshot();

        assertThat(result(REPACK, REPACK_KIND, 2, stored("target.tar.xz"))).isEmpty();
        assertThat(failed(REPACK, REPACK_KIND, 0, "old attempt")).isEmpty();
        assertThat(result("no-such-task", REPACK_KIND, 1, stored("x"))).isEmpty();

        assertThat(state.snapshot()).isEqualTo(before);
        assertThat(node(REPACK).state).isEqualTo(TaskNode.State.RUNNING);
    }

    @Test
    void aFailureIsCountedAndListedOnce() {
        plan("p1", chain());
        build("de");

        assertThat(described(failed(REPACK, REPACK_KIND, 1, "destination blocked")))
                .containsExactly(status(3, 0, 1, 1));
        assertThat(failed(REPACK, REPACK_KIND, 1, "destination blocked")).isEmpty();
        assertThat(phaseState().toStatus().failed()).singleElement().satisfies(f -> {
            assertThat(f.label()).isEqualTo(REPACK);
            assertThat(f.error()).isEqualTo("destination blocked");
        });
        assertThat(node(REPACK).error).isEqualTo("destination blocked");
    }

    @Test
    void aBuildAfterThePlanCompletesItsNodeAndDispatchesTheRepack() {
        plan("p1", chain());

        assertThat(described(build("de"))).containsExactly(work(REPACK, 1), status(3, 1, 1, 0));
        assertThat(node(BUILD).result).isEqualTo(buildResult("de"));
    }

    @Test
    void aBuildBeforeThePlanIsKeptUntilItsNodeIsDefined() {
        assertThat(build("de")).as("no phase yet: nothing to say").isEmpty();
        assertThat(node(BUILD).defined()).isFalse();

        assertThat(described(rules.onDefined(chain().get(0).withPlan("p1")))).containsExactly(status(0, 0, 1, 0));
        assertThat(described(rules.onDefined(chain().get(1).withPlan("p1"))))
                .containsExactly(work(REPACK, 1), status(0, 1, 1, 0));
        chain().subList(2, 5).forEach(d -> rules.onDefined(d.withPlan("p1")));
        seal("p1", 5);
        assertThat(phaseState().plans.get("p1").completed).isEqualTo(1);
    }

    @Test
    void aSecondBuildKeepsTheFirstArtifacts() {
        plan("p1", chain());
        build("de");

        assertThat(rules.onBuild(new BuildCompleted(R, Platform.LINUX64, "again", List.of(
                new BuildCompleted.LocaleBuild("de", List.of(stored("other")), null))))).isEmpty();
        assertThat(node(BUILD).result).isEqualTo(buildResult("de"));
    }

    @Test
    void theChunkingDummyCompletesHereAndPassesItsUpstreamArtifactsThrough() {
        plan("p1", chain());
        build("de");

        List<GraphOutput> out = result(REPACK, REPACK_KIND, 1, stored("target.tar.xz"), stored("extra"));

        TaskCompleted dummy = completed(DUMMY, "release-partner-repack-chunking-dummy", 1, stored("target.tar.xz"),
                stored("extra"));
        assertThat(out).first().isEqualTo(new GraphOutput.Dispatch(
                new WorkItem(chain().get(3), 1, List.of(dummy)), "work:" + id(SIGN) + ":1"));
        assertThat(node(DUMMY).state).isEqualTo(TaskNode.State.COMPLETED);
    }

    @Test
    void aPlanCompletesExactlyOnce() {
        plan("p1", chain());
        build("de");
        result(REPACK, REPACK_KIND, 1, stored("target.tar.xz"));
        result(SIGN, SIGN_KIND, 1, stored("s"));

        assertThat(described(result(BEET, BEET_KIND, 1, stored("b"))))
                .containsExactly(planCompleted("p1"), status(0, 0, 5, 0, true));
        assertThat(result(BEET, BEET_KIND, 1, stored("b"))).isEmpty();
        assertThat(described(seal("p1", 5))).as("a replayed seal").containsExactly(status(0, 0, 5, 0, true));
        assertThat(described(rules.onDefined(chain().get(4).withPlan("p1")))).containsExactly(status(0, 0, 5, 0, true));
        assertThat(phaseState().plans.get("p1").announcements).isEqualTo(1);
    }

    @Test
    void aPlanWhoseTasksCompletedBeforeItsSealCompletesWithTheSeal() {
        chain().forEach(d -> rules.onDefined(d.withPlan("p1")));
        runChain();
        assertThat(phaseState().plans.get("p1").announcements).isZero();

        assertThat(described(seal("p1", 5))).containsExactly(planCompleted("p1"), status(0, 0, 5, 0, true));
    }

    @Test
    void aSealAnnouncingMoreTasksThanDefinedWaitsForThem() {
        List<TaskDefined> first = chain().subList(0, 2);
        first.forEach(d -> rules.onDefined(d.withPlan("p1")));
        seal("p1", 5);
        build("de");

        // The status flag says every task defined so far has completed; the plan is not announced.
        assertThat(described(result(REPACK, REPACK_KIND, 1, stored("target.tar.xz"))))
                .containsExactly(status(0, 0, 2, 0, true));
        assertThat(phaseState().plans.get("p1").announcements).isZero();
    }

    @Test
    void aWorkItemTooLargeToSendFailsItsTaskInsteadOfBeingDispatched() {
        rules = withLimit(1500);
        plan("p1", chain());
        assertThat(described(build("de"))).containsExactly(work(REPACK, 1), status(3, 1, 1, 0));

        String reason = "work item of 2000 bytes is larger than the limit of 1500 bytes (too many or too large "
                + "upstream results)";
        assertThat(described(result(REPACK, REPACK_KIND, 1, stored("a"), stored("b"))))
                .containsExactly("oversized " + id(SIGN) + ": " + reason, status(1, 0, 3, 1));
        assertThat(node(SIGN).state).isEqualTo(TaskNode.State.FAILED);
        assertThat(node(SIGN).error).isEqualTo(reason);
    }
}
