package dev.relpromo.kit.app;

import dev.relpromo.events.Service;
import dev.relpromo.kit.work.TaskHandler;
import dev.relpromo.kit.work.Worker;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A worker service: a handler per task kind on the kit's worker loop. A service module only says which service it
 * is and which handlers it runs; concurrency comes from the {@code concurrency} setting
 * ({@code RELPROMO_CONCURRENCY}).
 */
public abstract class WorkerApp implements RelpromoService {

    protected abstract Service service();

    /** The handlers by kind, built from the service's settings. */
    protected abstract Map<String, TaskHandler> handlers(ServiceContext context) throws Exception;

    /** Work items run at once per instance when no setting says otherwise. */
    protected int defaultConcurrency() {
        return 1;
    }

    @Override
    public final String name() {
        return service().id();
    }

    @Override
    public RunningService start(ServiceContext context) throws Exception {
        int concurrency = context.settings().integer("concurrency", defaultConcurrency(), 1);
        Worker worker = new Worker(service(), handlers(context), context.store(), context.buildSources(),
                context.stateDir().resolve("work"), context.kafka(), Worker.RetryPolicy.DEFAULT, concurrency,
                context.pipeline());
        worker.start();
        return worker;
    }

    /** One handler for several kinds. */
    protected static Map<String, TaskHandler> each(Set<String> kinds, TaskHandler handler) {
        Map<String, TaskHandler> map = new HashMap<>();
        kinds.forEach(k -> map.put(k, handler));
        return map;
    }
}
