package dev.relpromo.signing.mac.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.signing.command.CommandMacSigner;
import dev.relpromo.signing.mac.LocalManifestMacSigner;
import dev.relpromo.signing.mac.MacSigningBackend;
import dev.relpromo.signing.mac.TestBundles;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MacSigningConfigTest {
    private static Map<String, String> command() {
        Map<String, String> settings = new HashMap<>();
        settings.put("relpromo.signing.mac.backend", "command");
        settings.put("relpromo.signing.mac.sign-command",
                "rcodesign sign --p12-file {p12} --p12-password-file {password_file} {bundle}");
        settings.put("relpromo.signing.mac.notarize-command", "rcodesign notary-submit --api-key-file {api_key} --staple {bundle}");
        settings.put("relpromo.signing.mac.value.p12", "/secrets/developer-id.p12");
        settings.put("relpromo.signing.mac.value.password_file", "/secrets/p12-password");
        settings.put("relpromo.signing.mac.value.api_key", "/secrets/app-store-connect.json");
        return settings;
    }

    @Test
    void theLocalBackendIsTheDefault() throws Exception {
        MacSigningBackend backend = MacSigningConfig.backend(Map.of("relpromo.other", "x"), TestBundles.signer());

        assertThat(backend).isInstanceOf(LocalManifestMacSigner.class);
        assertThat(backend.id()).isEqualTo("local");
        assertThat(backend.label()).isEqualTo("local (not Apple-valid)");
        assertThat(MacSigningConfig.backend(Map.of("relpromo.signing.mac.backend", "local"), TestBundles.signer()).label())
                .isEqualTo("local (not Apple-valid)");
    }

    @Test
    void theCommandBackendGetsItsTemplatesValuesAndTimeouts() {
        Map<String, String> settings = command();
        settings.put("relpromo.signing.mac.timeout", "PT5M");
        settings.put("relpromo.signing.mac.notarize-timeout", "PT1H");
        settings.put("relpromo.signing.mac.secret-values", "p12");

        CommandMacSigner.Settings parsed = MacSigningConfig.commandSettings(settings);

        assertThat(parsed.signCommand().placeholders()).containsExactly("p12", "password_file", "bundle");
        assertThat(parsed.notarizeCommand().placeholders()).containsExactly("api_key", "bundle");
        assertThat(parsed.values()).containsOnlyKeys("p12", "password_file", "api_key");
        assertThat(parsed.secretNames()).containsExactly("p12");
        assertThat(parsed.signTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(parsed.notarizeTimeout()).isEqualTo(Duration.ofHours(1));
        MacSigningBackend backend = MacSigningConfig.backend(settings, null);
        assertThat(backend.id()).isEqualTo("command");
        assertThat(backend.label()).isEqualTo("command (rcodesign)");
    }

    @Test
    void timeoutsDefaultToTenMinutesAndNotarizationToTheSignTimeout() {
        CommandMacSigner.Settings parsed = MacSigningConfig.commandSettings(command());
        assertThat(parsed.signTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(parsed.notarizeTimeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void anUnknownBackendNamesTheKey() {
        assertThatThrownBy(() -> MacSigningConfig.backend(Map.of("relpromo.signing.mac.backend", "apple"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("relpromo.signing.mac.backend must be one of [local, command], not 'apple'");
    }

    @Test
    void missingCommandsNameTheirKeys() {
        Map<String, String> noSign = command();
        noSign.remove("relpromo.signing.mac.sign-command");
        Map<String, String> noNotarize = command();
        noNotarize.put("relpromo.signing.mac.notarize-command", " ");

        assertThatThrownBy(() -> MacSigningConfig.backend(noSign, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("relpromo.signing.mac.backend=command needs relpromo.signing.mac.sign-command, e.g."
                        + " relpromo.signing.mac.sign-command=rcodesign sign --p12-file {p12} --p12-password-file"
                        + " {password_file} {bundle}");
        assertThatThrownBy(() -> MacSigningConfig.backend(noNotarize, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("relpromo.signing.mac.backend=command needs relpromo.signing.mac.notarize-command, e.g."
                        + " relpromo.signing.mac.notarize-command=rcodesign notary-submit --api-key-file {api_key}"
                        + " --staple {bundle}");
    }

    @Test
    void otherMistakesNameTheKey() {
        assertThat(List.of(
                error("relpromo.signing.mac.value.api_key", null),
                error("relpromo.signing.mac.timeout", "10 minutes"),
                error("relpromo.signing.mac.notarize-timeout", "PT0S"),
                error("relpromo.signing.mac.sign-comand", "rcodesign"),
                error("relpromo.signing.mac.value.bundle", "/elsewhere"),
                error("relpromo.signing.mac.value.P12", "/x"),
                error("relpromo.signing.mac.secret-values", "p12,token"),
                error("relpromo.signing.mac.sign-command", "rcodesign 'sign")))
                .containsExactly(
                        "relpromo.signing.mac.notarize-command uses {api_key}, which is neither built in ({app}, {bundle},"
                                + " {work_dir}) nor set: add relpromo.signing.mac.value.api_key",
                        "relpromo.signing.mac.timeout must be an ISO-8601 duration such as PT10M, not '10 minutes'",
                        "relpromo.signing.mac.notarize-timeout must be positive, not PT0S",
                        "unknown setting relpromo.signing.mac.sign-comand; the mac signing settings are"
                                + " [relpromo.signing.mac.backend, relpromo.signing.mac.notarize-command,"
                                + " relpromo.signing.mac.notarize-timeout, relpromo.signing.mac.secret-values,"
                                + " relpromo.signing.mac.sign-command, relpromo.signing.mac.timeout] and"
                                + " relpromo.signing.mac.value.<name>",
                        "relpromo.signing.mac.value.bundle: {bundle} is filled in per bundle and cannot be set",
                        "relpromo.signing.mac.value.P12: a value name is lower-case letters, digits and '_', starting"
                                + " with a letter",
                        "relpromo.signing.mac.secret-values lists 'token', but relpromo.signing.mac.value.token is not set",
                        "relpromo.signing.mac.sign-command: unclosed ' in the command 'rcodesign 'sign'");
    }

    /** The message of the error that setting {@code key} to {@code value} (null: removing it) causes. */
    private static String error(String key, String value) {
        Map<String, String> settings = command();
        if (value == null) {
            settings.remove(key);
        } else {
            settings.put(key, value);
        }
        try {
            MacSigningConfig.backend(settings, null);
            return "no error";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
