package dev.relpromo.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.PhaseCompleted;
import dev.relpromo.events.PhaseStatus;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.codec.CeHeaders;
import dev.relpromo.events.topics.Topics;
import org.junit.jupiter.api.Test;

/** Reruns: new attempts, invalidated dependents, exact counters, and a phase that completes after a failure. */
class GraphRerunTest extends GraphTestBase {
    static final String SIGN_KIND = "release-partner-repack-repackage-signing";

    @Test
    void aFailedTaskRerunSuccessfullyNoLongerBlocksThePhase() {
        plan("p1", "sha256:x", 1, chain());
        build();
        failed(Service.REPACK, REPACK, "release-partner-repack", 1, "destination blocked");
        assertThat(lastStatus().failed()).hasSize(1);
        work(Service.REPACK);

        rerun(REPACK, false, "r1");
        assertThat(work(Service.REPACK)).singleElement().satisfies(w -> {
            assertThat(w.task().label()).isEqualTo(REPACK);
            assertThat(w.attempt()).isEqualTo(2);
            assertThat(w.task().plan()).as("work items carry no plan").isNull();
        });
        PhaseStatus rerunning = lastStatus();
        assertThat(rerunning.failed()).isEmpty();
        assertThat(rerunning.kinds().get("release-partner-repack")).isEqualTo(new PhaseStatus.Counts(0, 1, 0, 0));

        result(Service.REPACK, REPACK, "release-partner-repack", 1, stored("stale"));
        assertThat(work(Service.SIGNING)).as("attempt 1 is no longer current").isEmpty();
        result(Service.REPACK, REPACK, "release-partner-repack", 2, stored("target.tar.xz"));
        assertThat(work(Service.SIGNING)).singleElement().extracting(WorkItem::attempt).isEqualTo(1);
        result(Service.SIGNING, SIGN, SIGN_KIND, 1, stored("s"));
        result(Service.BEETMOVER, BEET, "release-partner-repack-beetmover", 1, stored("b"));

        assertThat(completedPlans()).extracting(PhaseCompleted::plan).containsExactly("p1");
        PhaseStatus done = lastStatus();
        assertThat(done.complete()).isTrue();
        assertThat(done.total()).isEqualTo(new PhaseStatus.Counts(0, 0, 5, 0));
        assertThat(phaseState().plans.get("p1").completed).isEqualTo(5);
    }

    @Test
    void withoutDependentsTheyRunAgainOnlyWhenTheArtifactsChange() {
        plan("p1", "sha256:x", 1, chain());
        runChain(1);
        assertThat(completedPlans()).hasSize(1);
        work(Service.SIGNING);
        work(Service.BEETMOVER);

        rerun(SIGN, false, "r1");
        assertThat(work(Service.SIGNING)).singleElement().extracting(WorkItem::attempt).isEqualTo(2);
        assertThat(lastStatus().complete()).as("the plan is reopened").isFalse();
        assertThat(phaseState().plans.get("p1").completed).isEqualTo(4);
        result(Service.SIGNING, SIGN, SIGN_KIND, 2, stored("s")); // same artifacts: beetmover keeps its result
        assertThat(work(Service.BEETMOVER)).isEmpty();
        assertThat(read(Topics.PHASE_EVENTS.name())).singleElement()
                .satisfies(e -> assertThat(e.id()).isEqualTo("phase-completed:" + R + "/promote:p1:r2"));

        rerun(SIGN, false, "r2");
        result(Service.SIGNING, SIGN, SIGN_KIND, 3, stored("s-changed"));
        assertThat(work(Service.BEETMOVER)).singleElement().satisfies(w -> {
            assertThat(w.attempt()).isEqualTo(2);
            assertThat(w.upstream()).singleElement().satisfies(u -> assertThat(u.artifacts())
                    .containsExactly(stored("s-changed")));
        });
        assertThat(completedPlans()).as("beetmover must run again first").isEmpty();
        assertThat(lastStatus().total()).isEqualTo(new PhaseStatus.Counts(0, 1, 4, 0));
        result(Service.BEETMOVER, BEET, "release-partner-repack-beetmover", 1, stored("b")); // old attempt
        assertThat(completedPlans()).isEmpty();
        result(Service.BEETMOVER, BEET, "release-partner-repack-beetmover", 2, stored("b2"));
        assertThat(read(Topics.PHASE_EVENTS.name())).singleElement()
                .satisfies(e -> assertThat(e.id()).isEqualTo("phase-completed:" + R + "/promote:p1:r3"));
        assertThat(node(SIGN).attempt).isEqualTo(3);
        assertThat(node(BEET).attempt).isEqualTo(2);
    }

