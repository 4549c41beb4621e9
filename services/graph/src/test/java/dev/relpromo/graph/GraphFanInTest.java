package dev.relpromo.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Phase;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.kinds.Kinds;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** release-generate-checksums fans in from every beetmover of a release; its work item must stay small. */
class GraphFanInTest extends GraphTestBase {
    private static final int BEETMOVERS = 3000;
    private static final String KIND = Kinds.EME_FREE_BEETMOVER.name();

    @Test
    void aGenerateChecksumsTaskAfter3000BeetmoversIsDispatchedWithOnlyTheUpstreamCount() {
        List<String> beetmovers = IntStream.range(0, BEETMOVERS).mapToObj(i -> KIND + "-win64-shippable-mozilla-EME-free"
                + "-mozilla-EME-free-l" + i).toList();
        List<TaskDefined> defs = new ArrayList<>();
        defs.add(def(BUILD, "build-signing", Service.EXTERNAL));
        beetmovers.forEach(b -> defs.add(def(b, KIND, Service.BEETMOVER, BUILD)));
        defs.add(def("release-generate-checksums", "release-generate-checksums", Service.CHECKSUMS,
                beetmovers.toArray(String[]::new)));
        plan(defs, true);
        build();
        assertThat(work(Service.BEETMOVER)).hasSize(BEETMOVERS);

        List<TaskCompleted> results = new ArrayList<>();
        for (String b : beetmovers) {
            // what a beetmover reports: its published files and its manifest, under long candidates paths
            String dir = "pub/firefox/candidates/130.0-candidates/build1/win64-EME-free/" + b + "/";
            Artifact[] artifacts = {Artifact.stored("Firefox Setup 130.0.exe", dir + "Firefox Setup 130.0.exe", H, 1),
                    Artifact.stored("Firefox Setup 130.0.exe.asc", dir + "Firefox Setup 130.0.exe.asc", H, 1),
                    Artifact.stored("target.checksums", "releng/beetmover/firefox/130.0/build1/" + b + "/t", H, 1)};
            result(Service.BEETMOVER, b, KIND, 1, artifacts);
            results.add(new TaskCompleted(R, Phase.PROMOTE, id(b), b, KIND, 1, List.of(artifacts)));
        }

        List<WorkItem> work = work(Service.CHECKSUMS);
        assertThat(work).singleElement().satisfies(w -> {
            assertThat(w.upstream()).isEmpty();
            assertThat(w.upstreamCount()).isEqualTo(BEETMOVERS);
        });
        assertThat(lastStatus().failed()).isEmpty();
        int sent = codec.value(codec.envelope(work.get(0), R)).length;
        int inline = codec.value(codec.envelope(new WorkItem(work.get(0).task(), 1, results), R)).length;
        assertThat(inline).as("the results inline").isGreaterThan(1_000_000);
        assertThat(sent).as("the work item sent").isLessThan(inline / 5);
    }
}
