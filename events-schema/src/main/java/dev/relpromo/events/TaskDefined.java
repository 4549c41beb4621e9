package dev.relpromo.events;

import dev.relpromo.events.params.LegacyTaskParams;
import dev.relpromo.events.params.TaskParams;
import java.util.List;

/**
 * One node of a release phase's task graph, as the planner defines it. Keyed by release on the graph topic.
 *
 * @param params the parameters of the task's service (see {@link TaskParams}); parameters of events written
 *               before they were typed are converted on reading
 * @param plan   the plan this definition belongs to (see {@link GraphSealed}); null in v1 events and inside work
 *               items
 */
public record TaskDefined(
        String release,
        Phase phase,
        String taskId,
        String label,
        String kind,
        Service service,
        Platform platform,
        List<String> upstreams,
        TaskParams params,
        String plan) {

    public TaskDefined {
        if (params instanceof LegacyTaskParams legacy && service != null) {
            params = legacy.typedFor(service);
        }
        if (params != null && params.service() != null && params.service() != service) {
            throw new IllegalArgumentException("task " + taskId + " of service " + (service == null ? null : service.id())
                    + " carries params of type " + params.service().id());
        }
    }

    /** A definition outside any plan (v1 events, work items, tests). */
    public TaskDefined(String release, Phase phase, String taskId, String label, String kind, Service service,
                       Platform platform, List<String> upstreams, TaskParams params) {
        this(release, phase, taskId, label, kind, service, platform, upstreams, params, null);
    }

    public TaskDefined withPlan(String plan) {
        return new TaskDefined(release, phase, taskId, label, kind, service, platform, upstreams, params, plan);
    }

    /** The parameters as the type its service uses; a task whose params are of another type is a planner bug. */
    public <P extends TaskParams> P params(Class<P> type) {
        if (!type.isInstance(params)) {
            throw new IllegalStateException("task " + taskId + " (" + kind + ") has "
                    + (params == null ? "no params" : "params of type " + params.getClass().getSimpleName())
                    + ", expected " + type.getSimpleName());
        }
        return type.cast(params);
    }
}
