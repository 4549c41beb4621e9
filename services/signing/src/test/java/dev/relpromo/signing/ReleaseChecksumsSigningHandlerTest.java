package dev.relpromo.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Phase;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.params.SigningParams;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import dev.relpromo.kit.work.ArtifactResolver;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.testing.SystemTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseChecksumsSigningHandlerTest {
    private static final String DIR = "releng/checksums/firefox/130.0/build1/";
    private static final List<String> SUMS = List.of("SHA256SUMMARY", "SHA256SUMS", "SHA512SUMMARY", "SHA512SUMS");

    @TempDir
    Path tmp;

    private static WorkItem work(List<Artifact> upstream) {
        String label = "release-generate-checksums-signing";
        TaskDefined task = new TaskDefined(SigningWork.RELEASE, Phase.PROMOTE, TaskIds.of(SigningWork.RELEASE, label),
                label, label, Service.SIGNING, null, List.of(TaskIds.of(SigningWork.RELEASE, "release-generate-checksums")),
                new SigningParams(SigningWork.RELEASE_REF, null, null));
        return new WorkItem(task, 1, List.of(new TaskCompleted(SigningWork.RELEASE, Phase.PROMOTE,
                TaskIds.of(SigningWork.RELEASE, "release-generate-checksums"), "release-generate-checksums",
                "release-generate-checksums", 1, upstream)));
    }

    @Test
    void signsTheFourFilesAndPassesThemThroughWithTheKey() throws Exception {
        FileSystemArtifactStore store = new FileSystemArtifactStore(tmp.resolve("store"));
        TaskContext context = new TaskContext(store, Files.createDirectories(tmp.resolve("work")),
                new ArtifactResolver(store));
        List<Artifact> upstream = new ArrayList<>();
        for (String name : SUMS) {
            upstream.add(store.put(DIR + name, (name + " content\n").getBytes(StandardCharsets.UTF_8)).asArtifact(name));
        }

        List<Artifact> out = new ReleaseChecksumsSigningHandler(TestKeys.sharedSigner()).handle(work(upstream), context);

        assertThat(out).extracting(Artifact::name).containsExactly("SHA256SUMMARY", "SHA256SUMS", "SHA512SUMMARY",
                "SHA512SUMS", "SHA256SUMMARY.asc", "SHA256SUMS.asc", "SHA512SUMMARY.asc", "SHA512SUMS.asc", "KEY");
        assertThat(out.subList(0, 4)).isEqualTo(upstream);
        assertThat(out.get(5).storeKey()).isEqualTo(DIR + "SHA256SUMS.asc");
        if (SystemTools.has("gpg")) {
            try (SystemGpg gpg = SystemGpg.withHome(tmp.resolve("gnupg"))) {
                assertThat(gpg.importKey(store.pathOf(out.get(8).storeKey())).exitCode()).isZero();
                SystemGpg.Result result = gpg.verify(store.pathOf(DIR + "SHA512SUMS.asc"), store.pathOf(DIR + "SHA512SUMS"));
                assertThat(result.exitCode()).as(result.output()).isZero();
            }
        }
        assertThatThrownBy(() -> new ReleaseChecksumsSigningHandler(TestKeys.sharedSigner())
                .handle(work(upstream.subList(0, 3)), context)).isInstanceOf(TaskFailureException.class)
                .hasMessageContaining("has no upstream SHA512SUMS");
    }
}
