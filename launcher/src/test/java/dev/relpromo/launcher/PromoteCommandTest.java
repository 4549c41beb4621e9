package dev.relpromo.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Phase;
import dev.relpromo.events.PromotionRequested;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PromoteCommandTest {
    @TempDir
    Path dir;

    private static PromotionRequested parse(String... args) {
        PromoteCommand command = new PromoteCommand();
        new CommandLine(command).parseArgs(args);
        return command.request();
    }

    @Test
    void everyParameterOfThePromotionEventHasAnOption() throws Exception {
        Path config = Files.writeString(dir.resolve("parameters.yml"), """
                release_partner_config:
                  release-partner-repack:
                    acme:
                      acme-1: {locales: [de], platforms: [win64-shippable]}
                """);
        PromotionRequested r = parse("--release", "Firefox-130.0-build1", "--phase", "promote",
                "--release-type", "release", "--eme-free", "--no-partner-repack", "--partner-attribution",
                "--partner-config", config.toString(), "--partners", "acme,globex", "--partner-build-number", "2",
                "--eta", "2026-12-04T10:00:00Z", "--requested-by", "releaseduty");

        assertThat(r.phase()).isEqualTo(Phase.PROMOTE);
        assertThat(r.releaseType()).isEqualTo("release");
        assertThat(r.releaseEnableEmefree()).isTrue();
        assertThat(r.releaseEnablePartnerRepack()).isFalse();
        assertThat(r.releaseEnablePartnerAttribution()).isTrue();
        assertThat(r.releasePartnerConfig().at("/release-partner-repack/acme/acme-1/locales/0").asText()).isEqualTo("de");
        assertThat(r.releasePartners()).isEqualTo(List.of("acme", "globex"));
        assertThat(r.releasePartnerBuildNumber()).isEqualTo(2);
        assertThat(r.releaseEta()).isEqualTo("2026-12-04T10:00:00Z");
        assertThat(r.requestedBy()).isEqualTo("releaseduty");
    }

    @Test
    void flagsLeftOutTakeTheDefaultRules() {
        PromotionRequested r = parse("--release", "Firefox-130.0-build1", "--phase", "push");
        assertThat(r.phase()).isEqualTo(Phase.PUSH);
        assertThat(r.releaseEnableEmefree()).isNull();
        assertThat(r.releaseEnablePartnerRepack()).isNull();
        assertThat(r.releaseEnablePartnerAttribution()).isNull();
        assertThat(r.releasePartnerConfig()).isNull();
    }

    @Test
    void aBrokenPartnerConfigFileNamesTheFileAndLine() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yml"), "release-partner-repack:\n  acme: [\n");
        assertThatThrownBy(() -> parse("--release", "Firefox-130.0-build1", "--partner-config", config.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(config + ":3: not valid YAML/JSON");
    }
}
