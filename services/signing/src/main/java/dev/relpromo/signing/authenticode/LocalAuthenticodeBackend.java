package dev.relpromo.signing.authenticode;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Authenticode with the local keys ({@link LocalAuthenticodeKeys}): signatures chain to the self-made CA in the keys
 * directory, so {@code osslsigncode verify -CAfile <keys>/authenticode-ca.pem -in signed.exe} succeeds, while Windows
 * (which does not trust that CA) shows the file as signed by an unknown publisher. For local runs and the demo.
 */
public final class LocalAuthenticodeBackend implements AuthenticodeBackend {
    private final AuthenticodeCredentials credentials;
    private final AttributableAuthenticodeSigner signer;

    public LocalAuthenticodeBackend(AuthenticodeCredentials credentials, String programName, String programUrl) {
        this.credentials = credentials;
        this.signer = new AttributableAuthenticodeSigner(credentials.chain(), credentials.privateKey(), null,
                programName, programUrl);
    }

    /** The keys from {@code keyDir} (created on first use), with no program name or URL in the signature. */
    public static LocalAuthenticodeBackend fromKeyDirectory(Path keyDir) throws IOException {
        return new LocalAuthenticodeBackend(LocalAuthenticodeKeys.loadOrCreate(keyDir), null, null);
    }

    @Override
    public void sign(Path peFile) throws IOException {
        signer.sign(peFile);
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return credentials.chain();
    }

    @Override
    public String toString() {
        return "LocalAuthenticodeBackend[" + credentials + "]";
    }
}
