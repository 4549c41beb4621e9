package dev.relpromo.planner.rules;

import dev.relpromo.planner.config.RepackPath;

/**
 * Whether each repack path, and partner attribution, runs for a release, and why (for logs, the report and error
 * messages).
 */
public record Enablement(String releaseType, Decision partnerRepack, Decision emeFree, Decision attribution) {

    /** Attribution by the default rule: with partner repacks, except for ESR. */
    public Enablement(String releaseType, Decision partnerRepack, Decision emeFree) {
        this(releaseType, partnerRepack, emeFree, EnablementRules.attributionDefault(releaseType, partnerRepack));
    }

    /**
     * @param explicit the request set the flag; otherwise the default rules decided
     */
    public record Decision(boolean enabled, boolean explicit, String reason) {
    }

    public Decision decision(RepackPath path) {
        return path == RepackPath.PARTNER ? partnerRepack : emeFree;
    }

    public boolean enabled(RepackPath path) {
        return decision(path).enabled();
    }

    public boolean any() {
        return partnerRepack.enabled() || emeFree.enabled() || attribution.enabled();
    }
}
