package dev.relpromo.planner.graph;

import static dev.relpromo.planner.PartnerTree.cfg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.Phase;
import dev.relpromo.events.PromotionRequested;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.events.kinds.TaskKind;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import dev.relpromo.planner.PartnerTree;
import dev.relpromo.planner.Planner;
import dev.relpromo.planner.config.PartnerConfigSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planner plans exactly the catalogue's kinds, each owned by the service the catalogue names. */
class PlannedKindsTest {
    @TempDir
    Path tmp;

    /** Both paths, every platform each path has, and attribution: every kind the graph rules can produce. */
    private List<TaskDefined> everyPathAndPlatform() throws IOException {
        Path config = PartnerTree.in(tmp.resolve("cfg"))
                .subConfig("acme", "acme-1", cfg("de en-US",
                        "linux-i686", "linux-x86_64", "mac", "win32", "win64", "win64-aarch64"))
                .subConfig("mozilla-EME-free", "mozilla-EME-free", cfg("de en-US",
                        "mac", "win32", "win64", "win64-aarch64"))
                .writeManifest();
        Path attribution = PartnerTree.write(tmp.resolve("attribution_config.yml"), """
                defaults: {medium: distribution, source: mozilla}
                configs:
                  - {campaign: acme, content: acme-003, locales: [de], platforms: [win32-shippable]}
                """);
        Planner planner = new Planner(PartnerConfigSource.directory(config),
                new FileSystemArtifactStore(tmp.resolve("store"))).withAttribution(attribution);
        return planner.plan(new PromotionRequested("Firefox-135.0-build1", Phase.PROMOTE, null, null, null, null, 1,
                null, null, "test")).tasks();
    }

    @Test
    void everyCatalogueKindIsPlannedInGraphOrder() throws IOException {
        assertThat(PromoteGraph.countByKind(everyPathAndPlatform()).keySet())
                .containsExactlyElementsOf(Kinds.all().stream().map(TaskKind::name)
                        // the push phase's kind is not part of a promote plan
                        .filter(k -> !k.equals(Kinds.RELEASE_BEETMOVER_PUSH_TO_RELEASE.name())).toList());
    }

    @Test
    void everyTaskIsOwnedByItsKindsService() throws IOException {
        assertThat(everyPathAndPlatform()).allSatisfy(t ->
                assertThat(t.service()).as(t.label()).isEqualTo(Kinds.named(t.kind()).owner()));
    }
}
