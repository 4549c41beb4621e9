package dev.relpromo.signing.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Service;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.events.kinds.TaskKind;
import dev.relpromo.kit.app.ServiceContext;
import dev.relpromo.kit.app.Settings;
import dev.relpromo.kit.work.TaskHandler;
import dev.relpromo.signing.MacNotarizationHandler;
import dev.relpromo.signing.MacSigningHandler;
import dev.relpromo.signing.RepackageSigningHandler;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningAppTest {
    @TempDir
    Path tmp;

    /** Settings as the launcher makes them: explicit values, configuration properties, no environment. */
    private static Settings settings(Map<String, String> explicit, Map<String, String> properties) {
        return new Settings("signing", explicit, k -> Optional.ofNullable(properties.get(k)), k -> null);
    }

    @Test
    void readsEveryKeyTheParsersKnowAndTheMacValuesItsTemplatesUse() {
        Map<String, String> properties = Map.of(
                "relpromo.signing.gpg.backend", "local",
                "relpromo.signing.mac.backend", "command",
                "relpromo.signing.mac.sign-command", "rcodesign sign --p12-file {p12} {bundle}",
                "relpromo.signing.mac.notarize-command", "rcodesign notary-submit --api-key-file {api_key} {bundle}",
                "relpromo.signing.mac.value.p12", "/run/secrets/id.p12",
                "relpromo.signing.mac.value.unused", "never looked up",
                "relpromo.signing.concurrency", "1");

        Map<String, String> read = SigningSettings.read(settings(Map.of("mac.value.api_key", "/run/secrets/api.json"),
                properties));

        assertThat(read).containsExactlyInAnyOrderEntriesOf(Map.of(
                "relpromo.signing.gpg.backend", "local",
                "relpromo.signing.mac.backend", "command",
                "relpromo.signing.mac.sign-command", "rcodesign sign --p12-file {p12} {bundle}",
                "relpromo.signing.mac.notarize-command", "rcodesign notary-submit --api-key-file {api_key} {bundle}",
                "relpromo.signing.mac.value.p12", "/run/secrets/id.p12",
                "relpromo.signing.mac.value.api_key", "/run/secrets/api.json"));
    }

    @Test
    void registersAHandlerForEverySigningKindWithTheLocalBackendsByDefault() throws Exception {
        Map<String, TaskHandler> handlers = new SigningApp().handlers(context(Map.of("keys", tmp.resolve("keys").toString())));

        assertThat(handlers.keySet()).containsExactlyInAnyOrderElementsOf(Kinds.ownedBy(Service.SIGNING).stream()
                .filter(TaskKind::needsHandler).map(TaskKind::name).collect(Collectors.toSet()));
        assertThat(handlers.get(RepackageSigningHandler.PARTNER_KIND)).isInstanceOf(RepackageSigningHandler.class);
        assertThat(handlers.get(MacSigningHandler.EME_FREE_KIND)).isInstanceOf(MacSigningHandler.class);
        assertThat(handlers.get(MacNotarizationHandler.PARTNER_KIND)).isInstanceOf(MacNotarizationHandler.class);
        assertThat(tmp.resolve("keys/secret-key.pgp")).exists();
        assertThat(tmp.resolve("keys/authenticode-ca.pem")).exists();
    }

    @Test
    void aConfigurationMistakeFailsStartUpNamingTheKey() {
        assertThatThrownBy(() -> new SigningApp().handlers(context(Map.of("keys", tmp.resolve("keys").toString(),
                "mac.backend", "apple"))))
                .hasMessage("relpromo.signing.mac.backend must be one of [local, command], not 'apple'");
        assertThatThrownBy(() -> new SigningApp().handlers(context(Map.of("keys", tmp.resolve("keys").toString(),
                "authenticode.backend", "autograph"))))
                .hasMessage("set exactly one of relpromo.signing.authenticode.autograph.hawk-key-file and"
                        + " relpromo.signing.authenticode.autograph.hawk-key-env");
    }

    private ServiceContext context(Map<String, String> explicit) {
        return new ServiceContext(null, null, tmp, null, null, settings(explicit, Map.of()));
    }
}
