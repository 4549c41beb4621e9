package dev.relpromo.beetmover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Phase;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.params.BeetmoverParams;
import dev.relpromo.events.params.ReleaseRef;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import dev.relpromo.kit.work.ArtifactResolver;
import dev.relpromo.kit.work.TaskContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseChecksumsBeetmoverHandlerTest {
    private static final String RELEASE = "Firefox-130.0-build1";
    private static final String BUILD_DIR = "pub/firefox/candidates/130.0-candidates/build1/";
    private static final List<String> NAMES = List.of("SHA256SUMMARY", "SHA256SUMS", "SHA512SUMMARY", "SHA512SUMS",
            "SHA256SUMMARY.asc", "SHA256SUMS.asc", "SHA512SUMMARY.asc", "SHA512SUMS.asc");

    @TempDir
    Path tmp;

    private static WorkItem work(List<Artifact> upstream) {
        String label = "release-generate-checksums-beetmover";
        TaskDefined task = new TaskDefined(RELEASE, Phase.PROMOTE, TaskIds.of(RELEASE, label), label, label,
                Service.BEETMOVER, null, List.of(TaskIds.of(RELEASE, "release-generate-checksums-signing")),
                new BeetmoverParams(new ReleaseRef("firefox", "130.0", 1), null, null));
        return new WorkItem(task, 1, List.of(new TaskCompleted(RELEASE, Phase.PROMOTE,
                TaskIds.of(RELEASE, "release-generate-checksums-signing"), "release-generate-checksums-signing",
                "release-generate-checksums-signing", 1, upstream)));
    }

    @Test
    void publishesTheSumsAndSignaturesAtTheTopOfTheBuildDirOnce() throws Exception {
        FileSystemArtifactStore store = new FileSystemArtifactStore(tmp.resolve("store"));
        TaskContext context = new TaskContext(store, Files.createDirectories(tmp.resolve("work")),
                new ArtifactResolver(store));
        List<Artifact> upstream = new ArrayList<>();
        for (String name : NAMES) {
            upstream.add(store.put("releng/checksums/firefox/130.0/build1/" + name,
                    name.getBytes(StandardCharsets.UTF_8)).asArtifact(name));
        }
        ReleaseChecksumsBeetmoverHandler handler = new ReleaseChecksumsBeetmoverHandler();

        List<Artifact> out = handler.handle(work(upstream), context);

        assertThat(out).extracting(Artifact::name).containsExactlyElementsOf(NAMES);
        assertThat(store.list(BUILD_DIR)).containsExactlyInAnyOrderElementsOf(NAMES.stream().map(n -> BUILD_DIR + n)
                .toList());
        assertThat(store.open(BUILD_DIR + "SHA512SUMS").readAllBytes()).isEqualTo("SHA512SUMS".getBytes());
        assertThat(handler.handle(work(upstream), context)).isEqualTo(out);

        List<Artifact> changed = new ArrayList<>(upstream);
        changed.set(3, store.put("releng/other/SHA512SUMS", "other".getBytes()).asArtifact("SHA512SUMS"));
        assertThatThrownBy(() -> handler.handle(work(changed), context)).isInstanceOf(TaskFailureException.class)
                .hasMessageContaining("a different SHA512SUMS is already published");
        assertThatThrownBy(() -> handler.handle(work(upstream.subList(0, 7)), context))
                .isInstanceOf(TaskFailureException.class).hasMessageContaining("no upstream SHA512SUMS.asc");
    }
}
