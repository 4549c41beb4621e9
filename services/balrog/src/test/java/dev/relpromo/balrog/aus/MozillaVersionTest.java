package dev.relpromo.balrog.aus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MozillaVersionTest {
    @Test
    void ordersPreReleasesFinalsAndDotReleases() {
        List<String> ordered = List.of("72.0.2", "129.0", "130.0a1", "130.0b3", "130.0b10", "130.0rc1", "130.0",
                "130.0.1", "130.0.2", "131.0");
        for (int i = 0; i + 1 < ordered.size(); i++) {
            assertThat(MozillaVersion.parse(ordered.get(i))).as(ordered.get(i) + " < " + ordered.get(i + 1))
                    .isLessThan(MozillaVersion.parse(ordered.get(i + 1)));
        }
        assertThat(MozillaVersion.parse("128.0esr")).isEqualByComparingTo(MozillaVersion.parse("128.0"));
    }

    @Test
    void rejectsWhatIsNotAVersion() {
        assertThatThrownBy(() -> MozillaVersion.parse("latest")).hasMessageContaining("not a Mozilla version: latest");
        assertThat(MozillaVersion.isValid("130")).isFalse();
    }
}
