package dev.relpromo.graph;

import dev.relpromo.events.Service;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.topics.Topics;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The graph topology. Every store, repartition and changelog topic has an explicit, stable name (enforced by a
 * test with {@code ensure.explicit.internal.resource.naming=true}), so deployments can change the topology without
 * orphaning state.
 */
public final class GraphTopology {
    private GraphTopology() {
    }

    public static final String APPLICATION_ID = "relpromo-graph";
    /** Task nodes keyed by task id ({@code <release>/<label>}). */
    public static final String TASKS_STORE = "graph-tasks";
    /** Phase progress keyed by {@code <release>/<phase>}. */
    public static final String PHASES_STORE = "graph-phases";
    /** Results arrive keyed by task id and are re-keyed by release through this repartition topic. */
    public static final String RESULTS_BY_RELEASE = "results-by-release";

    public static Topology build(StreamsBuilder builder) {
        Serde<String> keys = Serdes.String();
        Serde<byte[]> values = Serdes.ByteArray();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TASKS_STORE), keys,
                JsonSerde.of(TaskNode.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PHASES_STORE), keys,
                JsonSerde.of(PhaseState.class)));

        KStream<String, byte[]> definitions = builder.stream(Topics.GRAPH_TASKS.name(),
                Consumed.with(keys, values).withName("graph-tasks-source"));
        KStream<String, byte[]> builds = builder.stream(Topics.BUILDS.name(),
                Consumed.with(keys, values).withName("builds-source"));
        KStream<String, byte[]> reruns = builder.stream(Topics.RERUNS.name(),
                Consumed.with(keys, values).withName("reruns-source"));
        List<String> resultTopics = Service.WORKERS.stream().map(s -> Topics.results(s).name()).toList();
        KStream<String, byte[]> results = builder.stream(resultTopics, Consumed.with(keys, values).withName("results-source"))
                .selectKey((taskId, value) -> releaseKey(taskId), Named.as("results-key-by-release"))
                .repartition(Repartitioned.with(keys, values).withName(RESULTS_BY_RELEASE)
                        .withNumberOfPartitions(Topics.GRAPH_TASKS.partitions()));

        Deserializer<Routed> noReads = (topic, bytes) -> {
            throw new UnsupportedOperationException("graph outputs are never read back");
        };
        definitions.merge(builds, Named.as("merge-builds"))
                .merge(reruns, Named.as("merge-reruns"))
                .merge(results, Named.as("merge-results"))
                .process(GraphProcessor::new, Named.as("graph-processor"), TASKS_STORE, PHASES_STORE)
                .to((key, routed, ctx) -> routed.topic(),
                        Produced.with(keys, Serdes.serdeFrom(Routed.VALUE_SERIALIZER, noReads)).withName("graph-outputs"));
        return builder.build();
    }

    /** The release of a task id; a key that is not a task id is kept so the processor can dead-letter it. */
    static String releaseKey(String taskId) {
        if (taskId == null) {
            return "";
        }
        try {
            return TaskIds.releaseOf(taskId);
        } catch (IllegalArgumentException e) {
            return taskId;
        }
    }
}
