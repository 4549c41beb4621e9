package dev.relpromo.planner.promotion;

import java.util.List;

/**
 * What one promote plan used, stored write-once next to the release so later phases (push, days later, from another
 * process and another Kafka log) read it instead of the partner configuration, which may have changed since.
 *
 * @param releasePartners the request's partner subset (empty: all)
 * @param subConfigs      every sub-config that produced repacks, sorted by path, partner and name
 */
public record PromoteRecord(String release, int partnerBuildNumber, List<String> releasePartners, String plan,
                            String configHash, List<UsedSubConfig> subConfigs) {

    public PromoteRecord {
        releasePartners = List.copyOf(releasePartners);
        subConfigs = List.copyOf(subConfigs);
    }

    /**
     * One sub-config as the promote used it.
     *
     * @param path           {@code partner} or {@code eme-free}
     * @param snapshotKey    the content-addressed snapshot of its directory in the artifact store
     * @param platforms      build platforms ({@code linux64-shippable}), sorted
     */
    public record UsedSubConfig(String partner, String subConfig, String path, String snapshotKey,
                                String snapshotSha512, List<String> platforms, List<String> locales,
                                boolean publishToReleases, boolean uploadToCandidates) {
        public UsedSubConfig {
            platforms = List.copyOf(platforms);
            locales = List.copyOf(locales);
        }

        public String id() {
            return partner + "/" + subConfig;
        }
    }
}
