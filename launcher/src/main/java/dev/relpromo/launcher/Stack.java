package dev.relpromo.launcher;

import dev.relpromo.embedded.EmbeddedKafkaBroker;
import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.PromotionRequested;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.topics.Replication;
import dev.relpromo.events.topics.TopicProvisioner;
import dev.relpromo.graph.GraphService;
import dev.relpromo.graph.TaskView;
import dev.relpromo.graph.http.StatusServer;
import dev.relpromo.kit.app.RelpromoService;
import dev.relpromo.kit.app.RunningService;
import dev.relpromo.kit.app.ServiceContext;
import dev.relpromo.kit.app.Settings;
import dev.relpromo.kit.health.Health;
import dev.relpromo.kit.health.HealthIndicator;
import dev.relpromo.kit.kafka.InstanceLock;
import dev.relpromo.kit.kafka.KafkaSettings;
import dev.relpromo.kit.kafka.PipelineOptions;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.kit.store.ArtifactStores;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import dev.relpromo.kit.store.StoreHttpServer;
import dev.relpromo.kit.work.BuildSources;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;

/**
 * Everything in one process: the embedded broker (unless an existing cluster is given), topic provisioning, the
 * artifact store, every relpromo service found on the classpath ({@link RelpromoService}, graph first), and the
 * status API with {@code /health} over all of them.
 */
public final class Stack implements AutoCloseable, HealthIndicator {

    /**
     * @param dataDir     Kafka data and Streams state (kept across restarts when persistent)
     * @param store       the artifact store location ({@code pub/...}, {@code releng/...}): a directory or
     *                    {@code s3://bucket[/prefix]}, opened by {@link ArtifactStores#open} with the settings
     * @param keyDir      the local signing key
     * @param bootstrap   an existing cluster, or null for the embedded broker
     * @param partnersDir the partner configuration (auto-promotion and requests without an inline config)
     * @param httpPort    the status API port: -1 none, 0 any free port
     * @param buildSources where work items may point besides the artifact store (null: the store only)
     * @param instanceId  null for {@link InstanceLock#defaultInstanceId the default} of the data directory
     * @param replication null for the default of where Kafka runs (embedded or an existing cluster)
     */
    public record Options(Path dataDir, String store, Path keyDir, String bootstrap, Map<String, String> kafkaClient,
                          Path partnersDir, boolean autoPromote, int httpPort, String instanceId, int repackConcurrency,
                          BuildSources buildSources, Replication replication) {
        public Options(Path dataDir, String store, Path keyDir, String bootstrap, Map<String, String> kafkaClient,
                       Path partnersDir, boolean autoPromote, int httpPort, String instanceId, int repackConcurrency,
                       BuildSources buildSources) {
            this(dataDir, store, keyDir, bootstrap, kafkaClient, partnersDir, autoPromote, httpPort, instanceId,
                    repackConcurrency, buildSources, null);
        }

        public Options {
            buildSources = buildSources == null ? BuildSources.none() : buildSources;
        }
    }

    private final Options options;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<HealthIndicator> components = new ArrayList<>();
    /** Task kinds each running service completes, by service name. */
    private final Map<String, Set<String>> kinds = new HashMap<>();
    private final ProcessMetrics metrics = new ProcessMetrics();
    private final Map<String, String> extraSettings = new HashMap<>();
    private Set<String> only;
    private String httpHost = "127.0.0.1";
    private final Set<String> submittedBuilds = new HashSet<>();
    private EmbeddedKafkaBroker broker;
    private KafkaSettings kafka;
    private ArtifactStore store;
    private GraphService graph;
    private StatusServer http;
    private StoreHttpServer artifacts;
    private Publisher publisher;

    public Stack(Options options) {
        this.options = options;
    }

    /** Runs only these services (as {@code relpromo service NAME} does); by default every service found. */
    public Stack only(Set<String> services) {
        this.only = Set.copyOf(services);
        return this;
    }

    /** Settings for the services beyond the options ({@code concurrency}, ...). */
    public Stack settings(Map<String, String> settings) {
        extraSettings.putAll(settings);
        return this;
    }

