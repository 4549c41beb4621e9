package dev.relpromo.events;

import java.util.List;

/**
 * What a task needs to know besides its upstream results. Every field is optional; which ones are set depends on
 * the kind (a repack has a repack id and the sub-config snapshot, a mac-signing chunk has repack ids, a beetmover
 * has the destination path).
 *
 * @param repackId         {@code partner/sub-config/locale}
 * @param repackIds        the sorted repack ids of a mac-signing chunk
 * @param sourceLocale     the build locale a custom locale ({@code locale.<custom>=<source>}) is made from
 * @param partnerPath      the destination below the candidates build directory, e.g.
 *                         {@code partner-repacks/acme/acme-1/v1/linux-x86_64/de} or {@code mac-EME-free/de}
 * @param partnerConfig    the content-addressed snapshot of the sub-config (repack.cfg, distribution/, extensions/)
 * @param repackPath       which repack stack: {@code partner} or {@code eme-free}
 */
public record TaskParams(
        String product,
        String version,
        Integer buildNumber,
        String repackPath,
        String repackId,
        List<String> repackIds,
        String partner,
        String subConfig,
        String locale,
        String sourceLocale,
        Integer partnerBuildNumber,
        String partnerPath,
        Artifact partnerConfig,
        Boolean migrationWizardDisabled,
        String distributionId) {

    public static TaskParams empty() {
        return new TaskParams(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
