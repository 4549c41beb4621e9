package dev.relpromo.signing;

import java.io.IOException;
import java.io.InputStream;

/**
 * Makes detached, ASCII-armored OpenPGP signatures ({@code <file>.asc}), the {@code autograph_gpg} format of
 * repackage-signing. The local implementation is {@link LocalGpgSigner}; a production implementation would call an
 * Autograph-compatible server ({@code /sign/data} with a {@code gpg2} signer).
 */
public interface GpgSigner {

    /** Signs everything read from {@code data} (streamed, not buffered) and returns the armored signature. */
    byte[] signDetached(InputStream data) throws IOException;

    /** The armored public key that verifies the signatures, published as {@code KEY}. */
    byte[] armoredPublicKey();

    /** The signing key's fingerprint, for logs. */
    String fingerprint();
}
