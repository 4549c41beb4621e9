package dev.relpromo.embedded;

import static dev.relpromo.embedded.Clients.consumer;
import static dev.relpromo.embedded.Clients.createTopic;
import static dev.relpromo.embedded.Clients.pollUntil;
import static dev.relpromo.embedded.Clients.producer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests that need a broker of their own; the rest share one in {@link EmbeddedKafkaBrokerDefaultsTest}. */
class EmbeddedKafkaBrokerTest {

    private static final String TOPIC = "survivor";

    @Test
    void persistentDataDirSurvivesRestartAndPortChange(@TempDir Path dir) throws Exception {
        String firstServers;
        int firstControllerPort;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir).build().start()) {
            firstServers = broker.bootstrapServers();
            firstControllerPort = broker.controllerPort();
            assertThat(firstServers).isEqualTo("127.0.0.1:" + broker.brokerPort());
            assertNotReachableFromOtherInterfaces(broker.brokerPort(), broker.controllerPort());

            createTopic(firstServers, TOPIC, 1);
            try (KafkaProducer<String, String> producer = producer(firstServers, Map.of())) {
                producer.send(new ProducerRecord<>(TOPIC, "k", "kept across restarts")).get();
            }
        }
        assertThat(dir.resolve("data/meta.properties")).exists();
        assertThat(Files.readString(dir.resolve(EmbeddedKafkaBroker.PORTS_FILE)))
                .contains("broker.port=" + firstServers.substring(firstServers.indexOf(':') + 1));

        // same directory, ports free again: same address, same data
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir).build().start()) {
            assertThat(broker.bootstrapServers()).isEqualTo(firstServers);
            assertThat(broker.controllerPort()).isEqualTo(firstControllerPort);
            assertRecordSurvived(broker.bootstrapServers());
        }

        // recorded ports taken by someone else: new ports, still the same data
        int firstBrokerPort = Integer.parseInt(firstServers.substring(firstServers.indexOf(':') + 1));
        try (ServerSocket squatBroker = bindLoopback(firstBrokerPort);
             ServerSocket squatController = bindLoopback(firstControllerPort);
             EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir).build().start()) {
            assertThat(squatBroker.isBound() && squatController.isBound()).isTrue();
            assertThat(broker.brokerPort()).isNotEqualTo(firstBrokerPort);
            assertThat(broker.controllerPort()).isNotEqualTo(firstControllerPort);
            assertRecordSurvived(broker.bootstrapServers());
        }
        assertThat(dir).isDirectory();
    }

    @Test
    void fixedPortInUseFailsWithoutRetryAndCleansUp() throws Exception {
        try (ServerSocket squat = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().brokerPort(squat.getLocalPort())
                    .controllerPort(EmbeddedKafkaBroker.freePort()).build();
            Path tempDir = broker.dataDir();
            assertThat(tempDir).isDirectory();

            assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("attempt 1,")
                    .hasRootCauseInstanceOf(BindException.class);
            assertThat(tempDir).doesNotExist();
            assertThat(broker.isRunning()).isFalse();
        }
    }

    @Test
    void portLostToAnotherProcessIsRetriedWithNewPorts() throws Exception {
        try (ServerSocket squat = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicInteger picks = new AtomicInteger();
            // the first pick is the broker port: hand out one that is already taken, as a lost race would
            IntSupplier picker = () -> picks.getAndIncrement() == 0 ? squat.getLocalPort() : EmbeddedKafkaBroker.freePort();

            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().portPicker(picker).build().start()) {
                assertThat(picks).hasValueGreaterThanOrEqualTo(4); // two ports per attempt, two attempts
                assertThat(broker.brokerPort()).isNotEqualTo(squat.getLocalPort());
                try (Admin admin = Clients.admin(broker.bootstrapServers())) {
                    assertThat(admin.describeCluster().nodes().get()).hasSize(1);
                }
            }
        }
    }

    private static void assertRecordSurvived(String servers) {
        try (Admin admin = Clients.admin(servers);
             KafkaConsumer<String, String> consumer = consumer(servers, Clients.unique("restart"), Map.of())) {
            assertThat(admin.listTopics().names().get()).contains(TOPIC);
            consumer.subscribe(List.of(TOPIC));
            assertThat(pollUntil(consumer, r -> !r.isEmpty())).extracting(ConsumerRecord::value)
                    .containsExactly("kept across restarts");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ServerSocket bindLoopback(int port) throws IOException {
        return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
    }

    /** The broker must be bound to 127.0.0.1 only, not to the wildcard address. */
    private static void assertNotReachableFromOtherInterfaces(int... ports) throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet6Address && address.isLinkLocalAddress()) {
                    continue; // needs a scope id, and the test JVM prefers IPv4 anyway
                }
                for (int port : ports) {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(address, port), 1000);
                        throw new AssertionError("port " + port + " is reachable on " + address);
                    } catch (IOException expected) {
                        // refused: nothing listens there
                    }
                }
            }
        }
    }
}
