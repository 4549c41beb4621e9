package dev.relpromo.planner.rules;

/**
 * The knobs of the default enablement rules (explicit request flags always win).
 *
 * @param product         the product (lower case) partner repacks and EME-free exist for
 * @param partnerMinMajor partner repacks start at this major version
 * @param partnerMinBeta  partner repacks run for betas from this beta number on. The default is 8 as in the gecko
 *                        docs; ShipIt has used 5 since 2021 — configure 5 to match it
 * @param emeFreeMinBeta  EME-free runs for betas from this beta number on
 */
public record EnablementThresholds(String product, int partnerMinMajor, int partnerMinBeta, int emeFreeMinBeta) {

    public static final EnablementThresholds DEFAULTS = new EnablementThresholds("firefox", 60, 8, 8);
}
