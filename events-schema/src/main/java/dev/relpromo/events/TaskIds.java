package dev.relpromo.events;

import dev.relpromo.events.kinds.Kinds;

/**
 * Deterministic task ids. An id is {@code <release>/<label>}: readable in tools, unique per release because labels
 * are, and identical when a phase is planned again, so re-planning is idempotent.
 */
public final class TaskIds {
    private TaskIds() {
    }

    /** {@link Kinds#BUILD_SIGNING}'s name. */
    public static final String EXTERNAL_SIGNING_KIND = Kinds.BUILD_SIGNING.name();

    public static String of(String release, String label) {
        return release + "/" + label;
    }

    /** The release a task id belongs to. */
    public static String releaseOf(String taskId) {
        int slash = taskId.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("task id '" + taskId + "' has no release prefix");
        }
        return taskId.substring(0, slash);
    }

    /** Label of the external node that a build-completed event completes for one platform and locale. */
    public static String buildSigningLabel(Platform platform, String locale) {
        return EXTERNAL_SIGNING_KIND + "-" + platform.buildPlatform() + "-" + locale;
    }

    public static String buildSigning(String release, Platform platform, String locale) {
        return of(release, buildSigningLabel(platform, locale));
    }
}
