package dev.relpromo.repack;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Platform;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.params.ReleaseRef;
import dev.relpromo.events.params.RepackParams;
import dev.relpromo.events.params.RepackRef;
import dev.relpromo.kit.store.KeyComponents;
import dev.relpromo.kit.store.StoreKeys;
import dev.relpromo.kit.failure.TaskFailureException;

/**
 * A repack task's parameters, checked: every value that becomes a store-key component must be a plain path
 * component, so a hostile or broken parameter can neither address another key nor leave the store.
 */
record RepackRequest(String taskId, Platform platform, String product, String version, int buildNumber,
                     int partnerBuildNumber, String partner, String subConfig, String locale, String sourceLocale,
                     boolean migrationWizardDisabled, Artifact partnerConfig, String stubBouncerProduct,
                     String replacementSetupExe) {


    static RepackRequest of(TaskDefined task) {
        String id = task.taskId();
        if (!(task.params() instanceof RepackParams p) || p.release() == null || p.repack() == null) {
            throw new TaskFailureException("repack task " + id + " has no repack params (release and repack)");
        }
        if (task.platform() == null) {
            throw new TaskFailureException("repack task " + id + " has no platform");
        }
        if (p.partnerConfig() == null) {
            throw new TaskFailureException("repack task " + id + " has no partner_config (the sub-config snapshot)");
        }
        ReleaseRef release = p.release();
        RepackRef repack = p.repack();
        String locale = component(id, "locale", repack.locale());
        return new RepackRequest(id, task.platform(),
                component(id, "product", release.product()),
                component(id, "version", release.version()),
                positive(id, "build_number", release.buildNumber()),
                positive(id, "partner_build_number", repack.partnerBuildNumber()),
                component(id, "partner", repack.partner()),
                component(id, "sub_config", repack.subConfig()),
                locale,
                p.sourceLocale() == null ? locale : component(id, "source_locale", p.sourceLocale()),
                p.migrationWizardDisabled(),
                p.partnerConfig(),
                p.stubBouncerProduct() == null ? null : component(id, "stub_bouncer_product", p.stubBouncerProduct()),
                p.replacementSetupExe());
    }

    /** {@code partner/sub-config/locale}, the real pipeline's repack id. */
    String repackId() {
        return partner + "/" + subConfig + "/" + locale;
    }

    Customisation customisation() {
        return new Customisation(locale, sourceLocale, migrationWizardDisabled);
    }

    /**
     * {@code releng/partner/<product>/<version>/build<N>/v<partner build>/<partner>/<sub>/<ftp platform>/<locale>/<file>}:
     * deterministic, so a rerun replaces the same object with the same bytes.
     */
    String storeKey(String fileName) {
        return StoreKeys.join("releng", "partner", product, version, "build" + buildNumber, "v" + partnerBuildNumber,
                partner, subConfig, platform.ftpPlatform(), locale, fileName);
    }

    private static String component(String taskId, String field, String value) {
        return KeyComponents.require("repack task " + taskId, field, value);
    }

    private static int positive(String taskId, String field, int value) {
        return KeyComponents.positive("repack task " + taskId, field, value);
    }
}
