package dev.relpromo.kit.layout;

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

    /**
     * The intermediate (non-public) copy of a beetmover's {@code target.checksums} manifest for the files it published
     * below {@code partnerPath}: the EME-free beetmover-checksums publishes it as {@code .checksums.beet}, and
     * release-generate-checksums reads every one of them from here (its work item does not carry them).
     */
    public String beetmoverChecksums(PartnerPath partnerPath) {
        return StoreKeys.join(beetmoverChecksumsDir(), partnerPath.value(), ArtifactNames.TARGET_CHECKSUMS);
    }

    /** Where every beetmover manifest of this release lives: {@code releng/beetmover/<product>/<version>/build<N>}. */
    public String beetmoverChecksumsDir() {
        return StoreKeys.join("releng/beetmover", release.productPath(), release.version(),
                "build" + release.buildNumber());
    }

    /** The public key that verifies the build's {@code .asc} signatures, at the top of the build directory. */
    public String publicKey() {
        return StoreKeys.join(buildDir(), ArtifactNames.KEY);
    }
}
