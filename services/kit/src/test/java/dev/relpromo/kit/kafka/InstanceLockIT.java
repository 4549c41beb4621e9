package dev.relpromo.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.relpromo.embedded.BootstrapServers;
import dev.relpromo.embedded.KafkaExtension;
import dev.relpromo.events.topics.TopicProvisioner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One process per instance id and per data directory, on a real broker; a crashed one does not block a restart. */
@ExtendWith(KafkaExtension.class)
class InstanceLockIT {
    static final String HELD = "instance lock held";

    @TempDir
    Path dir;
    private String servers;
    private final String id = "lock-it-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void provision(@BootstrapServers String servers) {
        this.servers = servers;
        try (Admin admin = KafkaSettings.local(servers, "lock-it").admin()) {
            new TopicProvisioner(admin, (short) 1).provisionAll();
        }
    }

    @Test
    void aSecondProcessWithTheSameInstanceIdIsRefusedAndTheFirstKeepsIt() throws Exception {
        secondIsRefusedAndFirstKeepsIt(KafkaSettings.local(servers, id));
    }

    @Test
    void theClassicProtocolRefusesTheSecondToo() throws Exception {
        secondIsRefusedAndFirstKeepsIt(new KafkaSettings(servers, Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic"),
                id, (short) 1));
    }

    private void secondIsRefusedAndFirstKeepsIt(KafkaSettings kafka) throws Exception {
        try (InstanceLock first = InstanceLock.lock(dir.resolve("a"));
             InstanceMembership held = first.join(kafka);
             InstanceLock second = InstanceLock.lock(dir.resolve("b"))) {
            InstanceConflictException e = catchThrowableOfType(InstanceConflictException.class, () -> second.join(kafka));

            String firstClient = InstanceMembership.clientId(first.incarnation());
            assertThat(e.getMessage()).startsWith("instance id '" + id + "' is already in use by another running relpromo: "
                    + "consumer group relpromo-instance-" + id + " has the live member " + firstClient + " from host /127.0.0.1.")
                    .contains("give this one its own --instance-id");
            assertThat(held.held()).isTrue();
            assertThat(clientIds(kafka)).containsExactly(firstClient);
        }
    }

    @Test
    void differentInstanceIdsRunSideBySide() throws Exception {
        try (InstanceLock a = InstanceLock.lock(dir.resolve("a"));
             InstanceMembership ma = a.join(KafkaSettings.local(servers, id + "-a"));
             InstanceLock b = InstanceLock.lock(dir.resolve("b"));
             InstanceMembership mb = b.join(KafkaSettings.local(servers, id + "-b"))) {
            assertThat(ma.held()).isTrue();
            assertThat(mb.held()).isTrue();
        }
    }

    @Test
    void aSecondProcessOnTheSameDataDirectoryIsRefused() throws Exception {
        try (InstanceLock first = InstanceLock.lock(dir)) {
            assertThatThrownBy(() -> InstanceLock.lock(dir)).isInstanceOf(InstanceConflictException.class)
                    .hasMessage("data directory " + dir.toAbsolutePath() + " is in use by another relpromo process (it holds "
                            + dir.toAbsolutePath().resolve(InstanceLock.FILE) + "): stop that process, or give this one "
                            + "another data directory");
        }
        // Released on close: the next start gets it.
        InstanceLock.lock(dir).close();
    }

    @Test
    void aCleanStopLeavesTheGroupAtOnce() throws Exception {
        KafkaSettings kafka = KafkaSettings.local(servers, id);
        try (InstanceLock a = InstanceLock.lock(dir.resolve("a")); InstanceMembership m = a.join(kafka)) {
            assertThat(m.held()).isTrue();
        }
        // Another data directory may take over the id right away: nothing of the first is left in the group.
        assertThat(clientIds(kafka)).isEmpty();
        try (InstanceLock b = InstanceLock.lock(dir.resolve("b")); InstanceMembership m = b.join(kafka)) {
            assertThat(m.held()).isTrue();
        }
    }

    @Test
    void aRestartAfterKillMinus9OnTheSameDataDirectorySucceedsQuickly() throws Exception {
        KafkaSettings kafka = KafkaSettings.local(servers, id);
        Path data = dir.resolve("data");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), InstanceLockHolder.class.getName(), servers,
                data.toString(), id).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals(HELD)) {
                // the child's log lines
            }
            assertThat(line).as("the child process took the lock").isEqualTo(HELD);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // The killed process's member lingers: to anyone but its own data directory it still looks alive.
        assertThat(clientIds(kafka)).hasSize(1);
        try (InstanceLock other = InstanceLock.lock(dir.resolve("other"))) {
            assertThatThrownBy(() -> other.join(kafka)).isInstanceOf(InstanceConflictException.class);
        }

        long start = System.nanoTime();
        try (InstanceLock restarted = InstanceLock.lock(data); InstanceMembership m = restarted.join(kafka)) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertThat(seconds).as("restart time, well below the 45 s session timeout").isLessThan(10);
            assertThat(m.held()).isTrue();
            assertThat(clientIds(kafka)).containsExactly(InstanceMembership.clientId(restarted.incarnation()));
        }
    }

    private static List<String> clientIds(KafkaSettings kafka) throws Exception {
        try (Admin admin = kafka.admin()) {
            String group = InstanceMembership.GROUP_PREFIX + kafka.instanceId();
            Collection<MemberDescription> members = admin.describeConsumerGroups(List.of(group)).describedGroups()
                    .get(group).get(10, TimeUnit.SECONDS).members();
            return members.stream().map(MemberDescription::clientId).collect(Collectors.toList());
        }
    }
}
