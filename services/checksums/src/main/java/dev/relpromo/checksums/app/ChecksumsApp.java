package dev.relpromo.checksums.app;

import dev.relpromo.checksums.EmeFreeChecksumsHandler;
import dev.relpromo.checksums.ReleaseChecksumsHandler;
import dev.relpromo.events.Service;
import dev.relpromo.kit.app.ServiceContext;
import dev.relpromo.kit.app.WorkerApp;
import dev.relpromo.kit.work.TaskHandler;
import java.util.HashMap;
import java.util.Map;

/** The checksums worker: EME-free beetmover-checksums and the release SUMS/SUMMARY files. */
public final class ChecksumsApp extends WorkerApp {
    @Override
    protected Service service() {
        return Service.CHECKSUMS;
    }

    @Override
    protected Map<String, TaskHandler> handlers(ServiceContext context) {
        Map<String, TaskHandler> handlers = new HashMap<>();
        handlers.putAll(each(EmeFreeChecksumsHandler.KINDS, new EmeFreeChecksumsHandler()));
        handlers.putAll(each(ReleaseChecksumsHandler.KINDS, new ReleaseChecksumsHandler()));
        return handlers;
    }
}
