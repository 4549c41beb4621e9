package dev.relpromo.kit.kafka;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How to reach Kafka: bootstrap servers plus any client settings (TLS/SASL for an existing cluster), and the
 * instance id that makes transactional ids unique per running instance.
 *
 * @param client extra client properties applied to every client ({@code security.protocol}, {@code sasl.*},
 *               {@code ssl.*}); never logged, since they may hold secrets
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> client, String instanceId,
                            short replicationFactor) {

    public static KafkaSettings local(String bootstrapServers, String instanceId) {
        return new KafkaSettings(bootstrapServers, Map.of(), instanceId, (short) 1);
    }

    private Properties base() {
        Properties p = new Properties();
        p.putAll(client);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    public Admin admin() {
        return Admin.create(base());
    }

    /** A read_committed consumer without auto commit: offsets are committed inside producer transactions. */
    public KafkaConsumer<String, byte[]> consumer(String groupId, Map<String, Object> overrides) {
        Properties p = base();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + instanceId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.putAll(overrides);
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

    /** Streams-compatible properties (bootstrap plus client security settings). */
    public Properties streamsBase() {
        return base();
    }

    @Override
    public String toString() {
        // Client settings may hold credentials: show only their names.
        return "KafkaSettings[bootstrap=" + bootstrapServers + ", client settings=" + new TreeMap<>(client).keySet()
                + ", instance=" + instanceId + "]";
    }
}
