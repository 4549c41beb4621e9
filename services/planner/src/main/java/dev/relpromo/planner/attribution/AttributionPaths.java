package dev.relpromo.planner.attribution;

import dev.relpromo.events.Platform;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.events.kinds.ArtifactNames;
import dev.relpromo.kit.store.StoreKeys;

/**
 * Where attributed installers go: the contract paths in one place.
 *
 * <p>The published path is the real one ({@code partner-repacks/<campaign>/<content>/v<N>/<ftp platform>/<locale>},
 * which beetmover's {@code PARTNER_REPACK_REGEXES} accept). The store key differs from the reference's
 * {@code releng/partner/<campaign>/<content>/<ftp platform>/<locale>/target.installer.exe} on purpose: the real
 * artifact lives inside its task, so the task id scopes it; relpromo's store is shared by every release and respin.
 */
public final class AttributionPaths {
    private AttributionPaths() {
    }

    /** The store-key component that separates attribution outputs from partner repacks of the same release. */
    public static final String STORE_NAMESPACE = "attribution";

    /**
     * {@code partner-repacks/<campaign>/<content>/v<N>/<ftp platform>/<locale>}: the beetmover "locale" path below
     * {@code pub/<product>/candidates/<version>-candidates/build<B>/}.
     */
    public static String partnerPath(String campaign, String content, int partnerBuildNumber, Platform platform,
                                     String locale) {
        return String.join("/", "partner-repacks", campaign, content, "v" + partnerBuildNumber,
                platform.ftpPlatform(), locale);
    }

    /** The published (pretty) installer name: {@code Firefox Setup <version>.exe}. */
    public static String installerName(ReleaseName release) {
        return release.product() + " Setup " + release.version() + ".exe";
    }

    /**
     * {@code releng/partner/<product>/<version>/build<B>/attribution/v<N>/<campaign>/<content>/<ftp platform>/<locale>/}
     * {@code target.installer.exe}.
     *
     * <ul>
     *   <li>Release and build number come first, as in repack keys ({@code releng/partner/<product>/<version>/
     *       build<B>/v<N>/<partner>/<sub>/...}), because the store outlives one release.</li>
     *   <li>{@code attribution} sits where repack keys have {@code v<N>}, so no campaign/content pair can collide with a
     *       partner/sub-config of the same name, and one prefix lists a release's attributed builds.</li>
     *   <li>{@code v<N>} (the partner build number) follows, so a respin as v2 writes new keys and never replaces the
     *       v1 objects a published release may still point at; the reference's tail follows unchanged.</li>
     * </ul>
     */
    public static String storeKey(ReleaseName release, int partnerBuildNumber, String campaign, String content,
                                  Platform platform, String locale) {
        return StoreKeys.join("releng", "partner", release.productPath(), release.version(),
                "build" + release.buildNumber(), STORE_NAMESPACE, "v" + partnerBuildNumber, campaign, content,
                platform.ftpPlatform(), locale, ArtifactNames.TARGET_INSTALLER_EXE);
    }
}
