package dev.relpromo.signing.authenticode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalAuthenticodeKeysTest {

    @Test
    void createsACaAndACodeSigningCertificateOnceAndReusesThem() throws Exception {
        Path dir = AuthenticodeTestKeys.sharedKeyDir();
        byte[] caPem = Files.readAllBytes(dir.resolve(LocalAuthenticodeKeys.CA_CERTIFICATE_FILE));

        AuthenticodeCredentials first = LocalAuthenticodeKeys.loadOrCreate(dir);
        AuthenticodeCredentials again = LocalAuthenticodeKeys.loadOrCreate(dir);

        assertThat(again.chain()).isEqualTo(first.chain());
        assertThat(again.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
        assertThat(Files.readAllBytes(dir.resolve(LocalAuthenticodeKeys.CA_CERTIFICATE_FILE))).isEqualTo(caPem);
        assertThat(new String(caPem, "US-ASCII")).startsWith("-----BEGIN CERTIFICATE-----");
        for (String secret : List.of(LocalAuthenticodeKeys.KEY_FILE, LocalAuthenticodeKeys.CA_KEY_FILE)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(secret))))
                    .as(secret).isEqualTo("rw-------");
            assertThat(Files.readString(dir.resolve(secret))).startsWith("-----BEGIN PRIVATE KEY-----");
        }
        assertThat(first.toString()).isEqualTo("AuthenticodeCredentials[CN=relpromo local code signing,O=relpromo]");
    }

    @Test
    void theSigningCertificateIsForCodeSigningAndIssuedByTheCa() throws Exception {
        AuthenticodeCredentials credentials = LocalAuthenticodeKeys.loadOrCreate(AuthenticodeTestKeys.sharedKeyDir());
        X509Certificate signer = credentials.chain().get(0);
        X509Certificate ca = credentials.chain().get(1);

        signer.verify(ca.getPublicKey());
        ca.verify(ca.getPublicKey());
        assertThat(signer.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.3");
        assertThat(signer.getBasicConstraints()).isEqualTo(-1);
        assertThat(ca.getBasicConstraints()).isZero();
        assertThat(signer.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=relpromo local Authenticode CA,O=relpromo");
        assertThat(LocalAuthenticodeKeys.readCertificate(
                AuthenticodeTestKeys.sharedKeyDir().resolve(LocalAuthenticodeKeys.CERTIFICATE_FILE)))
                .isEqualTo(signer);
    }
}
