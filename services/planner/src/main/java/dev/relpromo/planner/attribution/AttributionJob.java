package dev.relpromo.planner.attribution;

import dev.relpromo.events.Platform;

/**
 * One installer to attribute: the signed regular installer of {@code platform} and {@code locale}, stamped with
 * {@code code}, stored at {@code storeKey} and published at {@code publishPath}.
 *
 * @param upstream    the signed installer the job reads
 * @param partnerPath {@code partner-repacks/<campaign>/<content>/v<N>/<ftp platform>/<locale>}, what beetmover's
 *                    {@code push-to-partner} takes as the upstream artifact's "locale"
 * @param publishPath {@code partnerPath} plus the pretty name, below the candidates build directory
 * @param storeKey    where the attributed installer is kept before it is published ({@link AttributionPaths#storeKey})
 */
public record AttributionJob(String campaign, String content, Platform platform, String locale, AttributionCode code,
                             SignedInstaller upstream, String partnerPath, String publishPath, String storeKey) {

    /**
     * The release's own signed installer for one platform and locale (the real pipeline's
     * {@code repackage-signing-{platform}/opt} for en-US, {@code repackage-signing-l10n-{locale}-{platform}/opt}
     * otherwise).
     *
     * @param artifact {@code target.installer.exe} on Windows
     */
    public record SignedInstaller(Platform platform, String locale, String artifact) {
        /**
         * A label in the style of {@code build-signing-<build platform>-<locale>}, the external nodes the graph
         * already has; the kind catalogue has no such external kind yet, so the graph rules must add it.
         */
        public String label() {
            return "repackage-signing-" + platform.buildPlatform() + "-" + locale;
        }
    }

    /** {@code campaign/content/locale} on its platform: unique within a plan. */
    public String id() {
        return campaign + "/" + content + "/" + platform.buildPlatform() + "/" + locale;
    }
}
