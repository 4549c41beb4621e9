package dev.relpromo.beetmover;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.WorkItem;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.kit.work.TaskHandler;
import java.util.List;

/** Runs the scope check before a beetmover handler, so every handler registered through the app gets it. */
public record ScopedHandler(ScopeCheck scopes, TaskHandler handler) implements TaskHandler {
    @Override
    public List<Artifact> handle(WorkItem item, TaskContext context) throws Exception {
        scopes.check(item.task());
        return handler.handle(item, context);
    }
}
