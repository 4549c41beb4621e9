package dev.relpromo.signing;

import dev.relpromo.testing.SystemTools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalGpgSignerTest {
    @TempDir
    Path tmp;

    @Test
    void theSystemGpgVerifiesTheSignatureAndRejectsATamperedFile() throws Exception {
        assumeTrue(SystemTools.has("gpg"), "gpg not found on PATH: skipping verification with the system gpg");
        Path file = writeSample(tmp.resolve("target.tar.xz"), 3 * 1024 * 1024 + 17);
        Path asc = tmp.resolve("target.tar.xz.asc");
        try (InputStream in = Files.newInputStream(file)) {
            Files.write(asc, TestKeys.sharedSigner().signDetached(in));
        }

        try (SystemGpg gpg = SystemGpg.withHome(tmp.resolve("gnupg"))) {
            assertThat(gpg.importKey(TestKeys.sharedKeyDir().resolve("KEY")).exitCode()).isZero();

            SystemGpg.Result good = gpg.verify(asc, file);
            assertThat(good.exitCode()).as(good.output()).isZero();
            assertThat(good.output()).contains("Good signature")
                    .contains("relpromo local signing key <relpromo@localhost>")
                    .contains("digest algorithm SHA512");

            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 1;
            Path tampered = Files.write(tmp.resolve("tampered.tar.xz"), bytes);
            SystemGpg.Result bad = gpg.verify(asc, tampered);
            assertThat(bad.exitCode()).as(bad.output()).isNotZero();
            assertThat(bad.output()).contains("BAD signature");
        }
    }

    @Test
    void signingTheSameBytesAgainGivesTheSameAsc() throws Exception {
        byte[] data = "the same repack, signed twice".getBytes(StandardCharsets.UTF_8);
        byte[] first = TestKeys.sharedSigner().signDetached(new ByteArrayInputStream(data));
        // a fresh signer re-reads the key from disk, as a rerun in a new process would
        byte[] again = LocalGpgSigner.fromKeyDirectory(TestKeys.sharedKeyDir())
                .signDetached(new ByteArrayInputStream(data));

        assertThat(again).isEqualTo(first);
        assertThat(new String(first, StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN PGP SIGNATURE-----\n\n")
                .endsWith("-----END PGP SIGNATURE-----\n")
                .doesNotContain("Version:");
        assertThat(TestKeys.sharedSigner().signDetached(new ByteArrayInputStream("other".getBytes(StandardCharsets.UTF_8))))
                .isNotEqualTo(first);
    }

    private static Path writeSample(Path file, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return Files.write(file, bytes);
    }
}
