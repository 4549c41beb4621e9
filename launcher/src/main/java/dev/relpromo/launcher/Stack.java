package dev.relpromo.launcher;

import dev.relpromo.beetmover.BeetmoverHandler;
import dev.relpromo.embedded.EmbeddedKafkaBroker;
import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.PromotionRequested;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.topics.Replication;
import dev.relpromo.events.topics.TopicProvisioner;
import dev.relpromo.graph.GraphService;
import dev.relpromo.graph.TaskView;
import dev.relpromo.graph.http.StatusServer;
import dev.relpromo.kit.health.Health;
import dev.relpromo.kit.health.HealthIndicator;
import dev.relpromo.kit.kafka.InstanceLock;
import dev.relpromo.kit.kafka.KafkaSettings;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import dev.relpromo.kit.work.BuildSources;
import dev.relpromo.kit.work.TaskHandler;
import dev.relpromo.kit.work.Worker;
import dev.relpromo.planner.Planner;
import dev.relpromo.planner.config.PartnerConfigSource;
import dev.relpromo.planner.service.PlannerService;
import dev.relpromo.repack.ArchiveLimits;
import dev.relpromo.repack.RepackHandler;
import dev.relpromo.signing.LocalGpgSigner;
import dev.relpromo.signing.RepackageSigningHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;

/**
 * Everything in one process: the embedded broker (unless an existing cluster is given), topic provisioning, the
 * artifact store, the graph, the planner, the workers of the services that exist so far, and the status API.
 */
public final class Stack implements AutoCloseable, HealthIndicator {

    /**
     * @param dataDir     Kafka data and Streams state (kept across restarts when persistent)
     * @param storeDir    the artifact store root ({@code pub/...}, {@code releng/...})
     * @param keyDir      the local signing key
     * @param bootstrap   an existing cluster, or null for the embedded broker
     * @param partnersDir the partner configuration (auto-promotion and requests without an inline config)
     * @param httpPort    the status API port: -1 none, 0 any free port
     * @param buildSources where work items may point besides the artifact store (null: the store only)
     * @param instanceId  null for {@link InstanceLock#defaultInstanceId the default} of the data directory
     * @param replication null for the default of where Kafka runs (embedded or an existing cluster)
     */
    public record Options(Path dataDir, Path storeDir, Path keyDir, String bootstrap, Map<String, String> kafkaClient,
                          Path partnersDir, boolean autoPromote, int httpPort, String instanceId, int repackConcurrency,
                          BuildSources buildSources, Replication replication) {
        public Options(Path dataDir, Path storeDir, Path keyDir, String bootstrap, Map<String, String> kafkaClient,
                       Path partnersDir, boolean autoPromote, int httpPort, String instanceId, int repackConcurrency,
                       BuildSources buildSources) {
            this(dataDir, storeDir, keyDir, bootstrap, kafkaClient, partnersDir, autoPromote, httpPort, instanceId,
                    repackConcurrency, buildSources, null);
        }

        public Options {
            buildSources = buildSources == null ? BuildSources.none() : buildSources;
        }
    }

    private final Options options;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<HealthIndicator> components = new ArrayList<>();
    private final Map<Service, Set<String>> kinds = new HashMap<>();
    private final Set<String> submittedBuilds = new HashSet<>();
    private EmbeddedKafkaBroker broker;
    private KafkaSettings kafka;
    private FileSystemArtifactStore store;
    private GraphService graph;
    private StatusServer http;
    private Publisher publisher;

    public Stack(Options options) {
        this.options = options;
    }

