package dev.relpromo.planner.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Phase;
import dev.relpromo.events.PromotionRequested;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.planner.InvalidRequestException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EnablementRulesTest {
    private final EnablementRules rules = new EnablementRules(EnablementThresholds.DEFAULTS);

    @ParameterizedTest(name = "{0} as {1}: partner={2} eme-free={3}")
    @CsvSource(nullValues = "-", value = {
            "Firefox-131.0b7-build1,     -,          false, false",
            "Firefox-131.0b8-build1,     -,          true,  true",
            "Firefox-131.0b12-build1,    -,          true,  true",
            "Firefox-130.0-build1,       -,          true,  true",
            "Firefox-130.0-build1,       release-rc, true,  true",
            "Firefox-128.3.0esr-build1,  -,          true,  false",
            "Firefox-59.0-build1,        -,          false, true",
            "Firefox-59.0b9-build1,      -,          false, true",
            "Thunderbird-130.0-build1,   -,          false, false",
            "Firefox-130.0-build1,       beta,       false, false",
    })
    void defaults(String release, String releaseType, boolean partner, boolean emeFree) {
        Enablement e = rules.decide(ReleaseName.parse(release), releaseType, null, null, 1);
        assertThat(e.partnerRepack().enabled()).as(e.partnerRepack().reason()).isEqualTo(partner);
        assertThat(e.emeFree().enabled()).as(e.emeFree().reason()).isEqualTo(emeFree);
        assertThat(e.partnerRepack().explicit()).isFalse();
    }

    @Test
    void releaseTypeDefaultsToTheVersionsImpliedType() {
        assertThat(rules.decide(ReleaseName.parse("Firefox-128.3.0esr-build1"), null, null, null, 1).releaseType())
                .isEqualTo("esr");
    }

    @Test
    void explicitFlagsOverrideTheDefaults() {
        Enablement e = rules.decide(ReleaseName.parse("Firefox-131.0b3-build1"), null, true, null, 1);
        assertThat(e.partnerRepack()).isEqualTo(new Enablement.Decision(true, true, "release_enable_partner_repack=true"));
        assertThat(e.emeFree().enabled()).isFalse();

        Enablement off = rules.decide(ReleaseName.parse("Firefox-130.0-build1"), null, false, false, 1);
        assertThat(off.any()).isFalse();
        assertThat(off.emeFree().explicit()).isTrue();
    }

    @Test
    void aRespinDoesNotRebuildEmeFreeUnlessAsked() {
        ReleaseName release = ReleaseName.parse("Firefox-130.0-build1");
        assertThat(rules.decide(release, null, null, null, 2).emeFree().enabled()).isFalse();
        assertThat(rules.decide(release, null, null, true, 2).emeFree().enabled()).isTrue();
        assertThat(rules.decide(release, null, null, null, 2).partnerRepack().enabled()).isTrue();
    }

    @Test
    void thresholdsAreConfigurable() {
        EnablementRules shipIt = new EnablementRules(new EnablementThresholds("firefox", 60, 5, 8));
        Enablement e = shipIt.defaults(ReleaseName.parse("Firefox-131.0b5-build1"));
        assertThat(e.partnerRepack().enabled()).isTrue();
        assertThat(e.emeFree().enabled()).isFalse();
    }

    @Test
    void refusesUnknownReleaseTypes() {
        assertThatThrownBy(() -> rules.decide(ReleaseName.parse("Firefox-130.0-build1"), "nightly", null, null, 1))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("release_type 'nightly' is not one of beta, release, release-rc, esr");
    }

    @Test
    void attributionFollowsPartnerRepacksButNeverEsrUnlessTheRequestSaysOtherwise() {
        EnablementRules rules = new EnablementRules(EnablementThresholds.DEFAULTS);
        ReleaseName release = ReleaseName.parse("Firefox-130.0-build1");
        assertThat(rules.decide(release, "release", null, null, 1).attribution().enabled()).isTrue();
        assertThat(rules.decide(release, "release", false, null, 1).attribution().enabled()).isFalse();
        assertThat(rules.decide(ReleaseName.parse("Firefox-128.3.0esr-build1"), "esr", null, null, 1).attribution())
                .isEqualTo(new Enablement.Decision(false, false, "partner attribution is never built for ESR"));

        PromotionRequested off = new PromotionRequested("Firefox-130.0-build1", Phase.PROMOTE, null, null, true, null,
                null, null, null, "test", false);
        assertThat(rules.decide(off, release).attribution())
                .isEqualTo(new Enablement.Decision(false, true, "release_enable_partner_attribution=false"));
        assertThat(rules.decide(off, release).partnerRepack().enabled()).isTrue();
    }
}
