package dev.relpromo.signing;

import dev.relpromo.testing.SystemTools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.relpromo.signing.mac.LocalManifestMacSigner;
import dev.relpromo.signing.mac.MacBundle;
import dev.relpromo.signing.mac.TestBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lives here, not in the mac package, to use the package-private {@link SystemGpg}. */
class LocalMacManifestGpgTest {
    private static final String MANIFEST = "Firefox.app/Contents/_CodeSignature/relpromo-local-manifest.json";

    @TempDir
    Path tmp;

    @Test
    void theSystemGpgVerifiesTheManifestSignatureWithThePublishedKey() throws Exception {
        assumeTrue(SystemTools.has("gpg"), "gpg not found on PATH: skipping verification with the system gpg");
        Path input = TestBundles.firefox(tmp.resolve("in/target.tar.gz"), "de");
        Path signed = new LocalManifestMacSigner(TestBundles.signer())
                .sign(List.of(new MacBundle("acme/acme-001/de", input)), tmp.resolve("work")).get(0).archive();
        Path manifest = Files.writeString(tmp.resolve("manifest.json"), TestBundles.content(signed, MANIFEST));
        Path asc = Files.writeString(tmp.resolve("manifest.json.asc"), TestBundles.content(signed, MANIFEST + ".asc"));

        try (SystemGpg gpg = SystemGpg.withHome(tmp.resolve("gnupg"))) {
            assertThat(gpg.importKey(TestBundles.keyDir().resolve(LocalKeyDirectory.PUBLIC_KEY_FILE)).exitCode()).isZero();

            SystemGpg.Result good = gpg.verify(asc, manifest);
            assertThat(good.exitCode()).as(good.output()).isZero();
            assertThat(good.output()).contains("Good signature").contains("relpromo local signing key <relpromo@localhost>");

            Path edited = Files.writeString(tmp.resolve("edited.json"),
                    Files.readString(manifest).replace("\"apple_valid\": false", "\"apple_valid\": true"));
            SystemGpg.Result bad = gpg.verify(asc, edited);
            assertThat(bad.exitCode()).as(bad.output()).isNotZero();
            assertThat(bad.output()).contains("BAD signature");
        }
    }
}
