package dev.relpromo.kit.pe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MinimalPeTest {

    @ParameterizedTest
    @EnumSource(MinimalPe.Machine.class)
    void isAPortableExecutableForItsMachineWithTheMarkerInside(MinimalPe.Machine machine) {
        byte[] image = MinimalPe.image(machine);
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(image).hasSize(1024);
        assertThat(new String(image, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("MZ");
        int pe = b.getInt(0x3C);
        assertThat(b.getInt(pe)).isEqualTo(0x00004550); // "PE\0\0"
        int magic = b.getShort(pe + 24) & 0xFFFF;
        assertThat(magic).isEqualTo(machine == MinimalPe.Machine.I386 ? 0x10B : 0x20B);
        assertThat(new String(image, StandardCharsets.US_ASCII)).contains(MinimalPe.MARKER);
    }

    @ParameterizedTest
    @EnumSource(MinimalPe.Machine.class)
    void isTheSameOnEveryCall(MinimalPe.Machine machine) {
        assertThat(MinimalPe.image(machine)).isEqualTo(MinimalPe.image(machine));
        assertThat(MinimalPe.image(machine, "other")).isNotEqualTo(MinimalPe.image(machine));
    }
}
