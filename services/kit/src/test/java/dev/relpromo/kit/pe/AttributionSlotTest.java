package dev.relpromo.kit.pe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte work on a hand-made certificate table; the real thing (a jsign signature that osslsigncode verifies
 * before and after) is tested in the signing module, which has a signer.
 */
class AttributionSlotTest {
    private static final String CODE = "campaign=acme&content=acme-001&medium=distribution&source=mozilla";
    private static final String QUOTED =
            "campaign%3Dacme%26content%3Dacme-001%26medium%3Ddistribution%26source%3Dmozilla";

    @TempDir
    Path dir;

    @Test
    void writesTheQuotedCodeAfterTheTagAndReadsItBack() throws IOException {
        Path exe = withCertificateTable(MinimalPe.Machine.I386, tableWith(AttributionSlot.emptySlot()));
        byte[] before = Files.readAllBytes(exe);

        assertThat(AttributionSlot.read(exe)).isEmpty();
        AttributionSlot.write(exe, CODE);

        assertThat(AttributionSlot.read(exe)).contains(CODE);
        byte[] after = Files.readAllBytes(exe);
        int slot = before.length - 1024 - 16;
        byte[] expected = before.clone();
        System.arraycopy(QUOTED.getBytes(StandardCharsets.US_ASCII), 0, expected, slot + 14, QUOTED.length());
        assertThat(after).isEqualTo(expected);
    }

    @Test
    void aSecondWriteReplacesTheFirstCompletely() throws IOException {
        Path exe = withCertificateTable(MinimalPe.Machine.AMD64, tableWith(AttributionSlot.emptySlot()));
        Path fresh = dir.resolve("fresh.exe");
        Files.copy(exe, fresh);

        AttributionSlot.write(exe, CODE);
        AttributionSlot.write(exe, "dlsource=mozci");
        AttributionSlot.write(fresh, "dlsource=mozci");

        assertThat(AttributionSlot.read(exe)).contains("dlsource=mozci");
        assertThat(Files.readAllBytes(exe)).isEqualTo(Files.readAllBytes(fresh));
    }

    @Test
    void quotesLikePythonUrllib() {
        assertThat(AttributionSlot.quote("a=b c&d/é~:")).isEqualTo("a%3Db%20c%26d/%C3%A9~%3A");
    }

    @Test
    void theLongestCodeFillsTheSlotAndOneMoreByteIsRefused() throws IOException {
        Path exe = withCertificateTable(MinimalPe.Machine.I386, tableWith(AttributionSlot.emptySlot()));
        String longest = "x".repeat(1010); // unreserved: one byte each once quoted

        AttributionSlot.write(exe, longest);

        assertThat(AttributionSlot.read(exe)).contains(longest);
        assertThatThrownBy(() -> AttributionSlot.write(exe, longest + "x"))
                .isInstanceOf(AttributionSlotException.class)
                .hasMessage("attribution code too long for " + exe + ": 1011 bytes once URL-quoted, the slot holds"
                        + " 1010");
        assertThat(AttributionSlot.read(exe)).contains(longest);
    }

    @Test
    void anUnsignedFileHasNoCertificateTable() throws IOException {
        Path exe = Files.write(dir.resolve("unsigned.exe"), MinimalPe.image(MinimalPe.Machine.ARM64));

        assertThatThrownBy(() -> AttributionSlot.write(exe, CODE))
                .isInstanceOf(AttributionSlotException.class)
                .hasMessage(exe + " has no certificate table: it is not signed, so it has no attribution slot");
    }

    @Test
    void aSignatureWithoutTheTagHasNoSlot() throws IOException {
        Path exe = withCertificateTable(MinimalPe.Machine.I386, tableWith(new byte[1024]));

        assertThatThrownBy(() -> AttributionSlot.read(exe))
                .isInstanceOf(AttributionSlotException.class)
                .hasMessage(exe + " is signed but has no attribution slot (no '__MOZCUSTOM__:' in its certificate"
                        + " table of 1048 bytes): it was not signed for attribution");
    }

    @Test
    void aSlotCutShortByTheEndOfTheTableIsRefused() throws IOException {
        byte[] table = Arrays.copyOf(tableWith(AttributionSlot.emptySlot()), 8 + 100);
        Path exe = withCertificateTable(MinimalPe.Machine.I386, table);

        assertThatThrownBy(() -> AttributionSlot.write(exe, CODE))
                .isInstanceOf(AttributionSlotException.class)
                .hasMessageContaining("is cut short by the end of the certificate table (100 of 1024 bytes)");
    }

    @Test
    void notAnExecutable() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "x".repeat(100));

        assertThatThrownBy(() -> AttributionSlot.read(text))
                .isInstanceOf(AttributionSlotException.class)
                .hasMessage(text + " is not a Windows executable (no MZ header)");
    }

    /** A WIN_CERTIFICATE-like table: 8 header bytes, the slot, 16 trailing bytes (the rest of a signature). */
    private static byte[] tableWith(byte[] slot) {
        ByteBuffer table = ByteBuffer.allocate(8 + slot.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        table.putInt(table.capacity()).putShort((short) 0x0200).putShort((short) 2).put(slot);
        return table.array();
    }

    private Path withCertificateTable(MinimalPe.Machine machine, byte[] table) throws IOException {
        byte[] image = MinimalPe.image(machine);
        ByteBuffer pe = ByteBuffer.allocate(image.length + table.length).order(ByteOrder.LITTLE_ENDIAN);
        pe.put(image).put(table);
        int optionalHeader = pe.getInt(0x3C) + 24;
        int directories = machine == MinimalPe.Machine.I386 ? 96 : 112;
        pe.putInt(optionalHeader + directories + 4 * 8, image.length);
        pe.putInt(optionalHeader + directories + 4 * 8 + 4, table.length);
        return Files.write(dir.resolve(machine + ".exe"), pe.array());
    }
}
