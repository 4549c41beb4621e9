package dev.relpromo.signing.authenticode;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A code-signing certificate chain (signing certificate first, then its issuers) and the private key of the first.
 * {@link #toString()} names the subject only: the key must never reach a log line.
 */
public final class AuthenticodeCredentials {
    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;

    public AuthenticodeCredentials(List<X509Certificate> chain, PrivateKey privateKey) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("an Authenticode certificate chain needs at least the signing certificate");
        }
        this.chain = List.copyOf(chain);
        this.privateKey = privateKey;
    }

    /** Signing certificate first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    public X509Certificate signingCertificate() {
        return chain.get(0);
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "AuthenticodeCredentials[" + signingCertificate().getSubjectX500Principal().getName() + "]";
    }
}
