package dev.relpromo.planner;

import static dev.relpromo.planner.PartnerTree.cfg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Phase;
import dev.relpromo.events.PromotionRequested;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.params.BeetmoverParams;
import dev.relpromo.events.params.RepackParams;
import dev.relpromo.events.params.RepackRef;
import dev.relpromo.events.params.RepackageParams;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import dev.relpromo.planner.config.PartnerConfigException;
import dev.relpromo.planner.config.PartnerConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Windows-only parts of the promote graph: win32 stubs, a replacement setup.exe, partner attribution. */
class WindowsPlanningTest {
    private static final String RELEASE = "Firefox-130.0-build1";
    private static final String ATTRIBUTION = """
            defaults:
              medium: distribution
              source: mozilla
            configs:
              - campaign: acme
                content: acme-003
                locales: [de]
                platforms: [win64-shippable, macosx64-shippable]
            """;

    @TempDir
    Path tmp;

    private PhasePlan plan(Path cfgDir, Path attribution, int partnerBuildNumber) throws IOException {
        Planner planner = new Planner(PartnerConfigSource.directory(cfgDir),
                new FileSystemArtifactStore(tmp.resolve("store")));
        return (attribution == null ? planner : planner.withAttribution(attribution)).plan(new PromotionRequested(
                RELEASE, Phase.PROMOTE, "release", false, true, null, partnerBuildNumber, null, null, "test"));
    }

    private static Map<String, TaskDefined> byLabel(PhasePlan plan) {
        return plan.tasks().stream().collect(Collectors.toMap(TaskDefined::label, Function.identity()));
    }

    @Test
    void aWin32StubSubConfigNamesItsBouncerProductAndSnapshotsTheTemplate() throws IOException {
        Path cfgDir = PartnerTree.in(tmp.resolve("cfg"))
                .subConfig("acme", "acme-1", cfg("de", "win32", "win64") + "repack_stub_installer=true\n").writeManifest();
        PartnerTree.write(cfgDir.resolve("partners/acme/desktop/acme-1/stub/partner.ini"), "[Partner]\nlang=%LOCALE%\n");

        Map<String, TaskDefined> t = byLabel(plan(cfgDir, null, 1));

        RepackParams win32 = t.get("release-partner-repack-win32-shippable-acme-acme-1-de").params(RepackParams.class);
        assertThat(win32.stubBouncerProduct()).isEqualTo("partner-firefox-release-acme-acme-1-latest");
        assertThat(t.get("release-partner-repack-win64-shippable-acme-acme-1-de").params(RepackParams.class)
                .stubBouncerProduct()).as("stubs are win32 only").isNull();
        try (ZipFile snapshot = new ZipFile(tmp.resolve("store").resolve(win32.partnerConfig().storeKey()).toFile())) {
            assertThat(snapshot.getEntry("stub/partner.ini")).isNotNull();
        }
    }

    @Test
    void aStubWithoutItsTemplateOrAReplacementSetupThatIsAUrlIsAConfigError() {
        Path noTemplate = PartnerTree.in(tmp.resolve("a"))
                .subConfig("acme", "acme-1", cfg("de", "win32") + "repack_stub_installer=true\n").writeManifest();
        assertThatThrownBy(() -> plan(noTemplate, null, 1)).isInstanceOf(PartnerConfigException.class)
                .hasMessageContaining("repack.cfg:5: repack_stub_installer needs the stub template stub/partner.ini");

        Path url = PartnerTree.in(tmp.resolve("b"))
                .subConfig("acme", "acme-1", cfg("de", "win64") + "replacement_setup_exe=https://example.com/s.exe\n")
                .writeManifest();
        assertThatThrownBy(() -> plan(url, null, 1)).isInstanceOf(PartnerConfigException.class)
                .hasMessageContaining("repack.cfg:5: replacement_setup_exe 'https://example.com/s.exe' must be a file"
                        + " of the sub-config named by a relative path");
    }

