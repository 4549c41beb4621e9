package dev.relpromo.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StageKeysTest {
    private static final String DIR = "releng/partner/firefox/130.0/build1/v1/acme/acme-1/mac/de";

    @Test
    void aStageIsADirectoryBesideTheInputAndStagesOfOneRepackAreSiblings() {
        assertThat(StageKeys.of(DIR + "/target.tar.gz", StageKeys.SIGNED, "target.tar.gz"))
                .isEqualTo(DIR + "/signed/target.tar.gz");
        assertThat(StageKeys.of(DIR + "/signed/target.tar.gz", StageKeys.NOTARIZED, "notarization.json"))
                .isEqualTo(DIR + "/notarized/notarization.json");
        assertThat(StageKeys.of(DIR + "/target.installer.exe", StageKeys.SIGNED, "target.installer.exe"))
                .isEqualTo(DIR + "/signed/target.installer.exe");
    }

    @Test
    void refusesKeysWithoutADirectoryAndUnknownStages() {
        assertThatThrownBy(() -> StageKeys.of("target.tar.gz", StageKeys.SIGNED, "target.tar.gz"))
                .hasMessage("artifact-store key 'target.tar.gz' has no directory to put a signed/ stage next to");
        assertThatThrownBy(() -> StageKeys.of("signed/target.tar.gz", StageKeys.NOTARIZED, "x"))
                .hasMessage("artifact-store key 'signed/target.tar.gz' is a stage directory at the root of the store");
        assertThatThrownBy(() -> StageKeys.of(DIR + "/target.tar.gz", "stapled", "x"))
                .hasMessageStartingWith("unknown signing stage 'stapled'");
    }
}
