package dev.relpromo.repackage.mac.hfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class HfsNameTest {
    private static List<String> sorted(String... names) {
        return Stream.of(names).map(HfsName::of).sorted().map(HfsName::toString).toList();
    }

    @Test
    void orderFoldsCaseAndPutsShorterNamesFirst() {
        // folded, '_' (0x5F) sorts before every letter (a = 0x61), unlike a plain binary order of "Zebra"
        assertThat(sorted("Zebra", "apple", "Apple2", "b", "_x", "a b"))
                .containsExactly("_x", "a b", "apple", "Apple2", "b", "Zebra");
    }

    @Test
    void caseVariantsAreTheSameName() {
        assertThat(HfsName.of("Info.plist")).isEqualTo(HfsName.of("INFO.PLIST"))
                .hasSameHashCodeAs(HfsName.of("info.plist"));
    }

    @Test
    void accentedLettersAreDecomposed() {
        assertThat(HfsName.of("caf\u00e9").units()).containsExactly('c', 'a', 'f', 'e', '\u0301');
        assertThat(HfsName.of("caf\u00e9")).isEqualTo(HfsName.of("cafe\u0301"));
        // decomposed, "café" is "cafe" + U+0301, which sorts after every ASCII unit
        assertThat(sorted("cafeteria", "caf\u00e9", "cafe")).containsExactly("cafe", "cafeteria", "caf\u00e9");
    }

    @Test
    void colonIsStoredAsSlash() {
        assertThat(HfsName.of("a:b").units()).containsExactly('a', '/', 'b');
    }

    @Test
    void unsupportedNamesAreRefused() {
        assertThatThrownBy(() -> HfsName.of("")).hasMessage("an empty name");
        assertThatThrownBy(() -> HfsName.of("\u65e5\u672c")).hasMessageContaining("U+65E5 is outside the supported set");
        assertThatThrownBy(() -> HfsName.of("\u00d8re")).hasMessageContaining("U+00D8 has no decomposition");
        assertThatThrownBy(() -> HfsName.of("x".repeat(256))).hasMessage("a name of 256 UTF-16 units (HFS+ allows 255)");
        assertThat(HfsName.of("x".repeat(255)).units()).hasSize(255);
    }
}
