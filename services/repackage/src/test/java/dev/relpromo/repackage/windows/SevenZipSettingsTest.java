package dev.relpromo.repackage.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The dictionary bounds the encoder's memory; small entries get small dictionaries. */
class SevenZipSettingsTest {
    @Test
    void theDefaultEncoderStaysWellUnderA512MiBHeap() {
        assertThat(SevenZipSettings.DEFAULT.dictionarySize()).isEqualTo(16 << 20);
        // xz's estimate for 16 MiB, BT4: 11 × dictionary plus buffers
        assertThat(SevenZipSettings.DEFAULT.encoderMemoryBytes()).isBetween(180L << 20, 200L << 20);
    }

    @Test
    void anEntryGetsTheSmallestPowerOfTwoThatHoldsItWithinTheBounds() {
        SevenZipSettings settings = SevenZipSettings.DEFAULT;

        assertThat(settings.dictionaryFor(0)).isEqualTo(4096);
        assertThat(settings.dictionaryFor(4096)).isEqualTo(4096);
        assertThat(settings.dictionaryFor(4097)).isEqualTo(8192);
        assertThat(settings.dictionaryFor(3_000_000)).isEqualTo(4 << 20);
        assertThat(settings.dictionaryFor(1L << 24)).isEqualTo(16 << 20);
        assertThat(settings.dictionaryFor(150L << 20)).isEqualTo(16 << 20);
        assertThat(settings.withDictionarySize(1 << 20).dictionaryFor(150L << 20)).isEqualTo(1 << 20);
    }

    @Test
    void unusableSettingsAreRefused() {
        assertThatThrownBy(() -> SevenZipSettings.DEFAULT.withDictionarySize(1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dictionarySize must be between 4 KiB and 256 MiB, not 1024");
        assertThatThrownBy(() -> new SevenZipSettings(1 << 20, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxUncompressedBytes must be positive, not 0");
    }
}
