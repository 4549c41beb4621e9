package dev.relpromo.beetmover.app;

import dev.relpromo.beetmover.BeetmoverHandler;
import dev.relpromo.beetmover.ReleaseChecksumsBeetmoverHandler;
import dev.relpromo.events.Service;
import dev.relpromo.kit.app.ServiceContext;
import dev.relpromo.kit.app.WorkerApp;
import dev.relpromo.kit.work.TaskHandler;
import java.util.Map;

/** The beetmover worker: publishes into the candidates tree of the artifact store. */
public final class BeetmoverApp extends WorkerApp {
    @Override
    protected Service service() {
        return Service.BEETMOVER;
    }

    @Override
    protected Map<String, TaskHandler> handlers(ServiceContext context) {
        Map<String, TaskHandler> handlers = new java.util.HashMap<>(each(BeetmoverHandler.KINDS, new BeetmoverHandler()));
        handlers.putAll(each(ReleaseChecksumsBeetmoverHandler.KINDS, new ReleaseChecksumsBeetmoverHandler()));
        return handlers;
    }
}
