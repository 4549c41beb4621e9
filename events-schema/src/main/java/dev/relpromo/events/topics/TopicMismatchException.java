package dev.relpromo.events.topics;

import java.util.List;

/**
 * Existing topics that differ from the catalogue in partition count or cleanup policy. Running on them would break
 * key ordering (records of one release on two partitions) or lose data (compaction of an event log, deletion of
 * latest states), so the process refuses to start; the message lists every such topic, one per line.
 */
public final class TopicMismatchException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final List<String> mismatches;

    public TopicMismatchException(List<String> mismatches) {
        super("existing topics differ from the topic catalogue; refusing to start:\n  " + String.join("\n  ", mismatches)
                + "\nRecreate these topics with the catalogue's settings (or migrate their data to new ones), then start again.");
        this.mismatches = List.copyOf(mismatches);
    }

    /** One line per topic: {@code name: partitions expected 6, actual 3; cleanup.policy expected compact, actual delete}. */
    public List<String> mismatches() {
        return mismatches;
    }
}
