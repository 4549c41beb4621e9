package dev.relpromo.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.PhaseCompleted;
import dev.relpromo.events.PhaseStatus;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a seal covers: one plan, announced once when every task of that plan has completed. */
class GraphPlansTest extends GraphTestBase {
    static final String GLOBEX = "release-partner-repack-linux64-shippable-globex-globex-1-de";
    static final String GLOBEX_BEET = "release-partner-repack-beetmover-linux64-shippable-globex-globex-1-de";

    /** A second partner on the same build node: repack → beetmover. */
    static List<TaskDefined> globex() {
        return List.of(def(BUILD, TaskIds.EXTERNAL_SIGNING_KIND, Service.EXTERNAL),
                def(GLOBEX, "release-partner-repack", Service.REPACK, BUILD),
                def(GLOBEX_BEET, "release-partner-repack-beetmover", Service.BEETMOVER, GLOBEX));
    }

    static List<TaskDefined> both() {
        List<TaskDefined> all = new ArrayList<>(chain());
        all.addAll(globex().subList(1, 3));
        return all;
    }

    @Test
    void aPartnerSubsetWithTheSameConfigAndBuildNumberIsAPlanOfItsOwn() {
        plan("p-all", "sha256:x", 1, both());
        runChain(1);
        assertThat(completedPlans()).as("globex is still running").isEmpty();
        result(Service.REPACK, GLOBEX, "release-partner-repack", 1, stored("g"));
        result(Service.BEETMOVER, GLOBEX_BEET, "release-partner-repack-beetmover", 1, stored("gb"));
        assertThat(completedPlans()).singleElement().satisfies(p -> {
            assertThat(p.plan()).isEqualTo("p-all");
            assertThat(p.taskCount()).isEqualTo(7);
        });

        // Promote acme alone again (same config hash and v1, fewer tasks): its tasks are all complete, so this
        // plan is announced at once — where one seal per config/v1 never announced it.
        plan("p-acme", "sha256:x", 1, chain());
        assertThat(read(Topics.PHASE_EVENTS.name())).singleElement().satisfies(e -> {
            assertThat(e.as(PhaseCompleted.class)).isEqualTo(new PhaseCompleted(R, dev.relpromo.events.Phase.PROMOTE,
                    5, "sha256:x", "p-acme"));
            assertThat(e.id()).isEqualTo("phase-completed:" + R + "/promote:p-acme");
        });
        assertThat(node(REPACK).plans).containsExactly("p-acme", "p-all");
        assertThat(node(GLOBEX).plans).containsExactly("p-all");
    }

    @Test
    void twoPlansInFlightAreEachAnnouncedWhenTheirOwnTasksAreDone() {
        plan("p-acme", "sha256:x", 1, chain());
        plan("p-globex", "sha256:x", 1, globex());
        build();
        result(Service.REPACK, GLOBEX, "release-partner-repack", 1, stored("g"));
        result(Service.BEETMOVER, GLOBEX_BEET, "release-partner-repack-beetmover", 1, stored("gb"));
        assertThat(completedPlans()).extracting(PhaseCompleted::plan).containsExactly("p-globex");
        runChain(1);
        assertThat(completedPlans()).extracting(PhaseCompleted::plan).containsExactly("p-acme");
        PhaseState.PlanState acme = phaseState().plans.get("p-acme");
        assertThat(acme.defined).isEqualTo(5);
        assertThat(acme.completed).isEqualTo(5);
        assertThat(phaseState().plans.get("p-globex").completed).isEqualTo(3);
        assertThat(lastStatus().total()).isEqualTo(new PhaseStatus.Counts(0, 0, 7, 0));
    }

    @Test
    void aChangedConfigIsAnotherPlanAndAnIdenticalReplayChangesNothing() {
        plan("p1", "sha256:x", 1, chain());
        runChain(1);
        assertThat(completedPlans()).extracting(PhaseCompleted::plan).containsExactly("p1");
        work(Service.REPACK);

        plan("p1", "sha256:x", 1, chain()); // identical re-promotion (or a rewound planner): same plan id
        assertThat(completedPlans()).isEmpty();
        assertThat(work(Service.REPACK)).isEmpty();
        assertThat(phaseState().plans.get("p1").defined).as("duplicate definitions are harmless").isEqualTo(5);

        plan("p2", "sha256:y", 1, chain()); // same tasks, changed config
        assertThat(completedPlans()).singleElement().satisfies(p -> {
            assertThat(p.plan()).isEqualTo("p2");
            assertThat(p.configHash()).isEqualTo("sha256:y");
        });
        assertThat(lastStatus().taskCount()).isEqualTo(5);
    }

    @Test
    void aRespinCompletesItsOwnPlanWhileAV1TaskHasFailed() {
        plan("p-v1", "sha256:x", 1, chain());
        build();
        failed(Service.REPACK, REPACK, "release-partner-repack", 1, "destination blocked");

        List<TaskDefined> respin = List.of(def(BUILD, TaskIds.EXTERNAL_SIGNING_KIND, Service.EXTERNAL),
                def(REPACK + "-v2", "release-partner-repack", Service.REPACK, BUILD),
                def(BEET + "-v2", "release-partner-repack-beetmover", Service.BEETMOVER, REPACK + "-v2"));
        plan("p-v2", "sha256:x", 2, respin);
        assertThat(work(Service.REPACK)).extracting(w -> w.task().label()).containsExactly(REPACK, REPACK + "-v2");
        result(Service.REPACK, REPACK + "-v2", "release-partner-repack", 1, stored("v2"));
        result(Service.BEETMOVER, BEET + "-v2", "release-partner-repack-beetmover", 1, stored("v2b"));

        assertThat(completedPlans()).singleElement().satisfies(p -> {
            assertThat(p.plan()).isEqualTo("p-v2");
            assertThat(p.taskCount()).isEqualTo(3);
        });
        PhaseStatus status = lastStatus();
        assertThat(status.complete()).as("a v1 task is still failed").isFalse();
        assertThat(status.failed()).extracting(PhaseStatus.FailedTask::label).containsExactly(REPACK);
        assertThat(status.total()).isEqualTo(new PhaseStatus.Counts(3, 0, 3, 1));
    }

    @Test
    void v1DefinitionsWithoutAPlanBelongToTheLegacyPlanOfTheNextV1Seal() {
        plan(chain(), true); // v1 events: no plan anywhere
        runChain(1);
        assertThat(read(Topics.PHASE_EVENTS.name())).singleElement().satisfies(e -> {
            assertThat(e.as(PhaseCompleted.class).plan()).isEqualTo("sha256:x/v1");
            assertThat(e.id()).isEqualTo("phase-completed:" + R + "/promote:sha256:x/v1");
        });
        plan(chain(), true); // a replay of the same v1 plan
        assertThat(completedPlans()).isEmpty();
        assertThat(node(REPACK).plans).containsExactly("legacy-1", "legacy-2");
    }
}
