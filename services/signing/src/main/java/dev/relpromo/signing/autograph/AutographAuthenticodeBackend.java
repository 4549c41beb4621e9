package dev.relpromo.signing.autograph;

import dev.relpromo.signing.authenticode.AttributableAuthenticodeSigner;
import dev.relpromo.signing.authenticode.AuthenticodeBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Authenticode through Autograph, the way signingscript's {@code sign_authenticode} does it with winsign: the
 * signature is built locally (jsign: PE digest, SignerInfo with its signed attributes, and the attribution slot as an
 * unsigned attribute), and only the SHA-256 digest of the signed attributes goes to <b>{@code POST /sign/hash}</b>
 * ({@code {"input": base64 digest, "keyid": ...}}); the server returns the RSA signature. The certificates are
 * configured (signingscript's {@code authenticode_cert}), not fetched. jsign verifies the returned signature against
 * the signing certificate before writing the file, so a key id that does not match the certificate fails the task.
 */
public final class AutographAuthenticodeBackend implements AuthenticodeBackend {
    private final AutographClient client;
    private final String keyId;
    private final List<X509Certificate> chain;
    private final AttributableAuthenticodeSigner signer;

    /**
     * @param keyId the Autograph signer id, e.g. the key behind {@code gcp_prod_autograph_authenticode_202412}
     * @param chain the signing certificate of that key first, then its issuers
     * @param programName shown by Windows as the program name; may be {@code null}
     * @param programUrl shown by Windows as "more information"; may be {@code null}
     */
    public AutographAuthenticodeBackend(AutographClient client, String keyId, List<X509Certificate> chain,
            String programName, String programUrl) {
        this.client = client;
        this.keyId = keyId;
        this.chain = List.copyOf(chain);
        HashSigningProvider provider = new HashSigningProvider(digest -> client.signHash(digest, keyId));
        this.signer = new AttributableAuthenticodeSigner(this.chain,
                new HashSigningProvider.RemoteKey("autograph " + client.baseUrl() + " keyid " + keyId), provider,
                programName, programUrl);
    }

    @Override
    public void sign(Path peFile) throws IOException {
        signer.sign(peFile);
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    @Override
    public String toString() {
        return "AutographAuthenticodeBackend[" + client + ", keyid=" + keyId + "]";
    }
}