    /** Starts everything; a refusal (or any failure) stops what had started and is rethrown. */
    public Stack start() throws IOException, InterruptedException {
        try {
            return startAll();
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private Stack startAll() throws IOException, InterruptedException {
        // One process per data directory, settled before the embedded broker opens its log in it.
        InstanceLock instanceLock = InstanceLock.lock(options.dataDir());
        running.add(instanceLock);
        String bootstrap = options.bootstrap();
        if (bootstrap == null) {
            broker = EmbeddedKafkaBroker.builder().dataDir(options.dataDir().resolve("kafka")).build().start();
            running.add(broker);
            bootstrap = broker.bootstrapServers();
        }
        String instanceId = options.instanceId() != null ? options.instanceId()
                : InstanceLock.defaultInstanceId(options.dataDir());
        Replication replication = options.replication() != null ? options.replication()
                : Replication.of(null, null, options.bootstrap() == null);
        kafka = new KafkaSettings(bootstrap, options.kafkaClient(), instanceId, replication);
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, replication).provisionAll();
        }
        // Before any transactional producer exists: a second process with this instance id would fence ours.
        running.add(instanceLock.join(kafka));
        // Only now that the id is ours: leftovers of this instance's interrupted writes, before it writes again.
        store = new FileSystemArtifactStore(options.storeDir(), kafka.instanceId());
        store.cleanTemporaries();
        publisher = new Publisher(kafka);
        running.add(publisher);

        graph = new GraphService(kafka, options.dataDir().resolve("graph-state"));
        running.add(graph);
        graph.start();
        if (!graph.awaitRunning(Duration.ofMinutes(2))) {
            throw new IllegalStateException("the graph did not reach RUNNING within 2 minutes (state " + graph.state() + ")");
        }

        PartnerConfigSource partners = options.partnersDir() == null ? () -> {
            throw new IllegalStateException("no partner configuration directory is configured (--partners)");
        } : PartnerConfigSource.directory(options.partnersDir());
        PlannerService planner = new PlannerService(kafka, new Planner(partners, store), options.autoPromote());
        running.add(planner);
        components.add(planner);
        planner.start();

        Path work = Files.createDirectories(options.dataDir().resolve("work"));
        LocalGpgSigner signer = LocalGpgSigner.fromKeyDirectory(options.keyDir());
        worker(Service.REPACK, handlers(RepackHandler.KINDS, new RepackHandler(ArchiveLimits.fromEnvironment())), work, options.repackConcurrency());
        worker(Service.SIGNING, handlers(RepackageSigningHandler.KINDS, new RepackageSigningHandler(signer)), work, 1);
        worker(Service.BEETMOVER, handlers(BeetmoverHandler.KINDS, new BeetmoverHandler()), work, 1);

        if (options.httpPort() >= 0) {
            http = new StatusServer(graph, this, "127.0.0.1", options.httpPort() == 0 ? -1 : options.httpPort());
            running.add(http);
        }
        return this;
    }

    private static Map<String, TaskHandler> handlers(Set<String> kinds, TaskHandler handler) {
        Map<String, TaskHandler> map = new HashMap<>();
        kinds.forEach(k -> map.put(k, handler));
        return map;
    }

    private void worker(Service service, Map<String, TaskHandler> handlers, Path work, int concurrency) {
        Worker worker = new Worker(service, handlers, store, options.buildSources(), work, kafka,
                Worker.RetryPolicy.DEFAULT, concurrency);
        running.add(worker);
        components.add(worker);
        kinds.put(service, handlers.keySet());
        worker.start();
    }

    /** Every component's state: the graph, the planner and each worker pipeline. */
    @Override
    public List<Health> health() {
        List<Health> all = new ArrayList<>();
        if (graph != null) {
            GraphService.Health g = graph.health();
            Health.Status status = switch (g.status()) {
                case RUNNING, REBALANCING -> Health.Status.UP;
                case RECOVERING -> Health.Status.RECOVERING;
                case DOWN -> Health.Status.DOWN;
            };
            all.add(new Health("graph", status, "streams " + graph.state()
                    + (g.lastError() == null ? "" : ", last error: " + g.lastError())));
        }
        components.forEach(c -> all.addAll(c.health()));
        return all;
    }

    public GraphService graph() {
        return graph;
    }

    public FileSystemArtifactStore store() {
        return store;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public KafkaSettings kafka() {
        return kafka;
    }

    public URI statusUri() {
        return http == null ? null : http.uri();
    }

    /** Publishes build-completed events (keyed by release, as the graph and planner require). */
    public void submitBuilds(List<BuildCompleted> builds) throws IOException {
        for (BuildCompleted b : builds) {
            publisher.build(b);
            b.locales().forEach(l -> submittedBuilds.add(TaskIds.buildSigning(b.release(), b.platform(), l.locale())));
        }
    }

    public void requestPromotion(PromotionRequested request) throws IOException {
        publisher.promotion(request);
    }

    /**
     * Whether something in this process can complete a task: a worker with a handler for its kind, the graph for
     * pseudo-kinds, or a submitted build for an external node.
     */
    public Predicate<TaskView> canRun() {
        return t -> switch (t.service()) {
            case "graph" -> true;
            case "external" -> submittedBuilds.contains(t.taskId());
            default -> kinds.getOrDefault(Service.of(t.service()), Set.of()).contains(t.kind());
        };
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("relpromo: error while stopping " + running.get(i).getClass().getSimpleName()
                        + ": " + e.getMessage());
            }
        }
        running.clear();
    }
}
