package dev.relpromo.planner;

import static dev.relpromo.planner.PartnerTree.cfg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.relpromo.events.Platform;
import dev.relpromo.planner.config.PartnerConfigException;
import dev.relpromo.planner.config.RepackPath;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartnerCheckTest {
    @TempDir
    Path dir;

    private Path tree() {
        return PartnerTree.in(dir)
                .subConfig("acme", "acme-1", cfg("de en-US", "linux-x86_64", "mac"))
                .subConfig("acme", "acme-oem", cfg("de", "win64") + "oem=true\n")
                .subConfig("mozilla-EME-free", "mozilla-EME-free", cfg("de ja", "mac", "win64"))
                .writeManifest();
    }

    @Test
    void summarisesRepacksPerPathAndPlatform() {
        PartnerCheck.Report report = PartnerCheck.check(tree(), "131.0b7");

        assertThat(report.repackCount(RepackPath.PARTNER)).isEqualTo(4);
        assertThat(report.repackCount(RepackPath.EME_FREE)).isEqualTo(3);
        assertThat(report.paths()).filteredOn(p -> p.path() == RepackPath.EME_FREE).singleElement()
                .satisfies(p -> assertThat(p.platforms()).extracting(PartnerCheck.PlatformSummary::platform,
                                PartnerCheck.PlatformSummary::repackIds)
                        .containsExactly(
                                tuple(Platform.MACOSX64,
                                        List.of("mozilla-EME-free/mozilla-EME-free/de")),
                                tuple(Platform.WIN64, List.of(
                                        "mozilla-EME-free/mozilla-EME-free/de", "mozilla-EME-free/mozilla-EME-free/ja"))));
        assertThat(report.skipped()).singleElement().asString().startsWith("acme/acme-oem: oem=true");
        assertThat(report.defaults().partnerRepack().enabled()).isFalse();
        assertThat(report.taskCount()).isEqualTo(report.tasksByKind().values().stream().mapToInt(Integer::intValue).sum());

        String text = report.render();
        assertThat(text)
                .contains("Firefox 131.0b7 (beta): partner repacks disabled (beta b7 is before b8);"
                        + " EME-free disabled (beta b7 is before b8)")
                .contains("partner path (release-partner-repack): 4 repacks")
                .contains("  linux64-shippable: 2\n    acme/acme-1/de\n    acme/acme-1/en-US\n")
                .contains("EME-free path (release-eme-free-repack): 3 repacks")
                .contains("snapshot releng/partner-config/acme/acme-1/")
                .contains("release-eme-free-repack-beetmover-checksums: 3");
    }

    @Test
    void worksWithoutAVersion() {
        PartnerCheck.Report report = PartnerCheck.check(tree(), null);
        assertThat(report.defaults()).isNull();
        assertThat(report.render()).doesNotContain("Firefox ");
    }

    @Test
    void reportsConfigurationErrorsWithFileAndLine() {
        PartnerTree.in(dir).subConfig("acme", "acme-1", "locales=de\nfoo=bar\n").writeManifest();
        assertThatThrownBy(() -> PartnerCheck.check(dir, null))
                .isInstanceOf(PartnerConfigException.class)
                .hasMessage(dir.resolve("partners/acme/desktop/acme-1/repack.cfg") + ":2: unknown key 'foo'");
    }

    @Test
    void refusesAnInvalidVersion() {
        assertThatThrownBy(() -> PartnerCheck.check(tree(), "latest")).isInstanceOf(InvalidRequestException.class);
    }
}
