package dev.relpromo.events.params;

import java.util.Objects;

/**
 * One {@code publish_to_releases} sub-config the push phase publishes, from the partner build it was last promoted in.
 *
 * @param partnerBuildNumber the {@code v<N>} below {@code partner-repacks/<partner>/<sub>/} to copy from (any N, not
 *                           only 1)
 */
public record PushPartner(String partner, String subConfig, int partnerBuildNumber) {
    public PushPartner {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(subConfig, "subConfig");
        if (partnerBuildNumber < 1) {
            throw new IllegalArgumentException("partner build number of " + partner + "/" + subConfig
                    + " must be 1 or more, not " + partnerBuildNumber);
        }
    }

    /** {@code partner/sub}, as in the real push payload's {@code partners} list. */
    public String id() {
        return partner + "/" + subConfig;
    }
}
