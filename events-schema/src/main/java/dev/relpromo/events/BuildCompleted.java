package dev.relpromo.events;

import java.util.List;

/**
 * An upstream signing task of the build (build-signing, l10n-signing) has completed. One event per signing task;
 * it names the platform, and per locale the signed artifacts and the complete-MAR metadata Balrog needs later.
 */
public record BuildCompleted(
        String release,
        Platform platform,
        String signingTask,
        List<LocaleBuild> locales) {

    public record LocaleBuild(String locale, List<Artifact> artifacts, MarMetadata completeMar) {
    }

    /** What a {@code balrog} submission needs about the complete MAR of one platform and locale. */
    public record MarMetadata(String url, String hashFunction, String hash, long size, String buildId,
                              String appVersion, String displayVersion, String buildTarget) {
    }
}
