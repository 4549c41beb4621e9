package dev.relpromo.planner.attribution;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * A parsed, valid partner attribution configuration ({@code attribution_config.yml} in the manifest repository, or the
 * {@code release-partner-attribution} part of an inline {@code release_partner_config}).
 *
 * @param file     where it came from, for messages (a pseudo path for an inline config)
 * @param defaults the medium and source every entry's code starts with
 * @param entries  the {@code configs[]} entries in file order; campaign/content pairs are unique. May be empty: a
 *                 manifest repository can keep the file between campaigns.
 */
public record AttributionConfig(Path file, Defaults defaults, List<AttributionEntry> entries) {

    public AttributionConfig {
        entries = List.copyOf(entries);
    }

    /** {@code defaults:} — both are required, because Firefox ignores a partner code without them. */
    public record Defaults(String medium, String source) {
    }

    /**
     * The entries whose campaign is in {@code campaigns}, as the real pipeline subsets attribution for
     * {@code release_partners}; all of them when {@code campaigns} is empty.
     */
    public AttributionConfig withCampaigns(Collection<String> campaigns) {
        if (campaigns.isEmpty()) {
            return this;
        }
        return new AttributionConfig(file, defaults,
                entries.stream().filter(e -> campaigns.contains(e.campaign())).toList());
    }
}
