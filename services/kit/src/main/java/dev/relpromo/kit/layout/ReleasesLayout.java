package dev.relpromo.kit.layout;

import dev.relpromo.events.ReleaseName;
import dev.relpromo.events.kinds.ArtifactNames;
import dev.relpromo.kit.store.StoreKeys;

/**
 * Where the push phase publishes a release: {@code pub/<product>/releases/<version>/} for the build directory's
 * files (EME-free included) and {@code pub/<product>/releases/partners/<partner>/<sub>/<version>/} for each
 * {@code publish_to_releases} sub-config. Releases have no build number: one build of a version is pushed.
 */
public record ReleasesLayout(ReleaseName release) {

    public String releaseDir() {
        return "pub/" + release.productPath() + "/releases/" + release.version();
    }

    /** {@code releases/<version>/<relative>}, {@code relative} being the key's path below the candidates build dir. */
    public String destination(String relative) {
        return StoreKeys.join(releaseDir(), relative);
    }

    public String partnerDir(String partner, String subConfig) {
        return StoreKeys.join("pub/" + release.productPath() + "/releases/partners", partner, subConfig,
                release.version());
    }

    /** The push manifest of this build: {@code releng/push/<product>/<version>/build<N>/push.json}. */
    public String pushManifest() {
        return StoreKeys.join("releng/push", release.productPath(), release.version(), "build" + release.buildNumber(),
                ArtifactNames.PUSH_JSON);
    }
}
