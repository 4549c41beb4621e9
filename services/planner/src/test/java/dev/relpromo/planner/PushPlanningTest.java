package dev.relpromo.planner;

import static dev.relpromo.planner.PartnerTree.cfg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Phase;
import dev.relpromo.events.PromotionRequested;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.kinds.BeetmoverScopes;
import dev.relpromo.events.params.BeetmoverParams;
import dev.relpromo.events.params.PushPartner;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import dev.relpromo.planner.config.PartnerConfigSource;
import dev.relpromo.planner.promotion.PromoteRecord;
import dev.relpromo.planner.promotion.PromoteRecords;
import dev.relpromo.events.ReleaseName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushPlanningTest {
    private static final String RELEASE = "Firefox-130.0-build1";
    private static final String PUBLISH = "publish_to_releases=true\n";

    @TempDir
    Path tmp;
    private FileSystemArtifactStore store;
    private Path cfgDir;

    @BeforeEach
    void setUp() throws IOException {
        store = new FileSystemArtifactStore(tmp.resolve("store"));
        cfgDir = PartnerTree.in(tmp.resolve("cfg"))
                .subConfig("acme", "acme-1", cfg("de", "linux-x86_64") + PUBLISH)
                .subConfig("bravo", "bravo-1", cfg("de", "linux-x86_64") + PUBLISH)
                .subConfig("bravo", "bravo-2", cfg("de", "linux-x86_64"))
                .subConfig("mozilla-EME-free", "mozilla-EME-free", cfg("de", "win64") + PUBLISH)
                .writeManifest();
    }

    private Planner planner() {
        return new Planner(PartnerConfigSource.directory(cfgDir), store);
    }

    /** A planner that fails if it reads the partner configuration. */
    private Planner blind() {
        return new Planner(() -> {
            throw new AssertionError("push must not read the partner configuration");
        }, store);
    }

    private static PromotionRequested promote(int partnerBuildNumber, List<String> partners) {
        return new PromotionRequested(RELEASE, Phase.PROMOTE, null, true, true, null, partnerBuildNumber, partners,
                null, "test");
    }

    private static PromotionRequested push() {
        return new PromotionRequested(RELEASE, Phase.PUSH, null, null, null, null, null, null, null, "test");
    }

    @Test
    void promoteStoresARecordOfThePlanAndEverySubConfigUsed() throws IOException {
        PhasePlan plan = planner().plan(promote(1, null));

        String key = "releng/promotions/firefox/130.0/build1/promote-" + plan.sealed().plan() + ".json";
        assertThat(store.exists(key)).isTrue();
        List<PromoteRecord> records = PromoteRecords.read(store, ReleaseName.parse(RELEASE));
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.plan()).isEqualTo(plan.sealed().plan());
            assertThat(r.configHash()).isEqualTo(plan.sealed().configHash());
            assertThat(r.partnerBuildNumber()).isEqualTo(1);
            assertThat(r.subConfigs()).extracting(PromoteRecord.UsedSubConfig::id)
                    .containsExactly("mozilla-EME-free/mozilla-EME-free", "acme/acme-1", "bravo/bravo-1",
                            "bravo/bravo-2");
            assertThat(r.subConfigs()).filteredOn(s -> s.subConfig().equals("acme-1")).singleElement()
                    .satisfies(s -> {
                        assertThat(s.publishToReleases()).isTrue();
                        assertThat(s.platforms()).containsExactly("linux64-shippable");
                        assertThat(s.locales()).containsExactly("de");
                        assertThat(s.snapshotKey()).startsWith("releng/partner-config/acme/acme-1/");
                        assertThat(store.exists(s.snapshotKey())).isTrue();
                    });
        });
        byte[] first = Files.readAllBytes(tmp.resolve("store").resolve(key));
        planner().plan(promote(1, null));
        assertThat(Files.readAllBytes(tmp.resolve("store").resolve(key))).as("replay: same bytes").isEqualTo(first);
    }

    @Test
    void everyBeetmoverTaskCarriesItsActionAndBucketScopes() throws IOException {
        PhasePlan plan = planner().withBeetmoverBucket("dep").plan(promote(1, null));
        List<TaskDefined> beetmovers = plan.tasks().stream().filter(t -> t.service() == Service.BEETMOVER).toList();
        assertThat(beetmovers).isNotEmpty().allSatisfy(t -> assertThat(t.params(BeetmoverParams.class).scopes())
                .containsExactly("project:releng:beetmover:bucket:dep", "project:releng:beetmover:action:"
                        + (t.kind().equals("release-generate-checksums-beetmover") ? "push-to-candidates"
                        : "push-to-partner")));
        assertThat(beetmovers).extracting(TaskDefined::kind).contains("release-generate-checksums-beetmover");
    }

    @Test
    void pushPlansOneTaskFromTheRecordsWithoutReadingTheConfiguration() throws IOException {
        planner().plan(promote(1, null));

        PhasePlan push = blind().plan(push());

        assertThat(push.sealed().phase()).isEqualTo(Phase.PUSH);
        assertThat(push.tasks()).singleElement().satisfies(t -> {
            assertThat(t.label()).isEqualTo("release-beetmover-push-to-release");
            assertThat(t.kind()).isEqualTo("release-beetmover-push-to-release");
            assertThat(t.phase()).isEqualTo(Phase.PUSH);
            assertThat(t.upstreams()).isEmpty();
            assertThat(t.plan()).isEqualTo(push.sealed().plan());
            BeetmoverParams p = t.params(BeetmoverParams.class);
            assertThat(p.scopes()).containsExactlyElementsOf(
                    BeetmoverScopes.of(BeetmoverScopes.PUSH_TO_RELEASES, "release"));
            assertThat(p.partners()).as("publish_to_releases partner sub-configs only; EME-free is in the build dir")
                    .containsExactly(new PushPartner("acme", "acme-1", 1), new PushPartner("bravo", "bravo-1", 1));
        });
        assertThat(blind().plan(push()).sealed().plan()).as("deterministic").isEqualTo(push.sealed().plan());
    }

    @Test
    void aV2RespinPublishesThatPartnerFromV2AndTheOthersFromV1() throws IOException {
        PhasePlan beforeRespin;
        planner().plan(promote(1, null));
        beforeRespin = blind().plan(push());
        planner().plan(promote(2, List.of("bravo")));

        PhasePlan push = blind().plan(push());

        assertThat(push.tasks()).singleElement().satisfies(t -> {
            assertThat(t.params(BeetmoverParams.class).partners()).containsExactly(
                    new PushPartner("acme", "acme-1", 1), new PushPartner("bravo", "bravo-1", 2));
            assertThat(t.label()).startsWith("release-beetmover-push-to-release-")
                    .isNotEqualTo(beforeRespin.tasks().get(0).label());
        });
        assertThat(push.sealed().plan()).isNotEqualTo(beforeRespin.sealed().plan());
        assertThat(push.sealed().partnerBuildNumber()).isEqualTo(2);
    }

    @Test
    void theConfigurationChangingOrVanishingAfterPromoteDoesNotMatter() throws IOException {
        planner().plan(promote(1, null));
        PhasePlan expected = blind().plan(push());
        // acme no longer publishes, a new publishing partner appears, then the directory goes away
        PartnerTree.in(cfgDir).subConfig("acme", "acme-1", cfg("de", "linux-x86_64"))
                .subConfig("delta", "delta-1", cfg("de", "linux-x86_64") + PUBLISH).writeManifest();
        assertThat(planner().plan(push())).isEqualTo(expected);
        deleteTree(cfgDir);
        assertThat(planner().plan(push())).isEqualTo(expected);
    }

    @Test
    void pushWithoutAPromoteRecordSaysToRunPromoteFirst() {
        assertThatThrownBy(() -> blind().plan(push()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContainingAll(RELEASE, store.describe(), "run promote first");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
