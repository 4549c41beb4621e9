package dev.relpromo.kit.kafka;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which consumer group protocol a cluster supports, so that a member joining or leaving does not stop every other
 * member: KIP-848's {@code consumer} protocol (incremental, no group-wide barrier) when the cluster has finalized
 * {@code group.version} 1 or later, else the classic protocol with the cooperative sticky assignor. Asked once per
 * cluster and process.
 */
final class GroupProtocols {
    private static final Logger LOG = LoggerFactory.getLogger(GroupProtocols.class);

    /** Settings the {@code consumer} protocol moves to the broker; the consumer refuses them when set. */
    static final Set<String> CLASSIC_ONLY = Set.of(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG);

    private static final Map<String, GroupProtocol> BY_CLUSTER = new ConcurrentHashMap<>();

    private GroupProtocols() {
    }

    /**
     * Sets {@code group.protocol} (unless the client settings already choose one) and removes what that protocol
     * does not accept.
     */
    static void apply(Map<Object, Object> consumerProps, KafkaSettings kafka) {
        Object forced = kafka.client().get(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        GroupProtocol protocol = forced != null ? GroupProtocol.of(forced.toString()) : of(kafka);
        consumerProps.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol.name().toLowerCase(Locale.ROOT));
        if (protocol == GroupProtocol.CONSUMER) {
            CLASSIC_ONLY.forEach(consumerProps::remove);
        } else {
            consumerProps.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                    CooperativeStickyAssignor.class.getName());
        }
    }

    static GroupProtocol of(KafkaSettings kafka) {
        GroupProtocol known = BY_CLUSTER.get(kafka.bootstrapServers());
        if (known != null) {
            return known;
        }
        GroupProtocol probed;
        try (Admin admin = kafka.admin()) {
            FinalizedVersionRange group = admin.describeFeatures().featureMetadata().get(30, TimeUnit.SECONDS)
                    .finalizedFeatures().get("group.version");
            probed = group != null && group.maxVersionLevel() >= 1 ? GroupProtocol.CONSUMER : GroupProtocol.CLASSIC;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnsupportedVersionException)) {
                return unknown(kafka, e.getCause());
            }
            probed = GroupProtocol.CLASSIC; // a broker older than KIP-584 feature flags
        } catch (TimeoutException e) {
            return unknown(kafka, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown(kafka, e);
        }
        LOG.info("consumer groups on {} use the {} protocol", kafka.bootstrapServers(), probed);
        BY_CLUSTER.putIfAbsent(kafka.bootstrapServers(), probed);
        return probed;
    }

    /** Classic works on every broker; not remembered, so the next consumer asks again. */
    private static GroupProtocol unknown(KafkaSettings kafka, Throwable cause) {
        LOG.warn("cannot ask {} which group protocols it supports ({}); using the classic protocol",
                kafka.bootstrapServers(), cause.toString());
        return GroupProtocol.CLASSIC;
    }
}
