package dev.relpromo.signing.authenticode;

import dev.relpromo.testing.SystemTools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.relpromo.kit.pe.AttributionSlot;
import dev.relpromo.kit.pe.MinimalPe;
import dev.relpromo.kit.pe.PeChecksum;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jsign.Signable;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LocalAuthenticodeBackendTest {
    private static final String CODE = "campaign=acme&content=acme-001&medium=distribution&source=mozilla";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(MinimalPe.Machine.class)
    void signsSoThatOsslsigncodeVerifiesAgainstTheLocalCa(MinimalPe.Machine machine) throws Exception {
        assumeTrue(SystemTools.has("osslsigncode"), "osslsigncode not found on PATH: skipping Authenticode verification");
        Path exe = Files.write(dir.resolve("setup.exe"), MinimalPe.image(machine));

        backend().sign(exe);

        Osslsigncode.Result verified = Osslsigncode.verify(AuthenticodeTestKeys.caFile(), exe);
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Signature verification: ok").contains("Succeeded")
                .contains("Unauthenticated Data Blob length: 1024 bytes").doesNotContain("invalid PE checksum");
        assertThat(checksum(exe)).isEqualTo(storedChecksum(exe)).isNotZero(); // ours agrees with jsign's
    }

    @Test
    void theSignatureCarriesTheEmptySlotAsItsOnlyUnsignedAttribute() throws Exception {
        Path exe = Files.write(dir.resolve("setup.exe"), MinimalPe.image(MinimalPe.Machine.AMD64));

        backend().sign(exe);

        SignerInformation signer = signerInfo(exe);
        AttributeTable unsigned = signer.getUnsignedAttributes();
        assertThat(unsigned.size()).isEqualTo(1);
        Attribute slot = unsigned.get(AttributableAuthenticodeSigner.SLOT_ATTRIBUTE);
        assertThat(slot.getAttrType().getId()).isEqualTo("1.3.6.1.4.1.42921.1.2.1");
        byte[] value = ASN1UTF8String.getInstance(slot.getAttrValues().getObjectAt(0)).getString()
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(value).isEqualTo(AttributionSlot.emptySlot()).hasSize(1024);
        assertThat(new String(value, 0, 14, StandardCharsets.US_ASCII)).isEqualTo("__MOZCUSTOM__:");
        assertThat(signer.getSignedAttributes().get(CMSAttributes.signingTime)).isNull();
        assertThat(AttributionSlot.read(exe)).isEmpty();
    }

    @Test
    void signingTheSameInputTwiceGivesTheSameBytes() throws Exception {
        byte[] unsigned = MinimalPe.image(MinimalPe.Machine.I386);
        Path first = Files.write(dir.resolve("first.exe"), unsigned);
        Path second = Files.write(dir.resolve("second.exe"), unsigned);

        backend().sign(first);
        LocalAuthenticodeBackend.fromKeyDirectory(AuthenticodeTestKeys.sharedKeyDir()).sign(second);

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        assertThat(Files.size(first)).isGreaterThan(unsigned.length + 1024);
    }

    @Test
    void reSigningASignedFileReplacesTheSignature() throws Exception {
        Path once = Files.write(dir.resolve("once.exe"), MinimalPe.image(MinimalPe.Machine.I386));
        Path twice = Files.write(dir.resolve("twice.exe"), MinimalPe.image(MinimalPe.Machine.I386));
        backend().sign(once);
        backend().sign(twice);

        backend().sign(twice);

        assertThat(Files.readAllBytes(twice)).isEqualTo(Files.readAllBytes(once));
    }

    @Test
    void theAttributionCodeGoesIntoTheSlotWithoutBreakingTheSignature() throws Exception {
        assumeTrue(SystemTools.has("osslsigncode"), "osslsigncode not found on PATH: skipping Authenticode verification");
        Path exe = Files.write(dir.resolve("target.installer.exe"), MinimalPe.image(MinimalPe.Machine.I386));
        backend().sign(exe);
        long size = Files.size(exe);

        AttributionSlot.write(exe, CODE);

        Osslsigncode.Result verified = Osslsigncode.verify(AuthenticodeTestKeys.caFile(), exe);
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Signature verification: ok").doesNotContain("invalid PE checksum");
        assertThat(storedChecksum(exe)).isEqualTo(checksum(exe));
        assertThat(AttributionSlot.read(exe)).contains(CODE);
        assertThat(Files.size(exe)).isEqualTo(size);
        assertThat(new String(Files.readAllBytes(exe), StandardCharsets.US_ASCII))
                .contains("__MOZCUSTOM__:campaign%3Dacme%26content%3Dacme-001%26medium%3Ddistribution%26source"
                        + "%3Dmozilla\0");
    }

    @Test
    void aSecondCodeReplacesTheFirstCompletely() throws Exception {
        Path exe = Files.write(dir.resolve("target.installer.exe"), MinimalPe.image(MinimalPe.Machine.AMD64));
        Path direct = Files.write(dir.resolve("direct.exe"), MinimalPe.image(MinimalPe.Machine.AMD64));
        backend().sign(exe);
        backend().sign(direct);

        AttributionSlot.write(exe, CODE);
        AttributionSlot.write(exe, "campaign=b&content=b-1&medium=partner&source=x");
        AttributionSlot.write(direct, "campaign=b&content=b-1&medium=partner&source=x");

        assertThat(AttributionSlot.read(exe)).contains("campaign=b&content=b-1&medium=partner&source=x");
        assertThat(Files.readAllBytes(exe)).isEqualTo(Files.readAllBytes(direct));
        if (SystemTools.has("osslsigncode")) {
            assertThat(Osslsigncode.verify(AuthenticodeTestKeys.caFile(), exe).exitCode()).isZero();
        }
    }

    @Test
    void aFileThatIsNotAnExecutableIsRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a PE");

        assertThatThrownBy(() -> backend().sign(text))
                .hasMessageContaining(text.toString());
    }

    @Test
    void theChainIsTheSigningCertificateThenTheCa() throws Exception {
        List<?> chain = backend().certificateChain();

        assertThat(chain).hasSize(2);
        assertThat(backend().toString())
                .isEqualTo("LocalAuthenticodeBackend[AuthenticodeCredentials[CN=relpromo local code signing,"
                        + "O=relpromo]]");
    }

    private static LocalAuthenticodeBackend backend() throws Exception {
        return LocalAuthenticodeBackend.fromKeyDirectory(AuthenticodeTestKeys.sharedKeyDir());
    }

    private static long checksum(Path exe) throws Exception {
        try (FileChannel channel = FileChannel.open(exe)) {
            return PeChecksum.compute(channel);
        }
    }

    private static long storedChecksum(Path exe) throws Exception {
        try (FileChannel channel = FileChannel.open(exe)) {
            return PeChecksum.stored(channel);
        }
    }

    private static SignerInformation signerInfo(Path exe) throws Exception {
        try (Signable signed = Signable.of(exe.toFile())) {
            List<CMSSignedData> signatures = signed.getSignatures();
            assertThat(signatures).hasSize(1);
            return signatures.get(0).getSignerInfos().getSigners().iterator().next();
        }
    }
}
