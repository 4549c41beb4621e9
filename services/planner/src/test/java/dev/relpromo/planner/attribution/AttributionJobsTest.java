package dev.relpromo.planner.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Platform;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.planner.InvalidRequestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributionJobsTest {
    private static final ReleaseName RELEASE = ReleaseName.parse("Firefox-130.0-build1");
    /** beetmoverscript's {@code PARTNER_REPACK_REGEXES} entry for partner paths. */
    private static final Pattern BEETMOVER_PARTNER_PATH = Pattern.compile("^partner-repacks/(?<partner>[^/%]+)/"
            + "(?<subpartner>[^/%]+)/v\\d+/(mac|win32|win64(|-aarch64)|linux-i686|linux-x86_64)/(?<locale>[^/%]+)$");

    private static final String CONFIG = """
            defaults:
              medium: distribution
              source: mozilla
            configs:
              - campaign: softonic
                content: softonic-003
                locales: [en-US, de, es-AR]
                platforms: [win64-shippable, win32-shippable]
              - campaign: acme
                content: acme-spring
                locales: [fr]
                platforms: [win64-aarch64-shippable, macosx64-shippable]
                variation: spring sale
            """;
    /** The same config with entries, locales and platforms in another order. */
    private static final String SHUFFLED = """
            configs:
              - campaign: acme
                platforms: [macosx64-shippable, win64-aarch64-shippable]
                variation: spring sale
                locales: [fr]
                content: acme-spring
              - content: softonic-003
                campaign: softonic
                platforms: [win32-shippable, win64-shippable]
                locales: [es-AR, de, en-US]
            defaults: {source: mozilla, medium: distribution}
            """;

    @TempDir
    Path dir;

    private AttributionConfig config(String yaml) throws Exception {
        Path file = dir.resolve(AttributionConfigParser.FILE_NAME);
        Files.writeString(file, yaml);
        return AttributionConfigParser.parse(file);
    }

    /** What the release built: es-AR has no win64 installer. */
    private static Map<Platform, List<String>> signed() {
        Map<Platform, List<String>> signed = new LinkedHashMap<>();
        signed.put(Platform.WIN32, List.of("de", "en-US", "es-AR", "fr"));
        signed.put(Platform.WIN64, List.of("de", "en-US", "fr"));
        signed.put(Platform.WIN64_AARCH64, List.of("en-US", "fr"));
        signed.put(Platform.MACOSX64, List.of("de", "en-US", "fr"));
        return signed;
    }

    private static List<String> render(AttributionPlan plan) {
        return plan.jobs().stream().map(j -> String.join(" | ", j.id(), j.code().value(),
                j.upstream().label() + " " + j.upstream().artifact(), j.partnerPath(), j.publishPath(), j.storeKey()))
                .toList();
    }

    @Test
    void twoEntriesGiveOneJobPerPlatformAndBuiltLocale() throws Exception {
        AttributionPlan plan = AttributionJobs.expand(config(CONFIG), RELEASE, signed());

        String softonic = "medium=distribution&source=mozilla&campaign=softonic&content=softonic-003";
        String acme = "medium=distribution&source=mozilla&campaign=acme&content=acme-spring&variation=spring+sale";
        assertThat(render(plan)).containsExactly(
                "acme/acme-spring/win64-aarch64-shippable/fr | " + acme
                        + " | repackage-signing-win64-aarch64-shippable-fr target.installer.exe"
                        + " | partner-repacks/acme/acme-spring/v1/win64-aarch64/fr"
                        + " | partner-repacks/acme/acme-spring/v1/win64-aarch64/fr/Firefox Setup 130.0.exe"
                        + " | releng/partner/firefox/130.0/build1/attribution/v1/acme/acme-spring/win64-aarch64/fr"
                        + "/target.installer.exe",
                "softonic/softonic-003/win32-shippable/de | " + softonic
                        + " | repackage-signing-win32-shippable-de target.installer.exe"
                        + " | partner-repacks/softonic/softonic-003/v1/win32/de"
                        + " | partner-repacks/softonic/softonic-003/v1/win32/de/Firefox Setup 130.0.exe"
                        + " | releng/partner/firefox/130.0/build1/attribution/v1/softonic/softonic-003/win32/de"
                        + "/target.installer.exe",
                "softonic/softonic-003/win32-shippable/en-US | " + softonic
                        + " | repackage-signing-win32-shippable-en-US target.installer.exe"
                        + " | partner-repacks/softonic/softonic-003/v1/win32/en-US"
                        + " | partner-repacks/softonic/softonic-003/v1/win32/en-US/Firefox Setup 130.0.exe"
                        + " | releng/partner/firefox/130.0/build1/attribution/v1/softonic/softonic-003/win32/en-US"
                        + "/target.installer.exe",
                "softonic/softonic-003/win32-shippable/es-AR | " + softonic
                        + " | repackage-signing-win32-shippable-es-AR target.installer.exe"
                        + " | partner-repacks/softonic/softonic-003/v1/win32/es-AR"
                        + " | partner-repacks/softonic/softonic-003/v1/win32/es-AR/Firefox Setup 130.0.exe"
                        + " | releng/partner/firefox/130.0/build1/attribution/v1/softonic/softonic-003/win32/es-AR"
                        + "/target.installer.exe",
                "softonic/softonic-003/win64-shippable/de | " + softonic
                        + " | repackage-signing-win64-shippable-de target.installer.exe"
                        + " | partner-repacks/softonic/softonic-003/v1/win64/de"
                        + " | partner-repacks/softonic/softonic-003/v1/win64/de/Firefox Setup 130.0.exe"
                        + " | releng/partner/firefox/130.0/build1/attribution/v1/softonic/softonic-003/win64/de"
                        + "/target.installer.exe",
                "softonic/softonic-003/win64-shippable/en-US | " + softonic
                        + " | repackage-signing-win64-shippable-en-US target.installer.exe"
                        + " | partner-repacks/softonic/softonic-003/v1/win64/en-US"
                        + " | partner-repacks/softonic/softonic-003/v1/win64/en-US/Firefox Setup 130.0.exe"
                        + " | releng/partner/firefox/130.0/build1/attribution/v1/softonic/softonic-003/win64/en-US"
                        + "/target.installer.exe");
        assertThat(plan.skipped()).containsExactly(
                new SkippedAttribution("acme", "acme-spring", Platform.MACOSX64, List.of("fr"),
                        SkippedAttribution.Reason.MAC_NOT_SUPPORTED),
                new SkippedAttribution("softonic", "softonic-003", Platform.WIN64, List.of("es-AR"),
                        SkippedAttribution.Reason.LOCALES_NOT_BUILT));
    }

    @Test
    void aJobCarriesItsFieldsAsValues() throws Exception {
        AttributionJob job = AttributionJobs.expand(config(CONFIG), RELEASE, signed()).jobs().get(1);

        assertThat(job).isEqualTo(new AttributionJob("softonic", "softonic-003", Platform.WIN32, "de",
                AttributionCode.parse("medium=distribution&source=mozilla&campaign=softonic&content=softonic-003"),
                new AttributionJob.SignedInstaller(Platform.WIN32, "de", "target.installer.exe"),
                "partner-repacks/softonic/softonic-003/v1/win32/de",
                "partner-repacks/softonic/softonic-003/v1/win32/de/Firefox Setup 130.0.exe",
                "releng/partner/firefox/130.0/build1/attribution/v1/softonic/softonic-003/win32/de/target.installer.exe"));
    }

    @Test
    void macIsReportedAsNotSupportedEvenWhenTheReleaseBuiltIt() throws Exception {
        AttributionPlan plan = AttributionJobs.expand(config("""
                defaults: {medium: distribution, source: mozilla}
                configs:
                  - {campaign: acme, content: acme-mac, locales: [fr, de], platforms: [macosx64-shippable]}
                """), RELEASE, signed());

        assertThat(plan.jobs()).isEmpty();
        assertThat(plan.skipped()).singleElement().satisfies(s -> {
            assertThat(s).isEqualTo(new SkippedAttribution("acme", "acme-mac", Platform.MACOSX64,
                    List.of("de", "fr"), SkippedAttribution.Reason.MAC_NOT_SUPPORTED));
            assertThat(s.describe())
                    .isEqualTo("acme/acme-mac macosx64-shippable (de, fr): macOS attribution (of a dmg) is not supported yet");
        });
    }

    @Test
    void aPlatformTheReleaseDidNotBuildIsReported() throws Exception {
        AttributionPlan plan = AttributionJobs.expand(config(CONFIG), RELEASE,
                Map.of(Platform.WIN32, List.of("de", "en-US", "es-AR")));

        assertThat(plan.jobs()).extracting(AttributionJob::id).containsExactly(
                "softonic/softonic-003/win32-shippable/de", "softonic/softonic-003/win32-shippable/en-US",
                "softonic/softonic-003/win32-shippable/es-AR");
        assertThat(plan.skipped()).extracting(SkippedAttribution::describe).containsExactly(
                "acme/acme-spring macosx64-shippable (fr): macOS attribution (of a dmg) is not supported yet",
                "acme/acme-spring win64-aarch64-shippable (fr): the release has no signed installers for this platform",
                "softonic/softonic-003 win64-shippable (de, en-US, es-AR): the release has no signed installers for"
                        + " this platform");
    }

    @Test
    void aRespinUsesItsPartnerBuildNumberInPathAndKey() throws Exception {
        AttributionJob job = AttributionJobs.expand(config(CONFIG), RELEASE, 2, signed()).jobs().get(0);

        assertThat(job.publishPath())
                .isEqualTo("partner-repacks/acme/acme-spring/v2/win64-aarch64/fr/Firefox Setup 130.0.exe");
        assertThat(job.storeKey()).isEqualTo(
                "releng/partner/firefox/130.0/build1/attribution/v2/acme/acme-spring/win64-aarch64/fr/target.installer.exe");
    }

    @Test
    void inputOrderDoesNotChangeTheOutput() throws Exception {
        AttributionPlan plan = AttributionJobs.expand(config(CONFIG), RELEASE, signed());
        Map<Platform, List<String>> reversed = new LinkedHashMap<>();
        List.of(Platform.MACOSX64, Platform.WIN64_AARCH64, Platform.WIN64, Platform.WIN32)
                .forEach(p -> {
                    List<String> locales = new ArrayList<>(signed().get(p));
                    Collections.reverse(locales);
                    reversed.put(p, locales);
                });

        AttributionPlan shuffled = AttributionJobs.expand(config(SHUFFLED), RELEASE, reversed);

        assertThat(shuffled).isEqualTo(plan);
        assertThat(render(shuffled)).isEqualTo(render(plan));
    }

    @Test
    void everyPublishedPathIsOneBeetmoverAccepts() throws Exception {
        AttributionPlan plan = AttributionJobs.expand(config(CONFIG), RELEASE, signed());

        assertThat(plan.jobs()).allSatisfy(j -> assertThat(j.partnerPath()).matches(BEETMOVER_PARTNER_PATH));
    }

    @Test
    void jobsAreGroupedPerEntry() throws Exception {
        Map<String, List<AttributionJob>> byEntry = AttributionJobs.expand(config(CONFIG), RELEASE, signed())
                .jobsByEntry();

        assertThat(byEntry.keySet()).containsExactly("acme/acme-spring", "softonic/softonic-003");
        assertThat(byEntry.get("softonic/softonic-003")).hasSize(5);
    }

    @Test
    void onlyFirefoxAndPositivePartnerBuildNumbers() throws Exception {
        AttributionConfig config = config(CONFIG);
        assertThatThrownBy(() -> AttributionJobs.expand(config, ReleaseName.parse("Thunderbird-130.0-build1"),
                signed()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("partner attribution exists for Firefox only, not Thunderbird");
        assertThatThrownBy(() -> AttributionJobs.expand(config, RELEASE, 0, signed()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("the partner build number must be at least 1, not 0");
    }

    @Test
    void campaignsSubsetTheEntriesLikeReleasePartners() throws Exception {
        AttributionPlan plan = AttributionJobs.expand(config(CONFIG).withCampaigns(List.of("acme")), RELEASE,
                signed());

        assertThat(plan.jobs()).extracting(AttributionJob::id)
                .containsExactly("acme/acme-spring/win64-aarch64-shippable/fr");
    }
}
