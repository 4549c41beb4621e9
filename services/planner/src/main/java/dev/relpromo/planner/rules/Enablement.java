package dev.relpromo.planner.rules;

import dev.relpromo.planner.config.RepackPath;

/** Whether each repack path runs for a release, and why (for logs, the report and error messages). */
public record Enablement(String releaseType, Decision partnerRepack, Decision emeFree) {

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
        return partnerRepack.enabled() || emeFree.enabled();
    }
}
