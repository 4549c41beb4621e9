package dev.relpromo.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relpromo.graph.TaskView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task made to fail by its environment (its destination in the candidates tree is blocked by a stray file) is
 * rerun with {@code relpromo rerun} once the cause is removed, and the phase completes.
 */
class RerunCommandIT {
    static final String RELEASE = "Firefox-135.0-build4";

    @TempDir
    Path dir;

    @Test
    void aTaskFailedByItsEnvironmentIsRerunAfterTheFixAndThePhaseCompletes() throws Exception {
        Path partners = LinuxRelease.partners(dir);
        Path builds = LinuxRelease.builds(dir, 512 * 1024);
        Path data = dir.resolve("data");
        // globex's partner directory in the candidates tree is a file: every globex beetmover task fails.
        Path blocker = data.resolve("store/pub/firefox/candidates/135.0-candidates/build4/partner-repacks/globex");
        Files.createDirectories(blocker.getParent());
        Files.writeString(blocker, "in the way");

        Stack.Options options = new Stack.Options(data.resolve("state"), data.resolve("store").toString(), data.resolve("keys"),
                null, Map.of(), partners, true, 0, "rerun-it", 1, UpCommand.buildSources(List.of(builds.toString()), null));
        try (Stack stack = new Stack(options).start()) {
            new Endpoints(stack.bootstrapServers(), stack.statusUri()).write(data);
            RunCommandIT.Result submitted = RunCommandIT.relpromo("submit-build", "--data", data.toString(),
                    "--release", RELEASE, "--builds", builds.toString());
            assertThat(submitted.code()).as(submitted.err()).isZero();

            // acme's 7 repacks complete; globex-eu de and fr fail at the beetmover; the 3 release checksums tasks
            // (generate, signing, beetmover) wait for every beetmover.
            await().atMost(Duration.ofMinutes(3)).until(() -> failed(stack).size() == 2
                    && stack.graph().tasks(RELEASE).stream().filter(t -> t.state().equals("completed")).count()
                    == stack.graph().tasks(RELEASE).size() - 2 - 3);
            assertThat(stack.graph().tasks(RELEASE)).filteredOn(t -> t.label().startsWith("release-generate-checksums"))
                    .hasSize(3).allSatisfy(t -> assertThat(t.state()).isEqualTo("pending"));
            List<TaskView> failed = failed(stack);
            assertThat(failed).allSatisfy(t -> {
                assertThat(t.label()).startsWith("release-partner-repack-beetmover-").contains("globex");
                assertThat(t.error()).contains("globex");
            });
            RunCommandIT.Result status = RunCommandIT.relpromo("status", "--data", data.toString(), RELEASE);
            assertThat(status.code()).isEqualTo(1);

            Files.delete(blocker);
            for (TaskView t : failed) {
                RunCommandIT.Result rerun = RunCommandIT.relpromo("rerun", "--data", data.toString(), RELEASE, t.label());
                assertThat(rerun.code()).as(rerun.out() + rerun.err()).isZero();
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> stack.graph().phases(RELEASE).get(0).complete());
            assertThat(stack.graph().tasks(RELEASE)).filteredOn(t -> t.label().contains("beetmover") && t.label().contains("globex"))
                    .hasSize(2).allSatisfy(t -> {
                        assertThat(t.state()).isEqualTo("completed");
                        assertThat(t.attempt()).isEqualTo(2);
                    });
            assertThat(data.resolve("store/pub/firefox/candidates/135.0-candidates/build4/partner-repacks/globex/globex-eu/v1/linux-x86_64/fr/firefox-135.0.tar.xz")).exists();
            RunCommandIT.Result after = RunCommandIT.relpromo("status", "--data", data.toString(), RELEASE);
            assertThat(after.code()).as(after.out() + after.err()).isZero();
            assertThat(after.out()).contains("attempt 2");
        }
    }

    private static List<TaskView> failed(Stack stack) {
        return stack.graph().tasks(RELEASE).stream().filter(t -> t.state().equals("failed")).toList();
    }
}
