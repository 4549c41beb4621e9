package dev.relpromo.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunPhasesTest {
    @Test
    void acceptsPromotePushAndBothInOrder() {
        assertThat(RunCommand.phases(List.of("promote"))).containsExactly(Phase.PROMOTE);
        assertThat(RunCommand.phases(List.of("push"))).containsExactly(Phase.PUSH);
        assertThat(RunCommand.phases(List.of("promote", "push"))).containsExactly(Phase.PROMOTE, Phase.PUSH);
    }

    @Test
    void refusesAnotherPhaseTheWrongOrderAndRepeats() {
        assertThatThrownBy(() -> RunCommand.phases(List.of("promote", "ship")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ship'");
        assertThatThrownBy(() -> RunCommand.phases(List.of("push", "promote")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in order");
        assertThatThrownBy(() -> RunCommand.phases(List.of("push", "push")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("once");
    }

    @Test
    void promoteNeedsBuildsAndPartners() {
        RunCommandIT.Result result = RunCommandIT.relpromo("run", "--release", "Firefox-135.0-build1", "--out", "x",
                "--phases", "promote,push");
        assertThat(result.code()).isNotZero();
        assertThat(result.err()).contains("--builds and --partners are required when promote is among the phases");
    }
}
