package dev.relpromo.repackage;

import dev.relpromo.events.Platform;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.params.ReleaseRef;
import dev.relpromo.events.params.RepackRef;
import dev.relpromo.events.params.RepackageParams;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.store.KeyComponents;
import dev.relpromo.kit.store.StoreKeys;

/**
 * A repackage or attribution task's parameters, checked before any input is read: every value that becomes a
 * store-key component must be a plain path component (the rule of the repack module's requests), so a hostile or
 * broken parameter can neither address another key nor leave the store.
 *
 * @param title      the product's display name from the release name ({@code Firefox-135.0-build1} →
 *                   {@code Firefox}): the installer window's title
 * @param partner    the partner, or the campaign of an attribution
 * @param subConfig  the sub-config, or the content of an attribution
 * @param refId      the repack id as the params give it
 */
record RepackageRequest(String taskId, String kind, Platform platform, String path, String title, String product,
                        String version, int buildNumber, int partnerBuildNumber, String partner, String subConfig,
                        String locale, String refId, String attributionCode) {


    static RepackageRequest of(TaskDefined task) {
        String id = task.taskId();
        if (!(task.params() instanceof RepackageParams p) || p.release() == null || p.repack() == null) {
            throw new TaskFailureException("task " + id + " (" + task.kind()
                    + ") has no repackage params (release and repack)");
        }
        if (task.platform() == null) {
            throw new TaskFailureException("task " + id + " has no platform");
        }
        ReleaseRef release = p.release();
        RepackRef repack = p.repack();
        return new RepackageRequest(id, task.kind(), task.platform(), repack.path(),
                title(task),
                component(id, "product", release.product()),
                component(id, "version", release.version()),
                positive(id, "build_number", release.buildNumber()),
                positive(id, "partner_build_number", repack.partnerBuildNumber()),
                component(id, "partner", repack.partner()),
                component(id, "sub_config", repack.subConfig()),
                component(id, "locale", repack.locale()),
                repack.id(),
                p.attributionCode());
    }

    /**
     * Fails unless the params' repack id is {@code partner/sub_config/locale}: the mac chunk tasks name their
     * artifacts by that id, so a mismatch would pick another repack's bundle. (Attribution ids are the planner's
     * own and are not checked.)
     */
    RepackageRequest requireConsistentRepackId() {
        if (!refId.equals(repackId())) {
            throw new TaskFailureException("task " + taskId + " has repack id '" + refId + "', which is not"
                    + " partner/sub_config/locale ('" + repackId() + "')");
        }
        return this;
    }

    /** {@code partner/sub-config/locale}, the real pipeline's repack id. */
    String repackId() {
        return partner + "/" + subConfig + "/" + locale;
    }

    /**
     * {@code releng/partner/<product>/<version>/build<N>/v<partner build>/<partner>/<sub>/<ftp platform>/<locale>/<file>}:
     * the repack's own directory, so the installer sits beside the repack it was made from.
     */
    String repackageKey(String fileName) {
        return StoreKeys.join("releng", "partner", product, version, "build" + buildNumber, "v" + partnerBuildNumber,
                partner, subConfig, platform.ftpPlatform(), locale, fileName);
    }

    /**
     * {@code releng/partner/<product>/<version>/build<N>/attribution/v<N>/<campaign>/<content>/<ftp platform>/<locale>/<file>}:
     * {@code attribution} where repack keys have {@code v<N>}, so no campaign/content pair collides with a
     * partner/sub-config of the same name (the planner's {@code AttributionPaths} documents the layout).
     */
    String attributionKey(String fileName) {
        return StoreKeys.join("releng", "partner", product, version, "build" + buildNumber, "attribution",
                "v" + partnerBuildNumber, partner, subConfig, platform.ftpPlatform(), locale, fileName);
    }

    /** Names this task in log lines and messages: kind, platform and repack id. */
    String describe() {
        return kind + " " + platform.ftpPlatform() + " " + repackId();
    }

    private static String title(TaskDefined task) {
        try {
            return ReleaseName.parse(task.release()).product();
        } catch (IllegalArgumentException e) {
            throw new TaskFailureException("task " + task.taskId() + ": " + e.getMessage());
        }
    }

    private static String component(String taskId, String field, String value) {
        return KeyComponents.require("task " + taskId, field, value);
    }

    private static int positive(String taskId, String field, int value) {
        return KeyComponents.positive("task " + taskId, field, value);
    }
}
