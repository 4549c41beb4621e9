package dev.relpromo.repack;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Platform;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskParams;
import dev.relpromo.kit.store.StoreKeys;
import dev.relpromo.kit.failure.TaskFailureException;
import java.util.regex.Pattern;

/**
 * A repack task's parameters, checked: every value that becomes a store-key component must be a plain path
 * component, so a hostile or broken parameter can neither address another key nor leave the store.
 */
record RepackRequest(String taskId, Platform platform, String product, String version, int buildNumber,
                     int partnerBuildNumber, String partner, String subConfig, String locale, String sourceLocale,
                     boolean migrationWizardDisabled, Artifact partnerConfig) {

    private static final Pattern SAFE_COMPONENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");

    static RepackRequest of(TaskDefined task) {
        TaskParams p = task.params() == null ? TaskParams.empty() : task.params();
        String id = task.taskId();
        if (task.platform() == null) {
            throw new TaskFailureException("repack task " + id + " has no platform");
        }
        if (p.partnerConfig() == null) {
            throw new TaskFailureException("repack task " + id + " has no partner_config (the sub-config snapshot)");
        }
        String locale = component(id, "locale", p.locale());
        return new RepackRequest(id, task.platform(),
                component(id, "product", p.product()),
                component(id, "version", p.version()),
                positive(id, "build_number", p.buildNumber()),
                positive(id, "partner_build_number", p.partnerBuildNumber()),
                component(id, "partner", p.partner()),
                component(id, "sub_config", p.subConfig()),
                locale,
                p.sourceLocale() == null ? locale : component(id, "source_locale", p.sourceLocale()),
                Boolean.TRUE.equals(p.migrationWizardDisabled()),
                p.partnerConfig());
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
        if (value == null || value.isEmpty()) {
            throw new TaskFailureException("repack task " + taskId + " has no " + field);
        }
        if (!SAFE_COMPONENT.matcher(value).matches()) {
            throw new TaskFailureException("repack task " + taskId + " has " + field + " '" + value
                    + "', which is not a safe path component (letters, digits, '.', '_', '+', '-')");
        }
        return value;
    }

    private static int positive(String taskId, String field, Integer value) {
        if (value == null || value < 1) {
            throw new TaskFailureException("repack task " + taskId + " has no positive " + field + " (got " + value + ")");
        }
        return value;
    }
}
