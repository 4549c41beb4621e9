package dev.relpromo.kit.kafka;

import dev.relpromo.events.topics.Replication;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How to reach Kafka: bootstrap servers plus any client settings (TLS/SASL for an existing cluster), the instance
 * id that makes transactional ids unique per running instance, and how topics are replicated.
 *
 * @param client      extra client properties applied to every client ({@code security.protocol}, {@code sasl.*},
 *                    {@code ssl.*}); never logged, since they may hold secrets. A {@code group.protocol} here
 *                    overrides the detected one.
 * @param replication for the catalogue's topics and the Streams internal topics
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> client, String instanceId,
                            Replication replication) {
    /** StreamsConfig.TOPIC_PREFIX, without depending on kafka-streams here. */
    private static final String STREAMS_TOPIC_PREFIX = "topic.";

    /** Replication factor with min.insync.replicas 1; prefer the canonical constructor or {@link #withInstanceId}. */
    public KafkaSettings(String bootstrapServers, Map<String, String> client, String instanceId, short replicationFactor) {
        this(bootstrapServers, client, instanceId, new Replication(replicationFactor, (short) 1));
    }

    public static KafkaSettings local(String bootstrapServers, String instanceId) {
        return new KafkaSettings(bootstrapServers, Map.of(), instanceId, Replication.SINGLE_BROKER);
    }

    /** The same cluster and settings for another instance id (e.g. one per worker slot). */
    public KafkaSettings withInstanceId(String id) {
        return new KafkaSettings(bootstrapServers, client, id, replication);
    }

    public short replicationFactor() {
        return replication.factor();
    }

    private Properties base() {
        Properties p = new Properties();
        p.putAll(client);
        // Only for group consumers (see consumer()): Streams has a group.protocol of its own (classic|streams).
        p.remove(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    public Admin admin() {
        return Admin.create(base());
    }

    /**
     * A read_committed group consumer without auto commit: offsets are committed inside producer transactions.
     * Rebalances are cooperative (see {@link GroupProtocols}): a member joining or leaving does not stop the
     * others, and partitions are only taken away inside {@code poll()}, so a record in flight keeps its partition
     * until its transaction has committed (RebalanceInFlightIT).
     */
    public KafkaConsumer<String, byte[]> consumer(String groupId, Map<String, Object> overrides) {
        Properties p = base();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + instanceId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.putAll(overrides);
        GroupProtocols.apply(p, this);
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** A plain read_committed consumer with no group, for tools that assign partitions themselves. */
    public KafkaConsumer<String, byte[]> reader() {
        Properties p = base();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** A transactional producer whose id is unique to this instance and role. */
    public KafkaProducer<String, byte[]> transactionalProducer(String role) {
        Properties p = base();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "relpromo-" + role + "-" + instanceId);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "relpromo-" + role + "-" + instanceId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** An idempotent, non-transactional producer for operator tools (submitting builds and requests). */
    public KafkaProducer<String, byte[]> producer(String clientId) {
        Properties p = base();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Streams-compatible properties: bootstrap, client security settings, and min.insync.replicas for the internal
     * topics (the caller sets {@code replication.factor} from {@link #replicationFactor()}).
     */
    public Properties streamsBase() {
        Properties p = base();
        p.put(STREAMS_TOPIC_PREFIX + TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Short.toString(replication.minInsyncReplicas()));
        return p;
    }

    @Override
    public String toString() {
        // Client settings may hold credentials: show only their names.
        return "KafkaSettings[bootstrap=" + bootstrapServers + ", client settings=" + new TreeMap<>(client).keySet()
                + ", instance=" + instanceId + ", replication=" + replication.factor() + "/min ISR "
                + replication.minInsyncReplicas() + "]";
    }
}
