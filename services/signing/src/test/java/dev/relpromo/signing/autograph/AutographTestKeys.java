package dev.relpromo.signing.autograph;

import dev.relpromo.signing.LocalGpgSigner;
import dev.relpromo.signing.authenticode.AuthenticodeTestKeys;
import dev.relpromo.signing.authenticode.LocalAuthenticodeKeys;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.security.PrivateKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** The keys the fake Autograph signs with: the local ones of the shared test keys directory. */
final class AutographTestKeys {
    private AutographTestKeys() {
    }

    static LocalGpgSigner gpg() throws IOException {
        return LocalGpgSigner.fromKeyDirectory(AuthenticodeTestKeys.sharedKeyDir());
    }

    static PrivateKey authenticodeKey() throws IOException {
        String pem = Files.readString(AuthenticodeTestKeys.sharedKeyDir().resolve(LocalAuthenticodeKeys.KEY_FILE));
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
        }
    }
}
