package dev.relpromo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.Phase;
import dev.relpromo.events.PhaseStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StatusCommandTest {
    @Test
    void rendersCountsPerKindAndFailuresWithErrorAndInput() {
        Map<String, PhaseStatus.Counts> kinds = new TreeMap<>();
        kinds.put("release-partner-repack", new PhaseStatus.Counts(0, 1, 2, 1));
        kinds.put("release-partner-repack-beetmover", new PhaseStatus.Counts(4, 0, 0, 0));
        PhaseStatus status = new PhaseStatus("Firefox-135.0-build1", Phase.PROMOTE, true, 8, "sha256:abc",
                new PhaseStatus.Counts(4, 1, 2, 1), kinds,
                List.of(new PhaseStatus.FailedTask("Firefox-135.0-build1/x", "x", "release-partner-repack", 1,
                        "archive entry '/etc/passwd' is absolute", "relpromo.work.repack/1@4")), false);
        String text = StatusCommand.render(List.of(status), List.of());
        assertThat(text).contains("Firefox-135.0-build1 promote: in progress (2/8 tasks, partner config sha256:abc)")
                .containsPattern("release-partner-repack\\s+0\\s+1\\s+2\\s+1")
                .containsPattern("release-partner-repack-beetmover\\s+4\\s+0\\s+0\\s+0")
                .contains("FAILED x (attempt 1): archive entry '/etc/passwd' is absolute [input relpromo.work.repack/1@4]");
    }

    @Test
    void showsTheAttemptOfEveryRerunTaskAndHowManyFailuresAreNotListed() {
        String r = "Firefox-135.0-build1";
        PhaseStatus status = new PhaseStatus(r, Phase.PROMOTE, true, 300, "sha256:abc",
                new PhaseStatus.Counts(0, 1, 0, 299), Map.of("release-partner-repack", new PhaseStatus.Counts(0, 1, 0, 299)),
                List.of(new PhaseStatus.FailedTask(r + "/x", "x", "release-partner-repack", 1, "boom", null)), false, 298);
        List<dev.relpromo.graph.TaskView> rerun = List.of(new dev.relpromo.graph.TaskView(r + "/y", "y",
                "release-partner-repack", Phase.PROMOTE, "repack", null, List.of(), "running", 3, null, null));
        assertThat(StatusCommand.render(List.of(status), rerun))
                .contains("FAILED x (attempt 1): boom\n")
                .contains("  … and 298 more failed tasks (all of them: /api/releases/" + r + "/tasks?state=failed)\n")
                .contains("  attempt 3 of y: running\n");
    }

    @Test
    void saysThatMacAttributionIsNotDoneWhenAReleaseHasAttributionTasks() {
        String r = "Firefox-135.0-build1";
        PhaseStatus attribution = new PhaseStatus(r, Phase.PROMOTE, true, 1, "sha256:abc",
                new PhaseStatus.Counts(0, 0, 1, 0), Map.of("release-partner-attribution",
                new PhaseStatus.Counts(0, 0, 1, 0)), List.of(), true);
        PhaseStatus repacks = new PhaseStatus(r, Phase.PROMOTE, true, 1, "sha256:abc",
                new PhaseStatus.Counts(0, 0, 1, 0), Map.of("release-partner-repack",
                new PhaseStatus.Counts(0, 0, 1, 0)), List.of(), true);

        assertThat(StatusCommand.render(List.of(attribution), List.of()))
                .contains("note: partner attribution covers Windows installers only; macOS attribution of a dmg is not"
                        + " done in this version");
        assertThat(StatusCommand.render(List.of(repacks), List.of())).doesNotContain("attribution");
    }
}
