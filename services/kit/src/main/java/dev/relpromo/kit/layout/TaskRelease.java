package dev.relpromo.kit.layout;

import dev.relpromo.events.ReleaseName;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.params.ReleaseRef;
import dev.relpromo.kit.failure.TaskFailureException;

/** The release a task works on; params that disagree with it are a planning bug. */
public final class TaskRelease {
    private TaskRelease() {
    }

    public static ReleaseName of(TaskDefined task) {
        ReleaseName release;
        try {
            release = ReleaseName.parse(task.release());
        } catch (IllegalArgumentException e) {
            throw new TaskFailureException(e.getMessage(), e);
        }
        ReleaseRef params = task.params() == null ? null : task.params().release();
        if (params != null && (!params.product().equalsIgnoreCase(release.product())
                || !params.version().equals(release.version()) || params.buildNumber() != release.buildNumber())) {
            throw new TaskFailureException("task " + task.taskId() + " has product/version/build "
                    + params.product() + "/" + params.version() + "/" + params.buildNumber()
                    + ", which does not match its release " + release);
        }
        return release;
    }
}
