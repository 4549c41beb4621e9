package dev.relpromo.planner;

import static dev.relpromo.planner.PartnerTree.cfg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relpromo.events.Phase;
import dev.relpromo.events.Platform;
import dev.relpromo.events.PromotionRequested;
import dev.relpromo.events.Service;
import dev.relpromo.events.params.BeetmoverParams;
import dev.relpromo.events.params.ChecksumsParams;
import dev.relpromo.events.params.ReleaseRef;
import dev.relpromo.events.params.RepackParams;
import dev.relpromo.events.params.RepackRef;
import dev.relpromo.events.params.SigningParams;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.codec.EventType;
import dev.relpromo.events.codec.EventValidator;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import dev.relpromo.planner.config.PartnerConfigSource;
import dev.relpromo.planner.graph.PromoteGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {
    private static final String RELEASE = "Firefox-130.0-build1";

    @TempDir
    Path tmp;
    private FileSystemArtifactStore store;

    @BeforeEach
    void store() throws IOException {
        store = new FileSystemArtifactStore(tmp.resolve("store"));
    }

    private static PromotionRequested promote(String release) {
        return request(release, null, null, null, 1, null);
    }

    private static PromotionRequested request(String release, Boolean partner, Boolean emeFree, List<String> partners,
                                              int partnerBuildNumber, JsonNode inline) {
        return new PromotionRequested(release, Phase.PROMOTE, null, emeFree, partner, inline, partnerBuildNumber,
                partners, null, "test");
    }

    private Planner planner(Path configDir) {
        return new Planner(PartnerConfigSource.directory(configDir), store);
    }

    /** One partner, one sub-config, linux64 + win64 + mac, two locales. */
    private Path acmeTree(Path dir) {
        return PartnerTree.in(dir)
                .subConfig("acme", "acme-1", cfg("de en-US", "linux-x86_64", "win64", "mac")
                        + "migrationWizardDisabled=true\n")
                .writeManifest();
    }

    private static Map<String, TaskDefined> byLabel(PhasePlan plan) {
        return plan.tasks().stream().collect(Collectors.toMap(TaskDefined::label, Function.identity()));
    }

    private static List<String> upstreamLabels(TaskDefined t) {
        return t.upstreams().stream().map(id -> id.substring(id.indexOf('/') + 1)).toList();
    }

    @Test
    void smallGraphHasExactLabelsUpstreamsAndCounts() throws IOException {
        PhasePlan plan = planner(acmeTree(tmp.resolve("cfg"))).plan(promote(RELEASE));

        String p = "release-partner-repack";
        assertThat(plan.tasks()).extracting(TaskDefined::label).containsExactly(
                "build-signing-linux64-shippable-de",
                "build-signing-linux64-shippable-en-US",
                "build-signing-macosx64-shippable-de",
                "build-signing-macosx64-shippable-en-US",
                "build-signing-win64-shippable-de",
                "build-signing-win64-shippable-en-US",
                p + "-linux64-shippable-acme-acme-1-de",
                p + "-linux64-shippable-acme-acme-1-en-US",
                p + "-macosx64-shippable-acme-acme-1-de",
                p + "-macosx64-shippable-acme-acme-1-en-US",
                p + "-win64-shippable-acme-acme-1-de",
                p + "-win64-shippable-acme-acme-1-en-US",
                p + "-mac-signing-macosx64-shippable-1",
                p + "-mac-notarization-macosx64-shippable-1",
                p + "-repackage-macosx64-shippable-acme-acme-1-de",
                p + "-repackage-macosx64-shippable-acme-acme-1-en-US",
                p + "-repackage-win64-shippable-acme-acme-1-de",
                p + "-repackage-win64-shippable-acme-acme-1-en-US",
                p + "-chunking-dummy-linux64-shippable-acme-acme-1-de",
                p + "-chunking-dummy-linux64-shippable-acme-acme-1-en-US",
                p + "-repackage-signing-linux64-shippable-acme-acme-1-de",
                p + "-repackage-signing-linux64-shippable-acme-acme-1-en-US",
                p + "-repackage-signing-macosx64-shippable-acme-acme-1-de",
                p + "-repackage-signing-macosx64-shippable-acme-acme-1-en-US",
                p + "-repackage-signing-win64-shippable-acme-acme-1-de",
                p + "-repackage-signing-win64-shippable-acme-acme-1-en-US",
                p + "-beetmover-linux64-shippable-acme-acme-1-de",
                p + "-beetmover-linux64-shippable-acme-acme-1-en-US",
                p + "-beetmover-macosx64-shippable-acme-acme-1-de",
                p + "-beetmover-macosx64-shippable-acme-acme-1-en-US",
                p + "-beetmover-win64-shippable-acme-acme-1-de",
                p + "-beetmover-win64-shippable-acme-acme-1-en-US",
                "release-generate-checksums",
                "release-generate-checksums-signing",
                "release-generate-checksums-beetmover");
        assertThat(plan.sealed().taskCount()).isEqualTo(35);
        assertThat(plan.sealed().partnerBuildNumber()).isEqualTo(1);
        assertThat(plan.sealed().configHash()).matches("sha256:[0-9a-f]{64}");

        Map<String, TaskDefined> t = byLabel(plan);
        assertThat(t.get("build-signing-win64-shippable-de").upstreams()).isEmpty();
        assertThat(t.get("build-signing-win64-shippable-de").service()).isEqualTo(Service.EXTERNAL);
        assertThat(upstreamLabels(t.get(p + "-win64-shippable-acme-acme-1-de")))
                .containsExactly("build-signing-win64-shippable-de");
        assertThat(upstreamLabels(t.get(p + "-mac-signing-macosx64-shippable-1"))).containsExactly(
                p + "-macosx64-shippable-acme-acme-1-de", p + "-macosx64-shippable-acme-acme-1-en-US");
        assertThat(upstreamLabels(t.get(p + "-mac-notarization-macosx64-shippable-1")))
                .containsExactly(p + "-mac-signing-macosx64-shippable-1");
        assertThat(upstreamLabels(t.get(p + "-repackage-macosx64-shippable-acme-acme-1-en-US")))
                .containsExactly(p + "-mac-notarization-macosx64-shippable-1");
        assertThat(upstreamLabels(t.get(p + "-repackage-win64-shippable-acme-acme-1-en-US")))
                .containsExactly(p + "-win64-shippable-acme-acme-1-en-US");
        assertThat(upstreamLabels(t.get(p + "-chunking-dummy-linux64-shippable-acme-acme-1-de")))
                .containsExactly(p + "-linux64-shippable-acme-acme-1-de");
        assertThat(upstreamLabels(t.get(p + "-repackage-signing-linux64-shippable-acme-acme-1-de")))
                .containsExactly(p + "-chunking-dummy-linux64-shippable-acme-acme-1-de");
        assertThat(upstreamLabels(t.get(p + "-repackage-signing-win64-shippable-acme-acme-1-de")))
                .containsExactly(p + "-repackage-win64-shippable-acme-acme-1-de");
        // the release checksums fan in from every beetmover, then sign, then publish
        assertThat(upstreamLabels(t.get("release-generate-checksums"))).hasSize(6)
                .allMatch(l -> l.startsWith(p + "-beetmover-"));
        assertThat(t.get("release-generate-checksums").service()).isEqualTo(Service.CHECKSUMS);
        assertThat(upstreamLabels(t.get("release-generate-checksums-signing")))
                .containsExactly("release-generate-checksums");
        assertThat(upstreamLabels(t.get("release-generate-checksums-beetmover")))
                .containsExactly("release-generate-checksums-signing");
        assertThat(upstreamLabels(t.get(p + "-beetmover-macosx64-shippable-acme-acme-1-de")))
                .containsExactly(p + "-repackage-signing-macosx64-shippable-acme-acme-1-de");

        assertThat(t.get(p + "-chunking-dummy-linux64-shippable-acme-acme-1-de").service()).isEqualTo(Service.GRAPH);
        assertThat(t.get(p + "-mac-notarization-macosx64-shippable-1").service()).isEqualTo(Service.SIGNING);
        assertThat(t.get(p + "-mac-signing-macosx64-shippable-1").params(SigningParams.class).chunk().repackIds())
                .containsExactly("acme/acme-1/de", "acme/acme-1/en-US");
        assertThat(t.get(p + "-beetmover-win64-shippable-acme-acme-1-de").params(BeetmoverParams.class).partnerPath())
                .isEqualTo("partner-repacks/acme/acme-1/v1/win64/de");
        assertThat(t.get(p + "-win64-shippable-acme-acme-1-de").taskId())
                .isEqualTo(RELEASE + "/" + p + "-win64-shippable-acme-acme-1-de");
    }

    @Test
    void repackTasksCarryTheSnapshotAndTheRepackParameters() throws IOException {
        PhasePlan plan = planner(acmeTree(tmp.resolve("cfg"))).plan(promote(RELEASE));
        TaskDefined repack = byLabel(plan).get("release-partner-repack-linux64-shippable-acme-acme-1-de");

        assertThat(repack.kind()).isEqualTo("release-partner-repack");
        assertThat(repack.service()).isEqualTo(Service.REPACK);
        assertThat(repack.platform()).isEqualTo(Platform.LINUX64);
        RepackParams params = repack.params(RepackParams.class);
        assertThat(params.release()).isEqualTo(new ReleaseRef("firefox", "130.0", 1));
        assertThat(params.repack()).isEqualTo(new RepackRef("partner", "acme/acme-1/de", "acme", "acme-1", "de", 1));
        assertThat(params.sourceLocale()).isEqualTo("de");
        assertThat(params.migrationWizardDisabled()).isTrue();
        assertThat(params.stubBouncerProduct()).isNull();
        assertThat(params.replacementSetupExe()).isNull();
        assertThat(params.distributionId()).isEqualTo("test");
        assertThat(params.partnerConfig().name()).isEqualTo("partner-config.zip");
        assertThat(store.exists(params.partnerConfig().storeKey())).isTrue();
        assertThat(store.list("releng/partner-config")).containsExactly(params.partnerConfig().storeKey());
    }

    @Test
    void everyDefinitionAndTheSealMatchTheEventSchemas() throws IOException {
        PartnerTree.in(tmp.resolve("cfg"))
                .subConfig("acme", "acme-1", cfg("de en-US", "linux-x86_64", "win64", "mac"))
                .subConfig("mozilla-EME-free", "mozilla-EME-free", cfg("de en-US", "mac", "win32"))
                .writeManifest();
        PhasePlan plan = planner(tmp.resolve("cfg")).plan(promote(RELEASE));
        EventValidator validator = new EventValidator();
        plan.tasks().forEach(t -> validator.validate(EventType.TASK_DEFINED, EventCodec.mapper().valueToTree(t)));
        validator.validate(EventType.GRAPH_SEALED, EventCodec.mapper().valueToTree(plan.sealed()));
    }

    @Test
    void customLocalesStartFromTheirSourceLocalesBuild() throws IOException {
        Path cfgDir = PartnerTree.in(tmp.resolve("cfg"))
                .subConfig("acme", "acme-1", cfg("de-x", "win64") + "locale.de-x=de\n").writeManifest();
        PhasePlan plan = planner(cfgDir).plan(promote(RELEASE));
        TaskDefined repack = byLabel(plan).get("release-partner-repack-win64-shippable-acme-acme-1-de-x");

        assertThat(upstreamLabels(repack)).containsExactly("build-signing-win64-shippable-de");
        assertThat(repack.params(RepackParams.class).repack().locale()).isEqualTo("de-x");
        assertThat(repack.params(RepackParams.class).sourceLocale()).isEqualTo("de");
    }

    @Test
    void skipsJaOnMacAndJaJpMacElsewhere() throws IOException {
        Path cfgDir = PartnerTree.in(tmp.resolve("cfg"))
                .subConfig("acme", "acme-1", cfg("ja ja-JP-mac", "win64", "mac")).writeManifest();
        List<String> repackIds = planner(cfgDir).plan(promote(RELEASE)).tasks().stream()
                .filter(t -> t.kind().equals("release-partner-repack"))
                .map(t -> t.platform().buildPlatform() + " " + t.params(RepackParams.class).repack().id()).toList();
        assertThat(repackIds).containsExactly("macosx64-shippable acme/acme-1/ja-JP-mac", "win64-shippable acme/acme-1/ja");
    }

    /** 91 made-up locales + en-US + ja + ja-JP-mac: 93 locales per platform, as the real EME-free config. */
    private Path emeFree93(Path dir) {
        String locales = Stream.concat(
                        IntStream.range(0, 91).mapToObj(i -> "x" + (char) ('a' + i / 26) + (char) ('a' + i % 26)),
                        Stream.of("en-US", "ja", "ja-JP-mac"))
                .collect(Collectors.joining(" "));
        return PartnerTree.in(dir)
                .subConfig("mozilla-EME-free", "mozilla-EME-free", """
                        aus="mozilla-EMEfree"
                        dist_id="mozilla-EMEfree"
                        dist_version="1.0"
                        linux-i686=false
                        linux-x86_64=false
                        locales="%s"
                        mac=true
                        win32=true
                        win64=true
                        output_dir="%%(platform)s-EME-free/%%(locale)s"
                        """.formatted(locales))
                .writeManifest();
    }

    @Test
    void emeFree93LocalesGivesTheRealTaskCounts() throws IOException {
        PhasePlan plan = planner(emeFree93(tmp.resolve("cfg"))).plan(promote(RELEASE));

        String e = "release-eme-free-repack";
        assertThat(PromoteGraph.countByKind(plan.tasks())).containsExactly(
                Map.entry("build-signing", 279),
                Map.entry(e, 279),
                Map.entry(e + "-mac-signing", 19),
                Map.entry(e + "-mac-notarization", 19),
                Map.entry(e + "-repackage", 279),
                Map.entry(e + "-repackage-signing", 279),
                Map.entry(e + "-beetmover", 279),
                Map.entry(e + "-beetmover-checksums", 279),
                Map.entry("release-generate-checksums", 1),
                Map.entry("release-generate-checksums-signing", 1),
                Map.entry("release-generate-checksums-beetmover", 1));
        assertThat(plan.sealed().taskCount()).isEqualTo(279 * 6 + 38 + 3);
        // after the 279 EME-free beetmovers and their 279 beetmover-checksums (reference §4)
        assertThat(plan.tasks().stream().filter(x -> x.label().equals("release-generate-checksums")).findFirst()
                .orElseThrow().upstreams()).hasSize(558);
        List<Integer> chunkSizes = plan.tasks().stream().filter(t -> t.kind().equals(e + "-mac-signing"))
                .map(t -> t.params(SigningParams.class).chunk().repackIds().size()).toList();
        assertThat(chunkSizes.stream().filter(n -> n == 5)).hasSize(17);
        assertThat(chunkSizes.subList(17, 19)).containsExactly(4, 4);

        Map<String, TaskDefined> t = byLabel(plan);
        TaskDefined beetmover = t.get(e + "-beetmover-macosx64-shippable-mozilla-EME-free-mozilla-EME-free-en-US");
        assertThat(beetmover.params(BeetmoverParams.class).partnerPath()).isEqualTo("mac-EME-free/en-US");
        assertThat(beetmover.params(BeetmoverParams.class).repack().path()).isEqualTo("eme-free");
        TaskDefined checksums = t.get(e + "-beetmover-checksums-win32-shippable-mozilla-EME-free-mozilla-EME-free-ja");
        assertThat(checksums.service()).isEqualTo(Service.CHECKSUMS);
        assertThat(upstreamLabels(checksums))
                .containsExactly(e + "-beetmover-win32-shippable-mozilla-EME-free-mozilla-EME-free-ja");
        assertThat(checksums.params(ChecksumsParams.class).partnerPath()).isEqualTo("beetmover-checksums/win32-EME-free/ja");
        assertThat(upstreamLabels(t.get(e + "-mac-signing-macosx64-shippable-19"))).hasSize(4);
    }

    @Test
    void planningIsDeterministic(@TempDir Path other) throws IOException {
        Path cfgDir = acmeTree(tmp.resolve("cfg"));
        PhasePlan first = planner(cfgDir).plan(promote(RELEASE));
        assertThat(planner(cfgDir).plan(promote(RELEASE))).isEqualTo(first);
        assertThat(planner(acmeTree(other)).plan(promote(RELEASE))).as("an identical tree elsewhere").isEqualTo(first);
    }

    @Test
    void everyDefinitionCarriesThePlanIdOfItsSealWhichCoversConfigBuildNumberAndTasks() throws IOException {
        Path cfgDir = PartnerTree.in(tmp.resolve("cfg"))
                .subConfig("acme", "acme-1", cfg("de", "linux-x86_64"))
                .subConfig("globex", "globex-1", cfg("fr", "linux-x86_64"))
                .writeManifest();
        PhasePlan all = planner(cfgDir).plan(promote(RELEASE));
        assertThat(all.sealed().plan()).matches("[0-9a-f]{32}")
                .isEqualTo(Planner.planId(all.sealed().configHash(), 1, all.tasks()));
        assertThat(all.tasks()).extracting(TaskDefined::plan).containsOnly(all.sealed().plan());
        assertThat(planner(cfgDir).plan(promote(RELEASE)).sealed().plan()).as("identical re-promotion")
                .isEqualTo(all.sealed().plan());

        // Same config and partner build number, another partner subset: another plan.
        PhasePlan acme = planner(cfgDir).plan(request(RELEASE, null, null, List.of("acme"), 1, null));
        assertThat(acme.sealed().configHash()).isEqualTo(all.sealed().configHash());
        assertThat(acme.sealed().plan()).isNotEqualTo(all.sealed().plan());

        // A changed config with the same tasks: another plan as well.
        Files.writeString(cfgDir.resolve("partners/acme/desktop/acme-1/distribution/distribution.ini"), "[Global]\nid=acme2\n");
        PhasePlan changed = planner(cfgDir).plan(promote(RELEASE));
        assertThat(changed.tasks()).extracting(TaskDefined::taskId)
                .containsExactlyElementsOf(all.tasks().stream().map(TaskDefined::taskId).toList());
        assertThat(changed.sealed().plan()).isNotEqualTo(all.sealed().plan());
    }

    @Test
    void respinLabelsDifferFromV1AndPublishUnderVn() throws IOException {
        Path cfgDir = PartnerTree.in(tmp.resolve("cfg"))
                .subConfig("acme", "acme-1", cfg("de", "win64", "mac"))
                .subConfig("mozilla-EME-free", "mozilla-EME-free", cfg("de", "win64"))
                .writeManifest();
        PhasePlan v1 = planner(cfgDir).plan(promote(RELEASE));
        PhasePlan v2 = planner(cfgDir).plan(request(RELEASE, null, true, List.of("acme"), 2, null));

        List<String> v1Partner = partnerLabels(v1);
        List<String> v2Partner = partnerLabels(v2);
        assertThat(v2Partner).hasSameSizeAs(v1Partner).allMatch(l -> l.endsWith("-v2")).doesNotContainAnyElementsOf(v1Partner);
        assertThat(v2Partner).contains("release-partner-repack-mac-signing-macosx64-shippable-1-v2",
                "release-partner-repack-beetmover-win64-shippable-acme-acme-1-de-v2");
        assertThat(byLabel(v2).get("release-partner-repack-beetmover-win64-shippable-acme-acme-1-de-v2")
                .params(BeetmoverParams.class).partnerPath()).isEqualTo("partner-repacks/acme/acme-1/v2/win64/de");
        assertThat(v2.tasks()).filteredOn(t -> t.kind().startsWith("release-eme-free-repack"))
                .extracting(TaskDefined::label).as("EME-free labels never get -vN")
                .contains("release-eme-free-repack-win64-shippable-mozilla-EME-free-mozilla-EME-free-de");
        assertThat(byLabel(v2)).containsKey("build-signing-win64-shippable-de");
        assertThat(v2.sealed().partnerBuildNumber()).isEqualTo(2);
        // the SUMS are written once, by the full promote; a respin or a subset never plans them again
        assertThat(byLabel(v1)).containsKeys("release-generate-checksums", "release-generate-checksums-signing",
                "release-generate-checksums-beetmover");
        assertThat(v2.tasks()).noneMatch(t -> t.kind().startsWith("release-generate-checksums"));
        assertThat(planner(cfgDir).plan(request(RELEASE, null, true, List.of("acme"), 1, null)).tasks())
                .noneMatch(t -> t.kind().startsWith("release-generate-checksums"));
    }

    @Test
    void aRespinOfSeveralTopLevelPartnersPlansOnlyThemUnderVn() throws IOException {
        Path cfgDir = PartnerTree.in(tmp.resolve("cfg"))
                .subConfig("acme", "acme-1", cfg("de", "win64"))
                .subConfig("globex", "globex-1", cfg("fr", "linux-x86_64"))
                .subConfig("globex", "globex-2", cfg("de", "mac"))
                .subConfig("initech", "initech-1", cfg("de", "win64"))
                .writeManifest();
        PhasePlan v3 = planner(cfgDir).plan(request(RELEASE, true, false, List.of("acme", "globex"), 3, null));

        assertThat(v3.tasks()).filteredOn(t -> t.kind().equals("release-partner-repack-beetmover"))
                .extracting(t -> t.params(BeetmoverParams.class).partnerPath())
                .containsExactlyInAnyOrder("partner-repacks/acme/acme-1/v3/win64/de",
                        "partner-repacks/globex/globex-1/v3/linux-x86_64/fr",
                        "partner-repacks/globex/globex-2/v3/mac/de");
        assertThat(v3.tasks()).extracting(TaskDefined::label).noneMatch(l -> l.contains("initech"))
                .filteredOn(l -> l.startsWith("release-partner-repack")).allMatch(l -> l.endsWith("-v3"));
        assertThat(v3.sealed().partnerBuildNumber()).isEqualTo(3);
    }

    @Test
    void attributionRequestedExplicitlyWithoutAnAttributionConfigIsRefusedBeforeReadingAnything() {
        Planner planner = new Planner(() -> {
            throw new AssertionError("the partner configuration must not be read");
        }, store);
        PromotionRequested request = new PromotionRequested(RELEASE, Phase.PROMOTE, null, false, false, null, null,
                null, null, "test", true);
        assertThatThrownBy(() -> planner.plan(request)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("release_enable_partner_attribution=true but this planner has no attribution"
                        + " config");
    }

    private static List<String> partnerLabels(PhasePlan plan) {
        return plan.tasks().stream().filter(t -> t.kind().startsWith("release-partner-repack"))
                .map(TaskDefined::label).toList();
    }

    @Test
    void shipIsNotPlannedYet() {
        PromotionRequested ship = new PromotionRequested(RELEASE, Phase.SHIP, null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> planner(tmp).plan(ship))
                .isInstanceOf(UnsupportedPhaseException.class)
                .hasMessage("phase ship is not planned by this version yet");
    }

    @Test
    void nothingEnabledPlansNothingWithoutReadingTheConfiguration() throws IOException {
        Planner planner = new Planner(() -> {
            throw new AssertionError("the partner configuration must not be read");
        }, store);
        PhasePlan plan = planner.plan(promote("Firefox-131.0b3-build1"));
        assertThat(plan.tasks()).isEmpty();
        assertThat(plan.sealed().taskCount()).isZero();
        assertThat(plan.sealed().configHash()).isEqualTo(Planner.NO_PARTNER_CONFIG);
        assertThat(plan.enablement().partnerRepack().reason()).isEqualTo("beta b3 is before b8");
    }

    @Test
    void anInvalidRequestFailsBeforeAnythingIsStored() throws IOException {
        Path cfgDir = acmeTree(tmp.resolve("cfg"));
        assertThatThrownBy(() -> planner(cfgDir).plan(request(RELEASE, null, null, List.of("initech"), 1, null)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'initech' is not a configured partner");
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void aBrokenConfigurationFailsThePlanWithEveryError() {
        Path cfgDir = PartnerTree.in(tmp.resolve("cfg"))
                .subConfig("acme", "acme-1", "locales=de\nfoo=1\nmac=maybe\n").writeManifest();
        assertThatThrownBy(() -> planner(cfgDir).plan(promote(RELEASE)))
                .isInstanceOf(PlannerException.class)
                .satisfies(e -> assertThat(((PlannerException) e).problems()).hasSize(2));
    }
}