    @Test
    void aReplacementSetupExeIsPinnedInTheSnapshot() throws IOException {
        Path cfgDir = PartnerTree.in(tmp.resolve("cfg"))
                .subConfig("acme", "acme-1", cfg("de", "win64") + "replacement_setup_exe=installer/setup.exe\n")
                .writeManifest();
        Files.createDirectories(cfgDir.resolve("partners/acme/desktop/acme-1/installer"));
        Files.write(cfgDir.resolve("partners/acme/desktop/acme-1/installer/setup.exe"), new byte[] {'M', 'Z', 1});

        RepackParams p = byLabel(plan(cfgDir, null, 1)).get("release-partner-repack-win64-shippable-acme-acme-1-de")
                .params(RepackParams.class);

        assertThat(p.replacementSetupExe()).isEqualTo("installer/setup.exe");
        try (ZipFile snapshot = new ZipFile(tmp.resolve("store").resolve(p.partnerConfig().storeKey()).toFile())) {
            assertThat(snapshot.getInputStream(snapshot.getEntry("installer/setup.exe")).readAllBytes())
                    .containsExactly('M', 'Z', 1);
        }
    }

    @Test
    void attributionStampsTheBuildsInstallerAndPublishesItMacIsReportedNotSupported() throws IOException {
        Path cfgDir = PartnerTree.in(tmp.resolve("cfg")).subConfig("globex", "globex-1", cfg("fr", "win64"))
                .writeManifest();
        Path attribution = PartnerTree.write(tmp.resolve("attribution_config.yml"), ATTRIBUTION);

        PhasePlan v1 = plan(cfgDir, attribution, 1);
        Map<String, TaskDefined> t = byLabel(v1);

        String name = "win64-shippable-acme-acme-003-de";
        TaskDefined attribute = t.get("release-partner-attribution-" + name);
        assertThat(attribute.upstreams()).containsExactly(RELEASE + "/build-signing-win64-shippable-de");
        assertThat(t).containsKey("build-signing-win64-shippable-de");
        assertThat(attribute.params(RepackageParams.class).attributionCode())
                .isEqualTo("medium=distribution&source=mozilla&campaign=acme&content=acme-003");
        assertThat(attribute.params(RepackageParams.class).repack())
                .isEqualTo(new RepackRef("attribution", "acme/acme-003/de", "acme", "acme-003", "de", 1));
        TaskDefined beetmover = t.get("release-partner-attribution-beetmover-" + name);
        assertThat(beetmover.upstreams()).containsExactly(attribute.taskId());
        assertThat(beetmover.params(BeetmoverParams.class).partnerPath())
                .isEqualTo("partner-repacks/acme/acme-003/v1/win64/de");
        assertThat(v1.tasks()).filteredOn(d -> d.kind().startsWith("release-partner-attribution"))
                .extracting(TaskDefined::label).containsExactly("release-partner-attribution-" + name,
                        "release-partner-attribution-beetmover-" + name);
        assertThat(v1.skipped()).containsExactly("attribution acme/acme-003 macosx64-shippable (de): macOS"
                + " attribution (of a dmg) is not supported yet");

        Map<String, TaskDefined> v2 = byLabel(plan(cfgDir, attribution, 2));
        assertThat(v2.get("release-partner-attribution-beetmover-" + name + "-v2").params(BeetmoverParams.class)
                .partnerPath()).isEqualTo("partner-repacks/acme/acme-003/v2/win64/de");
    }

    @Test
    void aBrokenAttributionConfigFailsThePlanWithFileAndLine() {
        Path cfgDir = PartnerTree.in(tmp.resolve("cfg")).subConfig("globex", "globex-1", cfg("fr", "win64"))
                .writeManifest();
        Path attribution = PartnerTree.write(tmp.resolve("attribution_config.yml"),
                ATTRIBUTION.replace("content: acme-003", "contnet: acme-003"));

        assertThatThrownBy(() -> plan(cfgDir, attribution, 1)).isInstanceOf(PartnerConfigException.class)
                .hasMessageContaining("attribution_config.yml:6: configs[0].contnet: unknown key");
    }
}