    /** The address the HTTP edge binds (127.0.0.1 by default; a container binds 0.0.0.0). */
    public Stack httpHost(String host) {
        this.httpHost = host;
        return this;
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
        store = ArtifactStores.open(options.store(), settings(), kafka.instanceId());
        if (store instanceof AutoCloseable client) {
            running.add(client); // an S3 store's connection pool
        }
        if (store instanceof FileSystemArtifactStore local) {
            local.cleanTemporaries(); // an S3 store has no temporaries: uploads appear only when complete
        }
        publisher = new Publisher(kafka);
        running.add(publisher);

        // Every service on the classpath, found by discovery, in one process sharing the data directory.
        Files.createDirectories(options.dataDir());
        List<RelpromoService> selected = selected();
        ServiceConfiguration configuration = ServiceConfiguration.load(
                selected.stream().map(RelpromoService::name).toList());
        running.add(configuration);
        Settings shared = new Settings("", settings(), configuration::property, System::getenv);
        for (RelpromoService service : selected) {
            ServiceContext context = new ServiceContext(kafka, store, options.dataDir(), options.buildSources(),
                    PipelineOptions.DEFAULT.withClients(metrics), shared.forService(service.name()));
            RunningService started = start(service, context);
            running.add(started);
            components.add(started);
            metrics.add(started);
            kinds.put(service.name(), started.kinds());
            started.facet(GraphService.class).ifPresent(g -> graph = g);
        }

        if (options.httpPort() >= 0) {
            http = new StatusServer(graph, this, List.of(metrics), httpHost,
                    options.httpPort() == 0 ? -1 : options.httpPort());
            running.add(http);
            if (store instanceof FileSystemArtifactStore local) {
                // the "CDN" verification reads published files from (an S3 store has its own HTTP already)
                artifacts = new StoreHttpServer(local, httpHost, 0);
                running.add(artifacts);
            }
        }
        return this;
    }

    private static RunningService start(RelpromoService service, ServiceContext context)
            throws IOException, InterruptedException {
        try {
            return service.start(context);
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the " + service.name() + " service: " + e.getMessage(), e);
        }
    }

    /** The services to run: all found, or the ones named with {@link #only} (an unknown name is an error). */
    private List<RelpromoService> selected() {
        List<RelpromoService> all = services();
        if (only == null) {
            return all;
        }
        List<String> known = all.stream().map(RelpromoService::name).toList();
        for (String name : only) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("no service named '" + name + "'; known services: "
                        + String.join(", ", known));
            }
        }
        return all.stream().filter(s -> only.contains(s.name())).toList();
    }

    /** The services found on the classpath, in start order (graph, planner, then the workers). */
    static List<RelpromoService> services() {
        List<RelpromoService> found = new ArrayList<>();
        ServiceLoader.load(RelpromoService.class).forEach(found::add);
        found.sort(Comparator.comparingInt(RelpromoService::startOrder).thenComparing(RelpromoService::name));
        return found;
    }

    /** The launcher's options as service settings ({@code partners}, {@code keys}, {@code repack.concurrency}, ...). */
    private Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        if (options.partnersDir() != null) {
            settings.put("partners", options.partnersDir().toString());
        }
        settings.put("auto-promote", Boolean.toString(options.autoPromote()));
        if (options.keyDir() != null) {
            settings.put("keys", options.keyDir().toString());
        }
        if (options.repackConcurrency() > 0) {
            settings.put("repack.concurrency", Integer.toString(options.repackConcurrency()));
        }
        settings.putAll(extraSettings);
        return settings;
    }

    /** Every component's state: the graph, the planner and each worker pipeline. */
    @Override
    public List<Health> health() {
        List<Health> all = new ArrayList<>();
        components.forEach(c -> all.addAll(c.health()));
        return all;
    }

    public GraphService graph() {
        return graph;
    }

    public ArtifactStore store() {
        return store;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public KafkaSettings kafka() {
        return kafka;
    }

    /** The read-only HTTP view of a local store (with Range), or null (no HTTP, or an S3 store). */
    public URI artifactsUri() {
        return artifacts == null ? null : artifacts.uri();
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
            default -> kinds.getOrDefault(t.service(), Set.of()).contains(t.kind());
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
