package dev.relpromo.signing.authenticode;

import dev.relpromo.signing.KeyFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.RFC4519Style;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local Authenticode keys, kept in the same keys directory as the OpenPGP key: a self-made CA and a code-signing
 * certificate it issued (RSA-3072, SHA-256, extended key usage codeSigning). The first run creates them; later runs
 * load them, so signatures made on different days chain to the same CA.
 *
 * <ul>
 *   <li>{@value #CA_CERTIFICATE_FILE}: the CA certificate, what verifiers trust
 *       ({@code osslsigncode verify -CAfile <keys>/authenticode-ca.pem});</li>
 *   <li>{@value #CA_KEY_FILE}: the CA key (PKCS#8 PEM, mode 0600), kept to issue a new signing certificate later;</li>
 *   <li>{@value #CERTIFICATE_FILE} and {@value #KEY_FILE} (mode 0600): the signing certificate and its key.</li>
 * </ul>
 *
 * <p><b>Local and development use only</b>: the keys are unencrypted, protected by file permissions. Production
 * signing sends only a digest to Autograph ({@code autograph.AutographAuthenticodeBackend}).
 *
 * <p>Creation shares the directory lock and the atomic writes of {@link KeyFiles}. The signing certificate is
 * written last: when it exists, so does everything else; an incomplete set (a crash during the first run) is
 * created afresh.
 */
public final class LocalAuthenticodeKeys {
    private static final Logger LOG = LoggerFactory.getLogger(LocalAuthenticodeKeys.class);

    public static final String CA_CERTIFICATE_FILE = "authenticode-ca.pem";
    public static final String CA_KEY_FILE = "authenticode-ca-key.pem";
    public static final String CERTIFICATE_FILE = "authenticode-cert.pem";
    public static final String KEY_FILE = "authenticode-key.pem";
    /** Subject names in RFC 4514 order (most specific first), as {@code X500Principal.getName()} prints them. */
    public static final String CA_NAME = "CN=relpromo local Authenticode CA,O=relpromo";
    public static final String SIGNER_NAME = "CN=relpromo local code signing,O=relpromo";
    static final int RSA_BITS = 3072;
    private static final Duration VALIDITY = Duration.ofDays(10 * 366);
    /** Tolerates clocks of verifying machines a little behind ours. */
    private static final Duration BACKDATE = Duration.ofHours(1);

    private LocalAuthenticodeKeys() {
    }

    /** Loads the keys from {@code keyDir}, creating them on first use. */
    public static AuthenticodeCredentials loadOrCreate(Path keyDir) throws IOException {
        return KeyFiles.withLockedDirectory(keyDir, LocalAuthenticodeKeys::loadOrCreateLocked);
    }

    private static AuthenticodeCredentials loadOrCreateLocked(Path dir) throws IOException {
        List<Path> files = List.of(dir.resolve(CA_CERTIFICATE_FILE), dir.resolve(CA_KEY_FILE),
                dir.resolve(KEY_FILE), dir.resolve(CERTIFICATE_FILE));
        if (files.stream().allMatch(Files::isRegularFile)) {
            KeyFiles.warnIfReadableByOthers(dir.resolve(KEY_FILE), LOG);
            KeyFiles.warnIfReadableByOthers(dir.resolve(CA_KEY_FILE), LOG);
            AuthenticodeCredentials credentials = new AuthenticodeCredentials(
                    List.of(readCertificate(dir.resolve(CERTIFICATE_FILE)),
                            readCertificate(dir.resolve(CA_CERTIFICATE_FILE))),
                    readPrivateKey(dir.resolve(KEY_FILE)));
            LOG.info("Loaded local Authenticode certificate '{}' from {}",
                    credentials.signingCertificate().getSubjectX500Principal().getName(), dir);
            return credentials;
        }
        long started = System.nanoTime();
        KeyPair caKeys = generateKeyPair();
        KeyPair signerKeys = generateKeyPair();
        Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        X509Certificate ca = issueCa(caKeys, now);
        X509Certificate signer = issueCodeSigning(signerKeys.getPublic(), ca, caKeys.getPrivate(), now);
        KeyFiles.writeAtomically(dir.resolve(CA_KEY_FILE), pem(privateKeyPem(caKeys.getPrivate())), true);
        KeyFiles.writeAtomically(dir.resolve(CA_CERTIFICATE_FILE), pem(ca), false);
        KeyFiles.writeAtomically(dir.resolve(KEY_FILE), pem(privateKeyPem(signerKeys.getPrivate())), true);
        KeyFiles.writeAtomically(dir.resolve(CERTIFICATE_FILE), pem(signer), false);
        LOG.info("Created local Authenticode CA '{}' and code-signing certificate '{}' (RSA-{}) in {} in {} ms;"
                + " for local use only", CA_NAME, SIGNER_NAME, RSA_BITS, dir, (System.nanoTime() - started) / 1_000_000);
        return new AuthenticodeCredentials(List.of(signer, ca), signerKeys.getPrivate());
    }

    private static KeyPair generateKeyPair() throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate an RSA key", e);
        }
    }

    private static X509Certificate issueCa(KeyPair keys, Instant now) throws IOException {
        X500Name name = new X500Name(RFC4519Style.INSTANCE, CA_NAME);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(name, name, keys.getPublic(), now)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return sign(builder, keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IOException("cannot create the local Authenticode CA certificate", e);
        }
    }

    private static X509Certificate issueCodeSigning(PublicKey key, X509Certificate ca, PrivateKey caKey, Instant now)
            throws IOException {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
                    new X500Name(RFC4519Style.INSTANCE, SIGNER_NAME), key, now)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(ca));
            return sign(builder, caKey);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IOException("cannot create the local Authenticode code-signing certificate", e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, Instant now) {
        BigInteger serial = new BigInteger(63, new SecureRandom()).add(BigInteger.ONE); // positive, non-zero
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(now.minus(BACKDATE)),
                Date.from(now.plus(VALIDITY)), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        try {
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign a certificate", e);
        }
    }

    private static PemObject privateKeyPem(PrivateKey key) {
        return new PemObject("PRIVATE KEY", key.getEncoded()); // PKCS#8, as openssl writes it
    }

    private static byte[] pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads the first certificate of a PEM file. */
    public static X509Certificate readCertificate(Path pemFile) throws IOException {
        return readCertificates(pemFile).get(0);
    }

    /** Reads every certificate of a PEM file, in file order (for a chain: signing certificate first). */
    public static List<X509Certificate> readCertificates(Path pemFile) throws IOException {
        List<X509Certificate> certificates = new java.util.ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(pemFile, StandardCharsets.US_ASCII)))) {
            for (Object object; (object = parser.readObject()) != null; ) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the certificates in " + pemFile, e);
        }
        if (certificates.isEmpty()) {
            throw new IOException("no certificate in " + pemFile);
        }
        return certificates;
    }

    private static PrivateKey readPrivateKey(Path pemFile) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(pemFile, StandardCharsets.US_ASCII)))) {
            Object object = parser.readObject();
            if (object instanceof PrivateKeyInfo info) {
                return new JcaPEMKeyConverter().getPrivateKey(info);
            }
        }
        // the message names the file only: never its content
        throw new IOException(pemFile + " does not hold an unencrypted PKCS#8 private key");
    }
}
