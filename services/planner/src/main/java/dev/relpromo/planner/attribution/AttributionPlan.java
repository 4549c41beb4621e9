package dev.relpromo.planner.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one attribution config gives for one release.
 *
 * @param jobs    sorted by campaign, content, build platform, locale
 * @param skipped sorted the same way (without the locale); what was asked for and will not be made, with the reason
 */
public record AttributionPlan(List<AttributionJob> jobs, List<SkippedAttribution> skipped) {

    public AttributionPlan {
        jobs = List.copyOf(jobs);
        skipped = List.copyOf(skipped);
    }

    /** The jobs per {@code campaign/content}, sorted: the architecture plans one attribution task per config entry. */
    public Map<String, List<AttributionJob>> jobsByEntry() {
        Map<String, List<AttributionJob>> byEntry = new TreeMap<>();
        jobs.forEach(j -> byEntry.computeIfAbsent(j.campaign() + "/" + j.content(), k -> new ArrayList<>())
                .add(j));
        byEntry.replaceAll((k, v) -> List.copyOf(v));
        return byEntry;
    }
}
