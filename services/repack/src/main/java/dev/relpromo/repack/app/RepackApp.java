package dev.relpromo.repack.app;

import dev.relpromo.events.Service;
import dev.relpromo.kit.app.ServiceContext;
import dev.relpromo.kit.app.WorkerApp;
import dev.relpromo.kit.work.TaskHandler;
import dev.relpromo.repack.ArchiveLimits;
import dev.relpromo.repack.RepackHandler;
import java.util.Map;

/** The repack worker; archive limits from {@code RELPROMO_ARCHIVE_MAX_BYTES} / {@code RELPROMO_ARCHIVE_MAX_ENTRIES}. */
public final class RepackApp extends WorkerApp {
    @Override
    protected Service service() {
        return Service.REPACK;
    }

    @Override
    protected Map<String, TaskHandler> handlers(ServiceContext context) {
        return each(RepackHandler.KINDS, new RepackHandler(ArchiveLimits.fromEnvironment()));
    }
}
