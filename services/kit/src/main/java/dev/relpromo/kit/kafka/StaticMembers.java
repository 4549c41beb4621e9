package dev.relpromo.kit.kafka;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Static group membership ({@code group.instance.id} = the pipeline's instance id) so that a process restarted
 * after a crash takes its partitions back at once instead of waiting out the session timeout of its dead
 * predecessor's member. The instance id belongs to this process alone (checked at start-up by the instance lock),
 * so a member already holding it can only be our own leftover — of a killed process or of clients this process
 * replaced — and is removed before joining (the consumer protocol refuses a static id that is still taken).
 */
final class StaticMembers {
    private static final Logger LOG = LoggerFactory.getLogger(StaticMembers.class);

    private StaticMembers() {
    }

    static void evictLeftover(KafkaSettings kafka, String group, String instanceId) {
        try (Admin admin = kafka.admin()) {
            List<MemberDescription> members;
            try {
                members = List.copyOf(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                        .get(30, TimeUnit.SECONDS).members());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupIdNotFoundException) {
                    return;
                }
                throw e;
            }
            if (members.stream().noneMatch(m -> m.groupInstanceId().filter(instanceId::equals).isPresent())) {
                return;
            }
            LOG.info("{}: removing the leftover member {} (a crashed or replaced predecessor) before joining", group,
                    instanceId);
            try {
                admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions(
                        List.of(new MemberToRemove(instanceId)))).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownMemberIdException)) {
                    throw e; // gone in the meantime is fine
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.apache.kafka.common.errors.InterruptException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new org.apache.kafka.common.KafkaException("cannot check group " + group + " for a leftover member "
                    + instanceId + ": " + cause.getMessage(), cause);
        }
    }
}
