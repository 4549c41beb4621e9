package dev.relpromo.signing.app;

import dev.relpromo.events.Service;
import dev.relpromo.kit.app.ServiceContext;
import dev.relpromo.kit.app.WorkerApp;
import dev.relpromo.kit.work.TaskHandler;
import dev.relpromo.signing.GpgSigner;
import dev.relpromo.signing.MacNotarizationHandler;
import dev.relpromo.signing.MacSigningHandler;
import dev.relpromo.signing.ReleaseChecksumsSigningHandler;
import dev.relpromo.signing.RepackageSigningHandler;
import dev.relpromo.signing.SigningBackends;
import dev.relpromo.signing.authenticode.AuthenticodeBackend;
import dev.relpromo.signing.mac.MacSigningBackend;
import dev.relpromo.signing.mac.config.MacSigningConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The signing worker: repackage-signing (Linux, mac, Windows), mac signing, mac notarization and the release
 * checksums' signatures. The backends come
 * from the {@code relpromo.signing.*} settings ({@code application-signing.yml} lists them with their defaults):
 * OpenPGP and Authenticode from {@link SigningBackends} (local keys in the {@code keys} directory by default —
 * {@code RELPROMO_KEYS}, else {@code keys/} in the service's state directory — or an Autograph server), mac from
 * {@link MacSigningConfig} ({@code local}, not Apple-valid, by default, or an external command). A mistake in them
 * fails start-up, naming the key, instead of the first task.
 */
public final class SigningApp extends WorkerApp {
    @Override
    protected Service service() {
        return Service.SIGNING;
    }

    @Override
    protected Map<String, TaskHandler> handlers(ServiceContext context) throws Exception {
        Map<String, String> settings = SigningSettings.read(context.settings());
        Path keys = context.settings().path("keys").orElse(context.stateDir().resolve("keys"));
        SigningBackends backends = SigningBackends.parse(settings);
        Map<String, String> environment = System.getenv(); // where a Hawk key named by hawk-key-env is read
        GpgSigner gpg = backends.gpgSigner(keys, environment);
        AuthenticodeBackend authenticode = backends.authenticodeBackend(keys, environment);
        // the local mac backend signs its manifests with the same OpenPGP signer as the .asc files
        MacSigningBackend mac = MacSigningConfig.backend(settings, gpg);

        Map<String, TaskHandler> handlers = new HashMap<>();
        handlers.putAll(each(RepackageSigningHandler.KINDS, new RepackageSigningHandler(gpg, authenticode)));
        handlers.putAll(each(MacSigningHandler.KINDS, new MacSigningHandler(mac)));
        handlers.putAll(each(MacNotarizationHandler.KINDS, new MacNotarizationHandler(mac)));
        handlers.putAll(each(ReleaseChecksumsSigningHandler.KINDS, new ReleaseChecksumsSigningHandler(gpg)));
        return handlers;
    }
}
