package dev.relpromo.beetmover;

import dev.relpromo.events.ReleaseName;
import dev.relpromo.events.kinds.ArtifactNames;
import dev.relpromo.kit.store.StoreKeys;

/**
 * Where a release's candidates live in the public tree: {@code pub/<product>/candidates/<version>-candidates/build<N>/}.
 * The push phase later copies from here to {@code pub/<product>/releases/<version>/}.
 */
public record CandidatesLayout(ReleaseName release) {

    public String buildDir() {
        return "pub/" + release.productPath() + "/candidates/" + release.version() + "-candidates/build"
                + release.buildNumber();
    }

    /** {@code <build dir>/<partner path>/<pretty name>}. */
    public String destination(PartnerPath partnerPath, String prettyName) {
        return StoreKeys.join(buildDir(), partnerPath.resolve(prettyName));
    }

    /** The public key that verifies the build's {@code .asc} signatures, at the top of the build directory. */
    public String publicKey() {
        return StoreKeys.join(buildDir(), ArtifactNames.KEY);
    }
}
