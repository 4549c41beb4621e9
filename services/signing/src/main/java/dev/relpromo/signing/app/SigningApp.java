package dev.relpromo.signing.app;

import dev.relpromo.events.Service;
import dev.relpromo.kit.app.ServiceContext;
import dev.relpromo.kit.app.WorkerApp;
import dev.relpromo.kit.work.TaskHandler;
import dev.relpromo.signing.LocalGpgSigner;
import dev.relpromo.signing.RepackageSigningHandler;
import dev.relpromo.signing.authenticode.LocalAuthenticodeBackend;
import java.nio.file.Path;
import java.util.Map;

/**
 * The signing worker with the local OpenPGP key kept in the {@code keys} setting's directory
 * ({@code RELPROMO_KEYS}; default {@code keys/} in the service's state directory).
 */
public final class SigningApp extends WorkerApp {
    @Override
    protected Service service() {
        return Service.SIGNING;
    }

    @Override
    protected Map<String, TaskHandler> handlers(ServiceContext context) throws Exception {
        Path keys = context.settings().path("keys").orElse(context.stateDir().resolve("keys"));
        return each(RepackageSigningHandler.KINDS, new RepackageSigningHandler(LocalGpgSigner.fromKeyDirectory(keys),
                LocalAuthenticodeBackend.fromKeyDirectory(keys)));
    }
}