    @Test
    void withDependentsEveryTransitiveDependentGetsANewAttemptAndWaitsForItsUpstreams() {
        plan("p1", "sha256:x", 1, chain());
        runChain(1);
        work(Service.REPACK);
        work(Service.SIGNING);
        work(Service.BEETMOVER);
        completedPlans();

        rerun(REPACK, true, "r1");
        assertThat(work(Service.REPACK)).singleElement().extracting(WorkItem::attempt).isEqualTo(2);
        assertThat(work(Service.SIGNING)).as("waits for the repack").isEmpty();
        assertThat(lastStatus().total()).isEqualTo(new PhaseStatus.Counts(3, 1, 1, 0));
        assertThat(node(DUMMY).attempt).isEqualTo(2);

        result(Service.REPACK, REPACK, "release-partner-repack", 2, stored("target.tar.xz")); // same bytes: runs anyway
        assertThat(work(Service.SIGNING)).singleElement().extracting(WorkItem::attempt).isEqualTo(2);
        result(Service.SIGNING, SIGN, SIGN_KIND, 2, stored("s"));
        assertThat(work(Service.BEETMOVER)).singleElement().extracting(WorkItem::attempt).isEqualTo(2);
        result(Service.BEETMOVER, BEET, "release-partner-repack-beetmover", 2, stored("b"));
        assertThat(completedPlans()).singleElement().extracting(PhaseCompleted::plan).isEqualTo("p1");
        assertThat(lastStatus().total()).isEqualTo(new PhaseStatus.Counts(0, 0, 5, 0));
    }

    @Test
    void aTaskWhoseUpstreamsAreNotCompleteWaitsWithItsNewAttempt() {
        plan("p1", "sha256:x", 1, chain());
        rerun(TaskIds.of(R, REPACK), false, "r1"); // by task id
        assertThat(work(Service.REPACK)).isEmpty();
        assertThat(node(REPACK).attempt).isEqualTo(2);
        build();
        assertThat(work(Service.REPACK)).singleElement().extracting(WorkItem::attempt).isEqualTo(2);
        rerun(REPACK, false, "r1"); // the same request again (a replay): applied once
        assertThat(work(Service.REPACK)).isEmpty();
        assertThat(node(REPACK).attempt).isEqualTo(2);
    }

    @Test
    void refusedRerunsGoToTheDeadLetterTopicWithTheReason() {
        pipe(Topics.RERUNS.name(), R, new dev.relpromo.events.RerunRequested(R, null, REPACK, false, "test", "r0"));
        plan("p1", "sha256:x", 1, chain());
        rerun("no-such-task", false, "r1");
        rerun(BUILD, false, "r2");
        pipe(Topics.RERUNS.name(), R, new dev.relpromo.events.RerunRequested(R, dev.relpromo.events.Phase.SHIP, REPACK,
                false, "test", "r3"));
        assertThat(deadLetters()).extracting(r -> header(r.headers(), CeHeaders.DLQ_REASON)).containsExactly(
                "rerun of " + R + "/" + REPACK + " refused: release " + R + " is unknown to the graph",
                "rerun of " + R + "/no-such-task refused: no such task in release " + R,
                "rerun of " + R + "/" + BUILD + " refused: it is the build's signing task, completed by the build "
                        + "system (submit the build again instead)",
                "rerun of " + R + "/" + REPACK + " refused: the task is in phase promote, not ship");
        assertThat(node(REPACK).attempt).isEqualTo(1);
        assertThat(node(BUILD).attempt).isEqualTo(1);
    }
}
