package dev.relpromo.signing.authenticode;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Signs Windows executables with Authenticode (SHA-256, no timestamp), leaving the 1024-byte attribution slot
 * ({@code dev.relpromo.kit.pe.AttributionSlot}) in an unsigned attribute of the signature, so that partner attribution
 * can later write a code into it without re-signing. Implementations: {@link LocalAuthenticodeBackend} and
 * {@code autograph.AutographAuthenticodeBackend}.
 */
public interface AuthenticodeBackend {

    /**
     * Signs {@code peFile} in place, replacing any earlier signature. Deterministic: the same input and key give
     * byte-identical output.
     */
    void sign(Path peFile) throws IOException;

    /** The certificates put into the signature, signing certificate first. */
    List<X509Certificate> certificateChain();
}
