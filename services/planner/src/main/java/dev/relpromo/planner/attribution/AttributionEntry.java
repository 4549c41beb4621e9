package dev.relpromo.planner.attribution;

import dev.relpromo.events.Platform;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One {@code configs[]} entry of {@code attribution_config.yml}: a campaign/content pair (the attribution counterpart
 * of partner/sub-config) to be stamped into the installers of some platforms and locales.
 *
 * @param campaign   a safe path component: it becomes a directory of the published path
 * @param content    a safe path component, likewise
 * @param locales    sorted, without duplicates
 * @param platforms  the build platforms (Windows or mac; mac is reported as not supported when jobs are expanded)
 * @param variation  optional, {@code null} when absent
 * @param experiment optional, {@code null} when absent
 * @param where      where the entry is, for messages: {@code configs[2]}
 * @param line       the entry's 1-based line in the file, or 0 for an inline config
 */
public record AttributionEntry(String campaign, String content, List<String> locales, Set<Platform> platforms,
                               String variation, String experiment, String where, int line) {

    public AttributionEntry {
        locales = List.copyOf(locales);
        platforms = platforms.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(platforms));
    }

    /** {@code campaign/content}, the key that must be unique within a config. */
    public String id() {
        return campaign + "/" + content;
    }
}
