package dev.relpromo.events.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the catalogue's topics that do not exist yet, with the configured replication, after checking that the
 * existing ones match the catalogue. Safe to run at every start-up, from every instance.
 */
public final class TopicProvisioner {
    private final Admin admin;
    private final Replication replication;

    public TopicProvisioner(Admin admin, Replication replication) {
        this.admin = admin;
        this.replication = replication;
    }

    /** A provisioner for tests and tools on a broker whose min.insync.replicas may be 1. */
    public TopicProvisioner(Admin admin, short replicationFactor) {
        this(admin, new Replication(replicationFactor, (short) 1));
    }

    /**
     * Creates missing topics; returns the names it created.
     *
     * @throws TopicMismatchException if an existing topic's partition count or cleanup policy differs from the
     *                                catalogue (nothing is created then)
     */
    private static final Duration VISIBLE_TIMEOUT = Duration.ofSeconds(30);

    public List<String> provision(Collection<TopicSpec> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<TopicSpec> present = topics.stream().filter(t -> existing.contains(t.name())).collect(Collectors.toList());
            List<String> mismatches = mismatches(present);
            if (!mismatches.isEmpty()) {
                throw new TopicMismatchException(mismatches);
            }
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name()))
                    .map(this::newTopic).collect(Collectors.toList());
            if (missing.isEmpty()) {
                return List.of();
            }
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                // Another instance may have created some of them in the meantime.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            List<String> created = missing.stream().map(NewTopic::name).collect(Collectors.toList());
            awaitVisible(created);
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Waits until the broker that answers describes every new topic: creation returns when the controller has the
     * topics, before every broker's metadata does, and a client that uses a topic at once would see it unknown.
     */
    private void awaitVisible(List<String> names) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + VISIBLE_TIMEOUT.toNanos();
        while (true) {
            try {
                admin.describeTopics(names).allTopicNames().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    public List<String> provisionAll() {
        return provision(Topics.all());
    }

    private NewTopic newTopic(TopicSpec spec) {
        Map<String, String> configs = new TreeMap<>(spec.configs());
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Short.toString(replication.minInsyncReplicas()));
        return new NewTopic(spec.name(), spec.partitions(), replication.factor()).configs(configs);
    }

    /** One line per existing topic whose partition count or cleanup policy differs from its spec, in catalogue order. */
    private List<String> mismatches(List<TopicSpec> present) throws InterruptedException, ExecutionException {
        if (present.isEmpty()) {
            return List.of();
        }
        List<String> names = present.stream().map(TopicSpec::name).collect(Collectors.toList());
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
        Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).collect(Collectors.toList())).all().get();
        List<String> lines = new ArrayList<>();
        for (TopicSpec spec : present) {
            List<String> differences = new ArrayList<>();
            int partitions = descriptions.get(spec.name()).partitions().size();
            if (partitions != spec.partitions()) {
                differences.add("partitions expected " + spec.partitions() + ", actual " + partitions);
            }
            String expectedPolicy = spec.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG);
            ConfigEntry actualPolicy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()))
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG);
            String actual = actualPolicy == null || actualPolicy.value() == null ? "" : actualPolicy.value();
            if (!policies(expectedPolicy).equals(policies(actual))) {
                differences.add(TopicConfig.CLEANUP_POLICY_CONFIG + " expected " + expectedPolicy + ", actual "
                        + (actual.isEmpty() ? "(none)" : actual));
            }
            if (!differences.isEmpty()) {
                lines.add(spec.name() + ": " + String.join("; ", differences));
            }
        }
        return lines;
    }

    /** "compact,delete" and "delete, compact" are the same policy. */
    private static Set<String> policies(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
