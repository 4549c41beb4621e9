package dev.relpromo.planner.rules;

import dev.relpromo.events.PromotionRequested;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.planner.InvalidRequestException;
import dev.relpromo.planner.rules.Enablement.Decision;
import java.util.List;

/**
 * Decides which repack paths run (ShipIt's {@code is_partner_repacks_enabled} / {@code is_eme_free_enabled}):
 * partner repacks for Firefox ≥ 60 betas from b8, releases, release candidates and ESR; EME-free for betas from
 * b8, releases and release candidates, never ESR; partner attribution with partner repacks but never for ESR
 * ({@code is_partner_attribution_enabled}, bug 1966417). Explicit request flags override the defaults.
 */
public final class EnablementRules {
    public static final List<String> RELEASE_TYPES = List.of("beta", "release", "release-rc", "esr");

    private final EnablementThresholds thresholds;

    public EnablementRules(EnablementThresholds thresholds) {
        this.thresholds = thresholds;
    }

    public Enablement decide(PromotionRequested request, ReleaseName release) {
        Enablement e = decide(release, request.releaseType(), request.releaseEnablePartnerRepack(),
                request.releaseEnableEmefree(), request.partnerBuildNumber());
        Boolean attribution = request.releaseEnablePartnerAttribution();
        return attribution == null ? e : new Enablement(e.releaseType(), e.partnerRepack(), e.emeFree(),
                new Decision(attribution, true, "release_enable_partner_attribution=" + attribution));
    }

    /** {@code is_partner_attribution_enabled}: the partner repack rule, and never ESR. */
    static Decision attributionDefault(String releaseType, Decision partnerRepack) {
        if ("esr".equals(releaseType)) {
            return new Decision(false, false, "partner attribution is never built for ESR");
        }
        return new Decision(partnerRepack.enabled(), false, "as partner repacks: " + partnerRepack.reason());
    }

    /** The defaults alone: what a first build of {@code release} would get. */
    public Enablement defaults(ReleaseName release) {
        return decide(release, null, null, null, 1);
    }

    public Enablement decide(ReleaseName release, String requestedType, Boolean partnerRepack, Boolean emeFree,
                             int partnerBuildNumber) {
        String type = requestedType != null ? requestedType : release.impliedReleaseType();
        if (!RELEASE_TYPES.contains(type)) {
            throw new InvalidRequestException("release_type '" + type + "' is not one of " + String.join(", ", RELEASE_TYPES));
        }
        return new Enablement(type,
                partnerRepack != null
                        ? new Decision(partnerRepack, true, "release_enable_partner_repack=" + partnerRepack)
                        : partnerDefault(release, type),
                emeFree != null
                        ? new Decision(emeFree, true, "release_enable_emefree=" + emeFree)
                        : emeFreeDefault(release, type, partnerBuildNumber));
    }

    private Decision partnerDefault(ReleaseName release, String type) {
        if (!isProduct(release)) {
            return off("partner repacks are built for " + thresholds.product() + " only");
        }
        if (release.majorVersion() < thresholds.partnerMinMajor()) {
            return off("version " + release.version() + " is below " + thresholds.partnerMinMajor());
        }
        return betaOrRelease(release, type, thresholds.partnerMinBeta(), true);
    }

    private Decision emeFreeDefault(ReleaseName release, String type, int partnerBuildNumber) {
        if (!isProduct(release)) {
            return off("EME-free is built for " + thresholds.product() + " only");
        }
        if (partnerBuildNumber > 1) {
            // a respin (v2 ...) rebuilds partner repacks; EME-free has no vN in its path and would collide with v1
            return off("partner respin v" + partnerBuildNumber + " does not rebuild EME-free");
        }
        return betaOrRelease(release, type, thresholds.emeFreeMinBeta(), false);
    }

    private static Decision betaOrRelease(ReleaseName release, String type, int minBeta, boolean esrAllowed) {
        return switch (type) {
            case "beta" -> release.betaNumber() >= minBeta
                    ? on("beta b" + release.betaNumber() + " is b" + minBeta + " or later")
                    : off(release.isBeta() ? "beta b" + release.betaNumber() + " is before b" + minBeta
                            : "release type beta but version " + release.version() + " is not a beta");
            case "esr" -> esrAllowed ? on("release type esr") : off("never built for ESR");
            default -> on("release type " + type);
        };
    }

    private boolean isProduct(ReleaseName release) {
        return release.productPath().equals(thresholds.product());
    }

    private static Decision on(String reason) {
        return new Decision(true, false, reason);
    }

    private static Decision off(String reason) {
        return new Decision(false, false, reason);
    }
}
