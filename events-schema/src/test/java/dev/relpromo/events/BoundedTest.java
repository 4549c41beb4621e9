package dev.relpromo.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedTest {
    @Test
    void keepsShortTextAndCutsLongTextWithAMarkerWithinTheLimit() {
        assertThat(Bounded.error("short")).isEqualTo("short");
        assertThat(Bounded.error(null)).isNull();
        String x = "x".repeat(Bounded.MAX_ERROR_CHARS);
        assertThat(Bounded.error(x)).isSameAs(x);

        String long1 = "y".repeat(16_441);
        String cut = Bounded.error(long1);
        assertThat(cut).hasSize(Bounded.MAX_ERROR_CHARS).endsWith("… [truncated 12370 chars]")
                .startsWith("yyyy");
        assertThat(cut.length() - "… [truncated 12370 chars]".length() + 12_370).isEqualTo(long1.length());
    }

    @Test
    void neverSplitsASurrogatePair() {
        String text = "a" + "😀".repeat(100);
        String cut = Bounded.text(text, 40);
        assertThat(cut.length()).isLessThanOrEqualTo(40);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.indexOf('…') - 1))).isFalse();
    }
}
