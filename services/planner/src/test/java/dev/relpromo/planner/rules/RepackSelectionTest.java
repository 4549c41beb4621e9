package dev.relpromo.planner.rules;

import static dev.relpromo.planner.PartnerTree.cfg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relpromo.events.Platform;
import dev.relpromo.planner.InvalidRequestException;
import dev.relpromo.planner.PartnerTree;
import dev.relpromo.planner.config.PartnerConfig;
import dev.relpromo.planner.config.PartnerConfigLoader;
import dev.relpromo.planner.rules.Enablement.Decision;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepackSelectionTest {
    private static final Decision ON = new Decision(true, false, "default");
    private static final Decision OFF = new Decision(false, false, "default");
    private static final Enablement BOTH = new Enablement("release", ON, ON);

    @TempDir
    Path dir;
    private PartnerConfig config;

    @BeforeEach
    void tree() {
        PartnerTree.in(dir)
                .subConfig("acme", "acme-1", cfg("de en-US", "linux-x86_64", "win64"))
                .subConfig("acme", "acme-oem", cfg("de", "win64") + "oem=true\n")
                .subConfig("globex", "globex-1", cfg("fr", "mac"))
                .subConfig("mozilla-EME-free", "mozilla-EME-free", cfg("de en-US", "mac", "win32", "win64"))
                .writeManifest();
        config = PartnerConfigLoader.load(dir);
    }

    private static JsonNode json(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    private static List<String> ids(RepackSelection s) {
        return s.subConfigs().stream().map(c -> c.path().id() + ":" + c.subConfig().id()).toList();
    }

    @Test
    void takesEveryEnabledSubConfigAndSkipsOem() {
        RepackSelection s = RepackSelection.resolve(config, BOTH, null, null);
        assertThat(ids(s)).containsExactly("partner:acme/acme-1", "partner:globex/globex-1",
                "eme-free:mozilla-EME-free/mozilla-EME-free");
        assertThat(s.skipped()).containsExactly("acme/acme-oem: oem=true (OEM configs are not repacked in automation)");

        assertThat(ids(RepackSelection.resolve(config, new Enablement("release", OFF, ON), null, null)))
                .containsExactly("eme-free:mozilla-EME-free/mozilla-EME-free");
    }

    @Test
    void releasePartnersSubsetsThePartnerPathOnly() {
        RepackSelection s = RepackSelection.resolve(config, BOTH, List.of("globex"), null);
        assertThat(ids(s)).containsExactly("partner:globex/globex-1", "eme-free:mozilla-EME-free/mozilla-EME-free");
    }

    @Test
    void releasePartnersMustNameConfiguredPartners() {
        assertThatThrownBy(() -> RepackSelection.resolve(config, BOTH, List.of("globex", "initech", "mozilla-EME-free"), null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("release_partners: 'initech' is not a configured partner (configured: acme, globex)\n"
                        + "release_partners: 'mozilla-EME-free' is the EME-free repo, which is never subset");
    }

    @Test
    void releasePartnersNeedPartnerRepacksEnabled() {
        assertThatThrownBy(() -> RepackSelection.resolve(config, new Enablement("beta", OFF, OFF), List.of("acme"), null))
                .hasMessage("release_partners is set but partner repacks are not enabled (default)");
    }

    @Test
    void anExplicitlyEnabledPathWithNothingToRepackIsAnError(@TempDir Path other) {
        PartnerTree.in(other).subConfig("acme", "acme-1", cfg("de", "win64")).writeManifest();
        Enablement explicit = new Enablement("release", ON, new Decision(true, true, "release_enable_emefree=true"));
        assertThatThrownBy(() -> RepackSelection.resolve(PartnerConfigLoader.load(other), explicit, null, null))
                .hasMessage("release_enable_emefree=true but the partner configuration has no release-eme-free-repack"
                        + " sub-config to repack");
        // by default, a configuration without EME-free simply has none
        assertThat(ids(RepackSelection.resolve(PartnerConfigLoader.load(other), BOTH, null, null)))
                .containsExactly("partner:acme/acme-1");
    }

    @Test
    void inlineConfigSelectsSubConfigsAndOverridesLocalesAndPlatforms() throws Exception {
        RepackSelection s = RepackSelection.resolve(config, BOTH, null, json("""
                {"release-partner-repack": {"acme": {"acme-1": {"locales": ["en-US"],
                   "platforms": ["linux64-shippable", "macosx64-shippable"], "publish_to_releases": true}}}}
                """));
        assertThat(ids(s)).as("no release-eme-free-repack key: no EME-free").containsExactly("partner:acme/acme-1");
        SelectedSubConfig acme = s.subConfigs().get(0);
        assertThat(acme.locales()).containsExactly("en-US");
        assertThat(acme.platforms()).containsExactlyInAnyOrder(Platform.LINUX64, Platform.MACOSX64);
        assertThat(acme.publishToReleases()).isTrue();
        assertThat(acme.repackStubInstaller()).isFalse();
    }

    @Test
    void inlineConfigKeepsRepackCfgValuesItDoesNotOverride() throws Exception {
        RepackSelection s = RepackSelection.resolve(config, BOTH, null, json("""
                {"release-eme-free-repack": {"mozilla-EME-free": {"mozilla-EME-free": {}}}}
                """));
        SelectedSubConfig eme = s.subConfigs().get(0);
        assertThat(eme.locales()).containsExactly("de", "en-US");
        assertThat(eme.platforms()).containsExactlyInAnyOrder(Platform.MACOSX64, Platform.WIN32, Platform.WIN64);
    }

    @Test
    void inlineConfigErrorsNameTheirJsonPath() throws Exception {
        JsonNode inline = json("""
                {"release-partner-repack": {
                   "acme": {"acme-1": {"locales": ["de", "EN"], "platforms": ["linux64-shippable", "beos"],
                                       "publish_to_releases": "true", "colour": "red"},
                            "acme-9": {}},
                   "initech": {"x": {}},
                   "mozilla-EME-free": {"mozilla-EME-free": {}}},
                 "release-eme-free-repack": {"mozilla-EME-free": {"mozilla-EME-free": {"platforms": ["linux64-shippable"]}}},
                 "release-partner-attribution": {}}
                """);
        assertThatThrownBy(() -> RepackSelection.resolve(config, BOTH, null, inline))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage(String.join("\n",
                        "release_partner_config.release-partner-repack.acme.acme-1.locales[1]: invalid locale 'EN'",
                        "release_partner_config.release-partner-repack.acme.acme-1.platforms[1]: unknown platform 'beos'",
                        "release_partner_config.release-partner-repack.acme.acme-1.publish_to_releases:"
                                + " must be a JSON boolean, not \"true\"",
                        "release_partner_config.release-partner-repack.acme.acme-1.colour: unknown key (expected locales,"
                                + " platforms, upload_to_candidates, repack_stub_installer or publish_to_releases)",
                        "release_partner_config.release-eme-free-repack.mozilla-EME-free.mozilla-EME-free.platforms[0]:"
                                + " EME-free repacks have no Linux builds",
                        "release_partner_config.release-partner-attribution: partner attribution is not planned by this"
                                + " version yet",
                        "release_partner_config.release-partner-repack.acme.acme-9: sub-config 'acme-9' does not exist"
                                + " in partner 'acme'",
                        "release_partner_config.release-partner-repack.initech: partner 'initech' is not in the partner"
                                + " configuration",
                        "release_partner_config.release-partner-repack.mozilla-EME-free: partner 'mozilla-EME-free'"
                                + " belongs under release-eme-free-repack"));
    }
}
