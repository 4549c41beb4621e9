package dev.relpromo.kit.kafka;

import dev.relpromo.events.topics.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnreleasedInstanceIdException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's membership of its instance's liveness group {@code relpromo-instance-<instance id>}, held from
 * start-up to shutdown. Transactional ids are derived from the instance id, so a second process with the same id
 * would silently fence the first one's producers; instead it finds the first one's live member here and refuses
 * to start.
 *
 * <p>Members are static ({@code group.instance.id} = the instance id): under the {@code consumer} protocol the
 * broker itself rejects a second live member with the same instance id, which settles two processes starting at
 * the same moment. A member left behind by a crashed earlier incarnation of the same data directory (its lingering
 * membership would otherwise block a restart until the session timeout) is removed before joining.
 */
public final class InstanceMembership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceMembership.class);
    public static final String GROUP_PREFIX = "relpromo-instance-";
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(10);

    private final String instanceId;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread keeper;
    private volatile boolean closing;
    private volatile boolean held = true;

    private InstanceMembership(String instanceId, KafkaConsumer<String, byte[]> consumer) {
        this.instanceId = instanceId;
        this.consumer = consumer;
        this.keeper = new Thread(this::keep, "relpromo-instance-membership");
        keeper.setDaemon(true);
    }

    static InstanceMembership join(KafkaSettings kafka, String incarnation, Collection<String> earlierIncarnations) {
        String group = GROUP_PREFIX + kafka.instanceId();
        long start = System.nanoTime();
        try (Admin admin = kafka.admin()) {
            List<String> ours = earlierIncarnations.stream().map(InstanceMembership::clientId).collect(Collectors.toList());
            for (MemberDescription m : members(admin, group)) {
                if (ours.contains(m.clientId()) && m.groupInstanceId().isPresent()) {
                    // Its process held our data directory's lock, which is ours now: it is dead.
                    LOG.info("removing {} from {}: left behind by an earlier start on this data directory", m.clientId(), group);
                    admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions(
                            List.of(new MemberToRemove(m.groupInstanceId().get())))).all().get(30, TimeUnit.SECONDS);
                } else {
                    throw conflict(kafka.instanceId(), group, m);
                }
            }
            KafkaConsumer<String, byte[]> consumer = kafka.consumer(group, Map.of(
                    ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, kafka.instanceId(),
                    ConsumerConfig.CLIENT_ID_CONFIG, clientId(incarnation)));
            try {
                awaitMembership(consumer);
            } catch (UnreleasedInstanceIdException | FencedInstanceIdException e) {
                // Another process joined between our look and our join.
                consumer.close(CloseOptions.timeout(Duration.ZERO));
                throw members(admin, group).stream().filter(m -> !m.clientId().equals(clientId(incarnation)))
                        .findFirst().map(m -> conflict(kafka.instanceId(), group, m))
                        .orElseGet(() -> new InstanceConflictException("instance id '" + kafka.instanceId()
                                + "' is already in use by another running process (" + e.getMessage() + ")"));
            } catch (RuntimeException e) {
                consumer.close(CloseOptions.timeout(Duration.ZERO));
                throw e;
            }
            InstanceMembership membership = new InstanceMembership(kafka.instanceId(), consumer);
            membership.keeper.start();
            LOG.info("instance id '{}' reserved: joined {} as {} in {} ms", kafka.instanceId(), group, clientId(incarnation),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            return membership;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining " + group, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot check consumer group " + group + " for another process with instance id '"
                    + kafka.instanceId() + "': " + cause.getMessage(), cause);
        }
    }

    /** The member's client id names the incarnation (to recognise our own leftovers) and the host (for operators). */
    static String clientId(String incarnation) {
        return GROUP_PREFIX + incarnation + "@" + InstanceLock.hostName();
    }

    private static Collection<MemberDescription> members(Admin admin, String group)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get(30, TimeUnit.SECONDS)
                    .members();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return List.of();
            }
            throw e;
        }
    }

    private static InstanceConflictException conflict(String instanceId, String group, MemberDescription m) {
        return new InstanceConflictException("instance id '" + instanceId + "' is already in use by another running "
                + "relpromo: consumer group " + group + " has the live member " + m.clientId() + " from host "
                + m.host() + ". Two processes with one instance id would fence each other's transactions: stop the "
                + "other process, or give this one its own --instance-id. If the other process has died, its "
                + "membership expires with the group session timeout (45 s by default); then start again.");
    }

    private static void awaitMembership(KafkaConsumer<String, byte[]> consumer) {
        consumer.subscribe(List.of(Topics.INSTANCES.name()));
        long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
        // A member epoch (generation) means the coordinator accepted us; the partition may follow a heartbeat later.
        while (consumer.groupMetadata().generationId() <= 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("joining " + consumer.groupMetadata().groupId() + " took longer than "
                        + JOIN_TIMEOUT.toSeconds() + " s");
            }
            consumer.poll(Duration.ofMillis(100));
        }
    }

    /** Polls so the membership stays alive; learns of a take-over (only possible under the classic protocol). */
    private void keep() {
        try {
            while (!closing) {
                consumer.poll(Duration.ofSeconds(1));
            }
        } catch (WakeupException e) {
            // closing
        } catch (KafkaException e) {
            if (!closing) {
                held = false;
                LOG.error("lost the membership that reserves instance id '{}' ({}): another process may be using it",
                        instanceId, e.toString());
            }
        } finally {
            // Leave for good (a static member would otherwise stay until the session timeout).
            consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(LEAVE_TIMEOUT));
        }
    }

    /** False once the membership was lost after joining. */
    public boolean held() {
        return held && keeper.isAlive();
    }

    public String instanceId() {
        return instanceId;
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            keeper.join(LEAVE_TIMEOUT.toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
