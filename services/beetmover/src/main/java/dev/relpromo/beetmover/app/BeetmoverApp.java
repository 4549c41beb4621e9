package dev.relpromo.beetmover.app;

import dev.relpromo.beetmover.BeetmoverHandler;
import dev.relpromo.beetmover.PushToReleasesHandler;
import dev.relpromo.beetmover.ScopeCheck;
import dev.relpromo.beetmover.ReleaseChecksumsBeetmoverHandler;
import dev.relpromo.events.Service;
import dev.relpromo.events.kinds.BeetmoverScopes;
import dev.relpromo.kit.app.ServiceContext;
import dev.relpromo.kit.app.Settings;
import dev.relpromo.kit.app.WorkerApp;
import dev.relpromo.kit.work.TaskHandler;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The beetmover worker: publishes into the candidates tree of the artifact store, and pushes candidates to releases.
 * Every handler runs behind the {@link ScopeCheck}; settings {@code scope-prefix} (default
 * {@code project:releng:beetmover:}) and {@code buckets} (comma-separated, default {@code release,dep,nightly}).
 */
public final class BeetmoverApp extends WorkerApp {
    @Override
    protected Service service() {
        return Service.BEETMOVER;
    }

    @Override
    protected Map<String, TaskHandler> handlers(ServiceContext context) {
        ScopeCheck scopes = scopeCheck(context.settings());
        Map<String, TaskHandler> handlers = new HashMap<>();
        handlers.putAll(each(BeetmoverHandler.KINDS, new BeetmoverHandler()));
        handlers.putAll(each(PushToReleasesHandler.KINDS, new PushToReleasesHandler()));
        handlers.putAll(each(ReleaseChecksumsBeetmoverHandler.KINDS, new ReleaseChecksumsBeetmoverHandler()));
        // the scope check runs before every handler, so a handler added here gets it without doing anything
        handlers.replaceAll((kind, handler) -> (item, taskContext) -> {
            scopes.check(item.task());
            return handler.handle(item, taskContext);
        });
        return handlers;
    }

    static ScopeCheck scopeCheck(Settings settings) {
        String prefix = settings.string("scope-prefix").filter(s -> !s.isBlank())
                .orElse(BeetmoverScopes.DEFAULT_PREFIX);
        Set<String> buckets = settings.string("buckets").filter(s -> !s.isBlank())
                .map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(b -> !b.isEmpty())
                        .collect(Collectors.toSet()))
                .orElse(Set.copyOf(BeetmoverScopes.DEFAULT_BUCKETS));
        return new ScopeCheck(prefix, buckets);
    }
}
