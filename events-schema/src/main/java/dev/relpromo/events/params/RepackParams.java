package dev.relpromo.events.params;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Service;

/**
 * A partner or EME-free repack.
 *
 * @param sourceLocale            the locale of the build the repack starts from: its own, or the source of a custom
 *                                locale ({@code locale.<custom>=<source>}); null is read as its own
 * @param partnerConfig           the content-addressed snapshot of the sub-config (repack.cfg, distribution/,
 *                                extensions/, a replacement setup.exe, the stub's partner.ini)
 * @param stubBouncerProduct      win32 with {@code repack_stub_installer}: also make {@code target-stub.zip}, whose
 *                                {@code partner.ini} names this bouncer product
 *                                ({@code partner-firefox-<release type>-<partner>-<sub>-latest}); null: no stub
 * @param replacementSetupExe     the sub-config's own {@code setup.exe} (a path inside the snapshot) to use instead
 *                                of the build's; only for single-locale sub-configs
 */
public record RepackParams(ReleaseRef release, RepackRef repack, String sourceLocale, Artifact partnerConfig,
                           boolean migrationWizardDisabled, String distributionId, String stubBouncerProduct,
                           String replacementSetupExe) implements TaskParams {
    @Override
    public Service service() {
        return Service.REPACK;
    }

    /** The locale of the build this repack starts from. */
    public String buildLocale() {
        return sourceLocale == null ? repack.locale() : sourceLocale;
    }
}
