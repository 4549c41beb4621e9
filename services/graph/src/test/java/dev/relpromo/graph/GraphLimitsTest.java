package dev.relpromo.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Bounded;
import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.Platform;
import dev.relpromo.events.PhaseStatus;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.codec.CeHeaders;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every record the graph writes fits the broker's limit, however many failures or artifacts a release has. */
class GraphLimitsTest extends GraphTestBase {
    static final int MiB = 1 << 20;

    @Test
    void aReleaseWithThousandsOfFailuresStillFitsInOneStatusRecord() throws Exception {
        // 5000 repacks over 50 build nodes (TopologyTestDriver keeps every output: read them as we go).
        List<TaskDefined> defs = new ArrayList<>();
        List<String> locales = IntStream.range(0, 50).mapToObj(i -> "de-" + i).toList();
        locales.forEach(l -> defs.add(def(TaskIds.buildSigningLabel(Platform.LINUX64, l), TaskIds.EXTERNAL_SIGNING_KIND,
                Service.EXTERNAL)));
        IntStream.range(0, 5000).forEach(i -> defs.add(def("repack-" + i, "release-partner-repack", Service.REPACK,
                TaskIds.buildSigningLabel(Platform.LINUX64, locales.get(i % 50)))));
        plan("p1", "sha256:x", 1, defs);
        pipe(Topics.BUILDS.name(), R, new BuildCompleted(R, Platform.LINUX64, "l10n", locales.stream()
                .map(l -> new BuildCompleted.LocaleBuild(l, List.of(new Artifact("target.tar.xz", "file:///" + l, H, 1)),
                        null)).toList()));
        assertThat(work(Service.REPACK)).hasSize(5000);
        String longError = "E".repeat(20_000);
        PhaseStatus status = null;
        for (int i = 0; i < 5000; i++) {
            failed(Service.REPACK, "repack-" + i, "release-partner-repack", 1, longError);
            if (i % 500 == 499) {
                status = lastStatus();
            }
        }
        assertThat(status.total().failed()).isEqualTo(5000);
        assertThat(status.failed()).hasSize(PhaseStatus.MAX_FAILED_LISTED);
        assertThat(status.failedOmitted()).isEqualTo(5000 - PhaseStatus.MAX_FAILED_LISTED);
        assertThat(status.failed().get(0).error()).hasSize(PhaseStatus.MAX_LISTED_ERROR_CHARS)
                .endsWith("… [truncated " + (20_000 - PhaseStatus.MAX_LISTED_ERROR_CHARS + 25) + " chars]");
        assertThat(codec.value(codec.envelope(status, R)).length).isLessThan(MiB);
        assertThat(EventCodec.mapper().writeValueAsBytes(phaseState()).length).as("the store value").isLessThan(MiB);
        assertThat(node("repack-4999").error).hasSize(Bounded.MAX_ERROR_CHARS).contains("[truncated");
        assertThat(phaseState().plans.get("p1").completed).isEqualTo(50);

        // A listed failure rerun successfully leaves the list; the counters stay exact.
        rerun("repack-0", false, "r1");
        result(Service.REPACK, "repack-0", "release-partner-repack", 2, stored("ok"));
        PhaseStatus after = lastStatus();
        assertThat(after.total()).isEqualTo(new PhaseStatus.Counts(0, 0, 51, 4999));
        assertThat(after.failed()).hasSize(PhaseStatus.MAX_FAILED_LISTED - 1);
        assertThat(after.failedOmitted()).isEqualTo(4999 - (PhaseStatus.MAX_FAILED_LISTED - 1));
    }

    @Test
    void aWorkItemTooLargeToSendFailsTheTaskAndIsDeadLetteredAsAReference() {
        plan("p1", "sha256:x", 1, chain());
        build();
        List<Artifact> many = IntStream.range(0, 4000).mapToObj(i -> Artifact.stored("part-" + i + ".tar.xz",
                "releng/partner/acme/acme-1/de/some/long/path/part-" + i + ".tar.xz", H, i)).toList();
        result(Service.REPACK, REPACK, "release-partner-repack", 1, many.toArray(Artifact[]::new));

        assertThat(work(Service.SIGNING)).isEmpty();
        PhaseStatus status = lastStatus();
        assertThat(status.failed()).singleElement().satisfies(f -> {
            assertThat(f.label()).isEqualTo(SIGN);
            assertThat(f.error()).startsWith("work item of ").contains("bytes is larger than the limit of 1000000 bytes");
        });
        assertThat(deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.key()).isEqualTo(id(SIGN));
            assertThat(d.value().length).isLessThan(2000);
            assertThat(header(d.headers(), CeHeaders.DLQ_REASON)).startsWith("work item of ");
            assertThat(header(d.headers(), CeHeaders.DLQ_TOPIC)).endsWith(GraphTopology.RESULTS_BY_RELEASE + "-repartition");
            assertThat(header(d.headers(), TooLarge.OUTPUT_TOPIC_HEADER)).isEqualTo("relpromo.work.signing");
            assertThat(Integer.parseInt(header(d.headers(), TooLarge.SIZE_HEADER))).isGreaterThan(1_000_000);
        });
    }
}
