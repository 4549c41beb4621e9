package dev.relpromo.repackage.app;

import dev.relpromo.events.Service;
import dev.relpromo.kit.app.ServiceContext;
import dev.relpromo.kit.app.WorkerApp;
import dev.relpromo.kit.work.TaskHandler;
import dev.relpromo.repackage.AttributionHandler;
import dev.relpromo.repackage.RepackageHandler;
import dev.relpromo.repackage.mac.DiskImageBuilder;
import dev.relpromo.repackage.windows.WindowsInstaller;
import java.util.HashMap;
import java.util.Map;

/**
 * The repackage worker: Windows installers, mac disk images and partner attribution, with the SFX stubs and 7z
 * settings of {@link RepackageSettings} (read when the service starts; a stub that cannot be read stops it).
 */
public final class RepackageApp extends WorkerApp {
    @Override
    protected Service service() {
        return Service.REPACKAGE;
    }

    @Override
    protected Map<String, TaskHandler> handlers(ServiceContext context) {
        RepackageSettings settings = RepackageSettings.from(context.settings());
        Map<String, TaskHandler> handlers = new HashMap<>(each(RepackageHandler.KINDS, new RepackageHandler(
                new WindowsInstaller(settings.sevenZip()), new DiskImageBuilder(), settings.sfxStubs())));
        handlers.putAll(each(AttributionHandler.KINDS, new AttributionHandler()));
        return handlers;
    }
}
