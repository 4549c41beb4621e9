package dev.relpromo.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A request to run one phase of a release, with the release-promotion action's parameters. Flags left null take
 * the enablement rules' defaults; booleans are real booleans (the real pipeline's string booleans are a known bug).
 *
 * @param releasePartnerConfig an inline partner configuration, shaped like the real {@code release_partner_config}
 *                             parameter; when present it chooses sub-configs, locales and platforms instead of the
 *                             {@code repack.cfg} files (the files under {@code distribution/} still come from the source)
 * @param releasePartners      a subset of partners (all when null or empty)
 * @param releaseEta           ISO-8601 ship time for the ship phase (null: five minutes after scheduling)
 * @param releaseEnablePartnerAttribution partner attribution on or off (null: with partner repacks, never for ESR);
 *                             since v2
 */
public record PromotionRequested(
        String release,
        Phase phase,
        String releaseType,
        Boolean releaseEnableEmefree,
        Boolean releaseEnablePartnerRepack,
        JsonNode releasePartnerConfig,
        Integer releasePartnerBuildNumber,
        List<String> releasePartners,
        String releaseEta,
        String requestedBy,
        Boolean releaseEnablePartnerAttribution) {

    /** A request without the attribution flag (v1 of the event): attribution follows the default rule. */
    public PromotionRequested(String release, Phase phase, String releaseType, Boolean releaseEnableEmefree,
                              Boolean releaseEnablePartnerRepack, JsonNode releasePartnerConfig,
                              Integer releasePartnerBuildNumber, List<String> releasePartners, String releaseEta,
                              String requestedBy) {
        this(release, phase, releaseType, releaseEnableEmefree, releaseEnablePartnerRepack, releasePartnerConfig,
                releasePartnerBuildNumber, releasePartners, releaseEta, requestedBy, null);
    }

    public int partnerBuildNumber() {
        return releasePartnerBuildNumber == null ? 1 : releasePartnerBuildNumber;
    }
}
