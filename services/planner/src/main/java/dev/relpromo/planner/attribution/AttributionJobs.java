package dev.relpromo.planner.attribution;

import dev.relpromo.events.Platform;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.events.kinds.ArtifactNames;
import dev.relpromo.planner.InvalidRequestException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Expands an attribution config into jobs: one per entry × platform × locale that the release has a signed installer
 * for. What cannot be made — mac (not supported yet), or a platform or locale the release did not build — is
 * returned as {@link SkippedAttribution}, never dropped. The result depends only on the inputs' contents, not their
 * order, so planning the same release twice gives the same tasks.
 */
public final class AttributionJobs {
    private AttributionJobs() {
    }

    /** Firefox is the only product with partner attribution (ShipIt enables it for firefox only). */
    private static final String PRODUCT = "firefox";
    private static final Comparator<AttributionEntry> ENTRY_ORDER =
            Comparator.comparing(AttributionEntry::campaign).thenComparing(AttributionEntry::content);
    private static final Comparator<Platform> PLATFORM_ORDER = Comparator.comparing(Platform::buildPlatform);

    /** {@link #expand(AttributionConfig, ReleaseName, int, Map)} for partner build 1 ({@code v1}). */
    public static AttributionPlan expand(AttributionConfig config, ReleaseName release,
                                         Map<Platform, ? extends Collection<String>> signedInstallers) {
        return expand(config, release, 1, signedInstallers);
    }

    /**
     * @param partnerBuildNumber {@code release_partner_build_number}, ≥ 1: the {@code v<N>} of paths and keys
     * @param signedInstallers   the locales the release has a signed regular installer for, per platform
     * @throws InvalidRequestException for a product other than Firefox or a partner build number below 1
     */
    public static AttributionPlan expand(AttributionConfig config, ReleaseName release, int partnerBuildNumber,
                                         Map<Platform, ? extends Collection<String>> signedInstallers) {
        if (!PRODUCT.equals(release.product().toLowerCase(Locale.ROOT))) {
            throw new InvalidRequestException("partner attribution exists for Firefox only, not " + release.product());
        }
        if (partnerBuildNumber < 1) {
            throw new InvalidRequestException("the partner build number must be at least 1, not " + partnerBuildNumber);
        }
        List<AttributionJob> jobs = new ArrayList<>();
        List<SkippedAttribution> skipped = new ArrayList<>();
        for (AttributionEntry entry : config.entries().stream().sorted(ENTRY_ORDER).toList()) {
            AttributionCode code = AttributionCode.of(config.defaults(), entry);
            for (Platform platform : entry.platforms().stream().sorted(PLATFORM_ORDER).toList()) {
                List<String> locales = entry.locales().stream().sorted().toList();
                Collection<String> given = signedInstallers.get(platform);
                Set<String> built = given == null ? Set.of() : Set.copyOf(given);
                if (platform.isMac()) {
                    skipped.add(skip(entry, platform, locales, SkippedAttribution.Reason.MAC_NOT_SUPPORTED));
                } else if (built.isEmpty()) {
                    skipped.add(skip(entry, platform, locales, SkippedAttribution.Reason.PLATFORM_NOT_BUILT));
                } else {
                    List<String> missing = locales.stream().filter(l -> !built.contains(l)).toList();
                    locales.stream().filter(built::contains).forEach(locale ->
                            jobs.add(job(entry, code, release, partnerBuildNumber, platform, locale)));
                    if (!missing.isEmpty()) {
                        skipped.add(skip(entry, platform, missing, SkippedAttribution.Reason.LOCALES_NOT_BUILT));
                    }
                }
            }
        }
        return new AttributionPlan(jobs, skipped);
    }

    private static AttributionJob job(AttributionEntry entry, AttributionCode code, ReleaseName release,
                                      int partnerBuildNumber, Platform platform, String locale) {
        String partnerPath = AttributionPaths.partnerPath(entry.campaign(), entry.content(), partnerBuildNumber,
                platform, locale);
        return new AttributionJob(entry.campaign(), entry.content(), platform, locale, code,
                new AttributionJob.SignedInstaller(platform, locale, ArtifactNames.TARGET_INSTALLER_EXE),
                partnerPath, partnerPath + "/" + AttributionPaths.installerName(release),
                AttributionPaths.storeKey(release, partnerBuildNumber, entry.campaign(), entry.content(), platform,
                        locale));
    }

    private static SkippedAttribution skip(AttributionEntry entry, Platform platform, List<String> locales,
                                           SkippedAttribution.Reason reason) {
        return new SkippedAttribution(entry.campaign(), entry.content(), platform, locales, reason);
    }
}
