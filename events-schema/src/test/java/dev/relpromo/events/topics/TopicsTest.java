package dev.relpromo.events.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.Service;
import org.junit.jupiter.api.Test;

class TopicsTest {
    @Test
    void catalogueHasOneEntryPerTopicWithSaneSettings() {
        assertThat(Topics.all()).extracting(TopicSpec::name).doesNotHaveDuplicates()
                .contains("relpromo.builds", "relpromo.promotions", "relpromo.graph.tasks", "relpromo.status",
                        "relpromo.phase-events", "relpromo.work.repack", "relpromo.results.beetmover", "relpromo.dlq.signing");
        assertThat(Topics.STATUS.configs()).containsEntry("cleanup.policy", "compact").doesNotContainKey("retention.ms");
        assertThat(Topics.work(Service.REPACK).configs()).containsEntry("cleanup.policy", "delete").containsKey("retention.ms");
        assertThat(Topics.all()).allSatisfy(t -> assertThat(t.partitions()).isPositive());
    }

    @Test
    void rerunsAreCoPartitionedWithTheGraphDefinitions() {
        assertThat(Topics.RERUNS.name()).isEqualTo("relpromo.reruns");
        assertThat(Topics.RERUNS.partitions()).isEqualTo(Topics.GRAPH_TASKS.partitions());
        assertThat(Topics.RERUNS.key()).isEqualTo(Topics.GRAPH_TASKS.key()).isEqualTo("release");
        assertThat(Topics.all()).contains(Topics.RERUNS);
    }
}
