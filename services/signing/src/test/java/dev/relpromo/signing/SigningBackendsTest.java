package dev.relpromo.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.signing.SigningBackends.Autograph;
import dev.relpromo.signing.SigningBackends.Local;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningBackendsTest {
    private static final Map<String, String> AUTOGRAPH_AUTHENTICODE = Map.of(
            "relpromo.signing.authenticode.backend", "autograph",
            "relpromo.signing.authenticode.autograph.url", "https://autograph.example/",
            "relpromo.signing.authenticode.autograph.hawk-id", "relpromo",
            "relpromo.signing.authenticode.autograph.hawk-key-env", "AUTOGRAPH_KEY",
            "relpromo.signing.authenticode.autograph.key-id", "authenticode_202412",
            "relpromo.signing.authenticode.autograph.certificates", "/etc/relpromo/chain.pem");

    @Test
    void everythingIsLocalByDefault() {
        assertThat(SigningBackends.parse(Map.of())).isEqualTo(new SigningBackends(new Local(), new Local()));
    }

    @Test
    void anAutographBackendPerFormat() {
        SigningBackends backends = SigningBackends.parse(AUTOGRAPH_AUTHENTICODE);

        assertThat(backends.gpg()).isEqualTo(new Local());
        assertThat(backends.of(SigningBackends.Format.AUTHENTICODE)).isEqualTo(new Autograph(
                URI.create("https://autograph.example/"), "relpromo", null, "AUTOGRAPH_KEY", "authenticode_202412",
                Duration.ofSeconds(60), Path.of("/etc/relpromo/chain.pem")));
    }

    @Test
    void theHawkKeyComesFromItsEnvironmentVariableOrFileAndIsNeverShown(@TempDir Path dir) throws Exception {
        Autograph fromEnv = (Autograph) SigningBackends.parse(AUTOGRAPH_AUTHENTICODE).authenticode();
        Path keyFile = Files.writeString(dir.resolve("hawk"), "file-secret\n");
        Map<String, String> settings = new HashMap<>(AUTOGRAPH_AUTHENTICODE);
        settings.remove("relpromo.signing.authenticode.autograph.hawk-key-env");
        settings.put("relpromo.signing.authenticode.autograph.hawk-key-file", keyFile.toString());
        Autograph fromFile = (Autograph) SigningBackends.parse(settings).authenticode();

        assertThat(fromEnv.credentials(Map.of("AUTOGRAPH_KEY", "env-secret"))).hasToString("HawkCredentials[id=relpromo]");
        assertThat(fromFile.credentials(Map.of()).id()).isEqualTo("relpromo");
        assertThat(fromEnv.toString() + fromFile).doesNotContain("env-secret").doesNotContain("file-secret");
        assertThatThrownBy(() -> fromEnv.credentials(Map.of()))
                .hasMessage("the Hawk key for 'relpromo' is empty or missing (environment variable AUTOGRAPH_KEY)");
    }

    @Test
    void mistakesNameTheSetting() {
        assertThatThrownBy(() -> SigningBackends.parse(Map.of("relpromo.signing.gpg.backend", "hsm")))
                .hasMessage("relpromo.signing.gpg.backend must be 'local' or 'autograph', not 'hsm'");
        assertThatThrownBy(() -> SigningBackends.parse(Map.of("relpromo.signing.gpg.backend", "autograph",
                "relpromo.signing.gpg.autograph.hawk-key-env", "K")))
                .hasMessage("missing setting relpromo.signing.gpg.autograph.url");
        Map<String, String> bothKeys = new HashMap<>(AUTOGRAPH_AUTHENTICODE);
        bothKeys.put("relpromo.signing.authenticode.autograph.hawk-key-file", "/k");
        assertThatThrownBy(() -> SigningBackends.parse(bothKeys))
                .hasMessage("set exactly one of relpromo.signing.authenticode.autograph.hawk-key-file and"
                        + " relpromo.signing.authenticode.autograph.hawk-key-env");
        Map<String, String> badTimeout = new HashMap<>(AUTOGRAPH_AUTHENTICODE);
        badTimeout.put("relpromo.signing.authenticode.autograph.timeout", "60s");
        assertThatThrownBy(() -> SigningBackends.parse(badTimeout))
                .hasMessage("relpromo.signing.authenticode.autograph.timeout must be an ISO-8601 duration such as"
                        + " PT60S, not '60s'");
    }
}
