package dev.relpromo.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (combined broker + controller) running inside this JVM, listening on
 * 127.0.0.1 only.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().build().start()) {
 *     String servers = kafka.bootstrapServers();   // "127.0.0.1:<port>"
 * }
 * }</pre>
 *
 * <p>{@link #start()} returns only once the broker is usable: the node is registered, and a warm-up round trip
 * (topic, transactional produce, consumer-group consume) has created {@code __transaction_state} and
 * {@code __consumer_offsets}, so the first real transaction or group join does not pay for that.
 *
 * <h2>Data directory</h2>
 * <ul>
 *   <li>Default: a fresh temporary directory, deleted by {@link #close()}.</li>
 *   <li>{@link Builder#dataDir(Path)}: a persistent directory that survives {@link #close()}. It is formatted on
 *       first use only (when {@code data/meta.properties} is missing); later starts keep the cluster id, topics
 *       and records. The ports of the last successful start are recorded in {@value #PORTS_FILE}; a later start
 *       reuses them when they are free on 127.0.0.1 and otherwise picks new free ports (clients then need the
 *       new {@link #bootstrapServers()}).</li>
 * </ul>
 * Layout of the directory: {@code server.properties} (rewritten on every start), {@value #PORTS_FILE},
 * {@code data/} (the Kafka log dir, which also holds the KRaft metadata log).
 *
 * <h2>Ports</h2>
 * Unless fixed with {@link Builder#brokerPort(int)} / {@link Builder#controllerPort(int)}, ports are picked free
 * on the loopback interface. Picking a port and binding it is racy, so a start that fails to bind is retried
 * (up to {@value #MAX_START_ATTEMPTS} attempts) with new ports; fixed ports are never retried.
 *
 * <p>Broker log noise is reduced by {@link QuietBrokerLogs} (logback only, explicit levels are respected).
 * Like a standalone broker, it halts the JVM on fatal metadata faults (Kafka's process-terminating fault handler).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** Name of the file, inside a persistent data directory, that records the ports of the last start. */
    public static final String PORTS_FILE = "ports.properties";

    static final int MAX_START_ATTEMPTS = 3;
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private enum State { NEW, RUNNING, CLOSED }

    private final Path baseDir;
    private final boolean persistent;
    private final Integer fixedBrokerPort;
    private final Integer fixedControllerPort;
    private final Map<String, String> extraProperties;
    private final Duration startupTimeout;
    private final IntSupplier portPicker;

    private State state = State.NEW;
    private KafkaRaftServer server;
    private int brokerPort;
    private int controllerPort;

    private EmbeddedKafkaBroker(Builder b) throws IOException {
        if (b.brokerPort != null && b.brokerPort.equals(b.controllerPort)) {
            throw new IllegalArgumentException("broker and controller ports must differ");
        }
        this.persistent = b.dataDir != null;
        this.baseDir = persistent ? Files.createDirectories(b.dataDir.toAbsolutePath())
                : Files.createTempDirectory("relpromo-kafka-");
        this.fixedBrokerPort = b.brokerPort;
        this.fixedControllerPort = b.controllerPort;
        this.extraProperties = Map.copyOf(b.properties);
        this.startupTimeout = b.startupTimeout;
        this.portPicker = b.portPicker;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats storage if needed, starts the broker and blocks until it is usable.
     *
     * @return this, for chaining
     * @throws IllegalStateException if already started or closed, or if the broker cannot be started
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (state != State.NEW) {
            throw new IllegalStateException("Broker already " + state.name().toLowerCase(Locale.ROOT));
        }
        QuietBrokerLogs.apply();
        long t0 = System.nanoTime();
        try {
            startWithRetries();
            warmUp();
            if (persistent) {
                writePorts();
            }
        } catch (RuntimeException | Error e) {
            stopServerQuietly();
            deleteTempDirQuietly();
            state = State.CLOSED;
            throw e;
        }
        state = State.RUNNING;
        LOG.info("Embedded Kafka broker ready at {} in {} ms (data in {}{})", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), baseDir,
                persistent ? "" : ", deleted on close");
        return this;
    }

    /** {@code 127.0.0.1:<broker port>}; valid once {@link #start()} returned. */
    public synchronized String bootstrapServers() {
        requireStarted();
        return HOST + ":" + brokerPort;
    }

    public synchronized int brokerPort() {
        requireStarted();
        return brokerPort;
    }

    public synchronized int controllerPort() {
        requireStarted();
        return controllerPort;
    }

    /** The directory holding {@code server.properties} and the Kafka log dir ({@code data/}). */
    public Path dataDir() {
        return baseDir;
    }

    public boolean isPersistent() {
        return persistent;
    }

    public synchronized boolean isRunning() {
        return state == State.RUNNING;
    }

    /** Stops the broker (waiting for a clean shutdown) and deletes the data directory unless it is persistent. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        long t0 = System.nanoTime();
        stopServerQuietly();
        deleteTempDirQuietly();
        LOG.info("Embedded Kafka broker stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    private void requireStarted() {
        if (state == State.NEW) {
            throw new IllegalStateException("Broker not started");
        }
    }

    // ---------------------------------------------------------------- start-up

    private void startWithRetries() {
        boolean portsFixed = fixedBrokerPort != null && fixedControllerPort != null;
        Map<String, Integer> recorded = persistent ? readPorts() : Map.of();
        for (int attempt = 1; ; attempt++) {
            choosePorts(recorded);
            try {
                Properties props = serverProperties();
                Path propsFile = writeServerProperties(props);
                formatIfNeeded(propsFile);
                server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
                server.startup();
                return;
            } catch (RuntimeException e) {
                stopServerQuietly();
                if (!isBindFailure(e) || portsFixed || attempt >= MAX_START_ATTEMPTS) {
                    throw new IllegalStateException("Could not start embedded Kafka broker (attempt " + attempt
                            + ", ports " + brokerPort + "/" + controllerPort + ")", e);
                }
                LOG.warn("Embedded Kafka could not bind ports {}/{} (attempt {}), retrying with new ports",
                        brokerPort, controllerPort, attempt);
                recorded = Map.of();
                if (!persistent) {
                    // a fresh cluster per attempt keeps the temp dir free of the failed attempt's metadata
                    wipe(dataLogDir());
                }
            }
        }
    }

    private void choosePorts(Map<String, Integer> recorded) {
        Integer recordedBroker = recorded.get("broker.port");
        Integer recordedController = recorded.get("controller.port");
        boolean reuse = recordedBroker != null && recordedController != null
                && !recordedBroker.equals(recordedController)
                && (fixedBrokerPort != null || isFree(recordedBroker))
                && (fixedControllerPort != null || isFree(recordedController));
        brokerPort = fixedBrokerPort != null ? fixedBrokerPort : reuse ? recordedBroker : portPicker.getAsInt();
        controllerPort = fixedControllerPort != null ? fixedControllerPort
                : reuse ? recordedController : portPicker.getAsInt();
        while (controllerPort == brokerPort) {
            if (fixedControllerPort == null) {
                controllerPort = portPicker.getAsInt();
            } else {
                brokerPort = portPicker.getAsInt();
            }
        }
    }

    private Properties serverProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
        p.put("log.dirs", dataLogDir().toString());
        // one broker: every internal topic must accept replication factor 1; few partitions start faster
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // nobody else is going to join: do not wait for more members
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("group.streams.initial.rebalance.delay.ms", "0");
        // topics are declared explicitly, so a typo fails instead of silently creating a topic
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "3");
        p.put("delete.topic.enable", "true");
        // After a kill -9 the controller keeps the dead incarnation's registration until its session expires (9 s by
        // default) before the restarted broker may register: a single local node restarts faster with a short one.
        p.put("broker.session.timeout.ms", "3000");
        p.put("broker.heartbeat.interval.ms", "500");
        // the default 128 MiB cleaner buffer is wasted memory for a dev broker
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        p.putAll(extraProperties);
        Properties props = new Properties();
        props.putAll(p);
        return props;
    }

    private Path writeServerProperties(Properties props) {
        Path file = baseDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "Written by EmbeddedKafkaBroker on every start; edits are overwritten");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private void formatIfNeeded(Path propsFile) {
        if (Files.exists(dataLogDir().resolve("meta.properties"))) {
            LOG.debug("{} already formatted", dataLogDir());
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            // execute(), not main(): main() exits the JVM
            exitCode = StorageTool.execute(new String[] {
                    "format", "-t", clusterId, "-c", propsFile.toString(), "--standalone"}, out);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Formatting " + dataLogDir() + " failed: " + output.toString(StandardCharsets.UTF_8), e);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("Formatting " + dataLogDir() + " failed with exit code " + exitCode
                    + ": " + output.toString(StandardCharsets.UTF_8));
        }
        LOG.debug("Formatted {}: {}", dataLogDir(), output.toString(StandardCharsets.UTF_8).trim());
    }

    /**
     * Proves the broker is usable, as Kafka's own EmbeddedKafkaCluster.verifyClusterReadiness does, and creates the
     * transaction and offsets topics now rather than in the first test that needs them.
     */
    private void warmUp() {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        String suffix = UUID.randomUUID().toString();
        String topic = "relpromo-warmup-" + suffix;
        String group = "relpromo-warmup-" + suffix;
        Map<String, Object> common = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + brokerPort,
                AdminClientConfig.CLIENT_ID_CONFIG, "relpromo-embedded-warmup");
        try (Admin admin = Admin.create(common)) {
            awaitOneNode(admin, deadline);
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(remaining(deadline), TimeUnit.MILLISECONDS);

            Map<String, Object> producerProps = new LinkedHashMap<>(common);
            producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "relpromo-warmup-" + suffix);
            producerProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, remaining(deadline));
            try (KafkaProducer<String, String> producer =
                         new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, "warm-up", "warm-up"));
                producer.commitTransaction();
            }

            Map<String, Object> consumerProps = new LinkedHashMap<>(common);
            consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            try (KafkaConsumer<String, String> consumer =
                         new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                int received = 0;
                while (received == 0) {
                    if (remaining(deadline) <= 0) {
                        throw new TimeoutException("warm-up record not consumed");
                    }
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                    received = records.count();
                }
                consumer.commitSync(Duration.ofMillis(remaining(deadline)));
            }

            // leave nothing behind in a persistent data directory
            admin.deleteConsumerGroups(List.of(group)).all().get(remaining(deadline), TimeUnit.MILLISECONDS);
            admin.deleteTopics(List.of(topic)).all().get(remaining(deadline), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while warming up embedded Kafka", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new IllegalStateException("Embedded Kafka at " + HOST + ":" + brokerPort
                    + " did not become usable within " + startupTimeout, e);
        }
    }

    private static void awaitOneNode(Admin admin, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        // the admin client retries internally until the broker answers, so no sleep is needed between rounds
        while (admin.describeCluster().nodes().get(remaining(deadline), TimeUnit.MILLISECONDS).size() != 1) {
            if (remaining(deadline) <= 0) {
                throw new TimeoutException("broker not registered");
            }
        }
    }

    private static long remaining(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    // ---------------------------------------------------------------- ports

    private Map<String, Integer> readPorts() {
        Path file = baseDir.resolve(PORTS_FILE);
        if (!Files.exists(file)) {
            return Map.of();
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (String key : Set.of("broker.port", "controller.port")) {
                String value = props.getProperty(key);
                if (value != null) {
                    ports.put(key, Integer.parseInt(value.trim()));
                }
            }
            return ports;
        } catch (IOException | NumberFormatException e) {
            LOG.warn("Ignoring unreadable {}: {}", file, e.toString());
            return Map.of();
        }
    }

    private void writePorts() {
        Properties props = new Properties();
        props.setProperty("broker.port", String.valueOf(brokerPort));
        props.setProperty("controller.port", String.valueOf(controllerPort));
        try (OutputStream out = Files.newOutputStream(baseDir.resolve(PORTS_FILE))) {
            props.store(out, "Ports of the last start; reused by the next start when free");
        } catch (IOException e) {
            LOG.warn("Could not record ports in {}: {}", baseDir, e.toString());
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on the loopback interface", e);
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- shutdown

    private Path dataLogDir() {
        return baseDir.resolve("data");
    }

    private void stopServerQuietly() {
        KafkaRaftServer s = server;
        server = null;
        if (s == null) {
            return;
        }
        try {
            s.shutdown();
            s.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Error stopping embedded Kafka broker", e);
        }
    }

    private void deleteTempDirQuietly() {
        if (!persistent) {
            wipe(baseDir);
        }
    }

    private static void wipe(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.toString());
        }
    }

    // ---------------------------------------------------------------- builder

    /** Configures an {@link EmbeddedKafkaBroker}; every option is optional. */
    public static final class Builder {
        private Path dataDir;
        private Integer brokerPort;
        private Integer controllerPort;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Duration startupTimeout = Duration.ofSeconds(60);
        private IntSupplier portPicker = EmbeddedKafkaBroker::freePort;

        private Builder() {
        }

        /** Keep data in this directory across restarts instead of a temporary one (see class javadoc). */
        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Fixed client port; start fails rather than retries if it is taken. */
        public Builder brokerPort(int port) {
            this.brokerPort = checkPort(port);
            return this;
        }

        /** Fixed KRaft controller port; start fails rather than retries if it is taken. */
        public Builder controllerPort(int port) {
            this.controllerPort = checkPort(port);
            return this;
        }

        /** An extra or overriding broker property, applied after the defaults. */
        public Builder property(String key, String value) {
            properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder properties(Map<String, String> props) {
            props.forEach(this::property);
            return this;
        }

        /** How long {@link #start()} may take once the broker process is up (default 60 s). */
        public Builder startupTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.startupTimeout = timeout;
            return this;
        }

        /** Lets tests lose the race for a port on purpose. */
        Builder portPicker(IntSupplier picker) {
            this.portPicker = Objects.requireNonNull(picker, "picker");
            return this;
        }

        /** Creates the broker (and its temporary directory, if any); call {@link EmbeddedKafkaBroker#start()}. */
        public EmbeddedKafkaBroker build() {
            try {
                return new EmbeddedKafkaBroker(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the data directory", e);
            }
        }

        private static int checkPort(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            return port;
        }
    }
}
