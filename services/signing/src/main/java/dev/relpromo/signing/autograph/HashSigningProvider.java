package dev.relpromo.signing.autograph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.List;

/**
 * A JCA provider of {@code SHA256withRSA} whose "private key" is remote: the signature engine hashes what it is
 * given (jsign gives it the DER of the SignerInfo's signed attributes) and has only the SHA-256 digest signed, by
 * {@link DigestSigner}. This is how jsign, which signs through JCA, can use Autograph's {@code /sign/hash}.
 */
final class HashSigningProvider extends Provider {
    private static final long serialVersionUID = 1L;
    static final String ALGORITHM = "SHA256withRSA";

    /** Signs a SHA-256 digest: RSA PKCS#1 v1.5 over its DigestInfo. */
    @FunctionalInterface
    interface DigestSigner {
        byte[] sign(byte[] sha256) throws IOException;
    }

    /** Stands in for the key that stays on the signing server. */
    static final class RemoteKey implements PrivateKey {
        private static final long serialVersionUID = 1L;
        private final String description;

        RemoteKey(String description) {
            this.description = description;
        }

        @Override
        public String getAlgorithm() {
            return "RSA"; // jsign derives "SHA256withRSA" from it
        }

        @Override
        public String getFormat() {
            return null; // not exportable
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }

        @Override
        public String toString() {
            return "RemoteKey[" + description + "]";
        }
    }

    HashSigningProvider(DigestSigner signer) {
        super("relpromo-remote-hash", "1.0", "SHA256withRSA signed remotely from its digest");
        putService(new Service(this, "Signature", ALGORITHM, Engine.class.getName(),
                List.of("SHA256WITHRSA", "1.2.840.113549.1.1.11", "OID.1.2.840.113549.1.1.11"), null) {
            @Override
            public Object newInstance(Object constructorParameter) {
                return new Engine(signer);
            }
        });
    }

    private static final class Engine extends SignatureSpi {
        private final DigestSigner signer;
        private final MessageDigest digest;

        Engine(DigestSigner signer) {
            this.signer = signer;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JDK", e);
            }
        }

        @Override
        protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
            if (!(key instanceof RemoteKey)) {
                throw new InvalidKeyException("this provider signs only with a remote key, not " + key.getAlgorithm());
            }
            digest.reset();
        }

        @Override
        protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
            throw new InvalidKeyException("this provider only signs; verify with the JDK's provider");
        }

        @Override
        protected void engineUpdate(byte b) {
            digest.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
            digest.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            try {
                return signer.sign(digest.digest());
            } catch (IOException e) {
                // jsign and BouncyCastle pass unchecked exceptions through; the caller unwraps this one
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            throw new SignatureException("this provider only signs");
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException();
        }
    }
}
