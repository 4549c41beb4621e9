package dev.relpromo.events.topics;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * A topic in the catalogue: name, partitions, cleanup policy and retention, and what its key is.
 *
 * @param retention null for compacted topics (kept forever per key)
 */
public record TopicSpec(String name, int partitions, boolean compacted, Duration retention, String key,
                        String description) {

    public Map<String, String> configs() {
        Map<String, String> c = new TreeMap<>();
        c.put("cleanup.policy", compacted ? "compact" : "delete");
        if (retention != null) {
            c.put("retention.ms", Long.toString(retention.toMillis()));
        }
        return c;
    }
}
