package dev.relpromo.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.Phase;
import dev.relpromo.events.RerunRequested;
import org.junit.jupiter.api.Test;

/** Reruns by the graph rules without Kafka: new attempts, dependents, replayed requests and refusals. */
class GraphRulesRerunTest extends GraphRulesTestBase {

    @Test
    void aFailedTaskRerunsWithANewAttemptAndOnlyThatAttemptCounts() {
        plan("p1", chain());
        build("de");
        failed(REPACK, REPACK_KIND, 1, "destination blocked");

        assertThat(described(rerun(REPACK, false, "r1"))).containsExactly(work(REPACK, 2), status(3, 1, 1, 0));
        assertThat(phaseState().toStatus().failed()).isEmpty();
        assertThat(result(REPACK, REPACK_KIND, 1, stored("stale"))).isEmpty();
        assertThat(described(result(REPACK, REPACK_KIND, 2, stored("target.tar.xz"))))
                .containsExactly(work(SIGN, 1), status(1, 1, 3, 0));
    }

    @Test
    void withoutDependentsTheyRunAgainOnlyWhenTheArtifactsChange() {
        plan("p1", chain());
        runChain();

        assertThat(described(rerun(SIGN, false, "r1"))).containsExactly(work(SIGN, 2), status(0, 1, 4, 0));
        assertThat(described(result(SIGN, SIGN_KIND, 2, stored("s"))))
                .as("same artifacts: the beetmover keeps its result; the reopened plan completes again")
                .containsExactly(planCompleted("p1") + ":r2", status(0, 0, 5, 0, true));

        rerun(SIGN, false, "r2");
        assertThat(described(result(SIGN, SIGN_KIND, 3, stored("s-changed"))))
                .containsExactly(work(BEET, 2), status(0, 1, 4, 0));
        assertThat(result(BEET, BEET_KIND, 1, stored("b"))).as("the old attempt").isEmpty();
        assertThat(described(result(BEET, BEET_KIND, 2, stored("b2"))))
                .containsExactly(planCompleted("p1") + ":r3", status(0, 0, 5, 0, true));
    }

    @Test
    void withDependentsEveryTransitiveDependentGetsANewAttemptAndWaits() {
        plan("p1", chain());
        runChain();

        assertThat(described(rerun(REPACK, true, "r1"))).containsExactly(work(REPACK, 2), status(3, 1, 1, 0));
        assertThat(node(DUMMY).attempt).isEqualTo(2);
        assertThat(node(SIGN).attempt).isEqualTo(2);
        assertThat(node(BEET).attempt).isEqualTo(2);
        assertThat(node(BUILD).attempt).isEqualTo(1);

        assertThat(described(result(REPACK, REPACK_KIND, 2, stored("target.tar.xz"))))
                .as("same bytes: the dependents run anyway").containsExactly(work(SIGN, 2), status(1, 1, 3, 0));
    }

    @Test
    void aTaskWhoseUpstreamsAreNotCompleteWaitsWithItsNewAttempt() {
        plan("p1", chain());

        assertThat(described(rerun(REPACK, false, "r1"))).containsExactly(status(5, 0, 0, 0));
        assertThat(described(build("de"))).containsExactly(work(REPACK, 2), status(3, 1, 1, 0));
    }

    @Test
    void aReplayedRequestIsAppliedOnce() {
        plan("p1", chain());
        build("de");
        rerun(REPACK, false, "r1");
        String before = state.snapshot();

        assertThat(rerun(REPACK, false, "r1")).isEmpty();
        assertThat(state.snapshot()).isEqualTo(before);
        RerunRequested withoutId = new RerunRequested(R, null, REPACK, false, "test", null);
        assertThat(described(rules.onRerun(withoutId, "event-7"))).containsExactly(work(REPACK, 3), status(3, 1, 1, 0));
        assertThat(rules.onRerun(withoutId, "event-7")).as("the event id stands in for the request id").isEmpty();
        assertThat(node(REPACK).attempt).isEqualTo(3);
    }

    @Test
    void refusedRerunsChangeNothingAndSayWhy() {
        assertThat(described(rerun(REPACK, false, "r0")))
                .containsExactly("refused: rerun of " + id(REPACK) + " refused: release " + R + " is unknown to the graph");
        plan("p1", chain());
        String before = state.snapshot();

        assertThat(described(rerun("no-such-task", false, "r1")))
                .containsExactly("refused: rerun of " + id("no-such-task") + " refused: no such task in release " + R);
        assertThat(described(rerun(BUILD, false, "r2"))).containsExactly("refused: rerun of " + id(BUILD)
                + " refused: it is the build's signing task, completed by the build system (submit the build again "
                + "instead)");
        assertThat(described(rules.onRerun(new RerunRequested(R, Phase.SHIP, REPACK, false, "test", "r3"), "e3")))
                .containsExactly("refused: rerun of " + id(REPACK) + " refused: the task is in phase promote, not ship");

        assertThat(state.snapshot()).isEqualTo(before);
    }
}
