package dev.relpromo.kit.work;

import dev.relpromo.kit.failure.TransientTaskException;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.events.Artifact;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskFailed;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.codec.Envelope;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.topics.Topics;
import dev.relpromo.kit.health.Health;
import dev.relpromo.kit.app.RunningService;
import dev.relpromo.kit.kafka.KafkaSettings;
import dev.relpromo.kit.kafka.PipelineOptions;
import dev.relpromo.kit.kafka.RecordProcessor;
import dev.relpromo.kit.kafka.TransactionalPipeline;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.kit.store.SafeNames;
import dev.relpromo.kit.store.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's worker: consumes {@code relpromo.work.<service>}, runs the handler registered for the task's kind and
 * publishes {@code task completed} or {@code task failed} to {@code relpromo.results.<service>} in the transaction
 * that commits the work item. Transient errors are retried with exponential backoff before the task fails.
 */
public final class Worker implements RunningService {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final Service service;
    private final Map<String, TaskHandler> handlers;
    private final ArtifactStore store;
    private final ArtifactResolver resolver;
    private final Path workRoot;
    private final RetryPolicy retry;
    private final EventCodec codec;
    private final List<TransactionalPipeline> pipelines = new ArrayList<>();

    /** How often and how patiently transient failures are retried. */
    public record RetryPolicy(int attempts, long initialBackoffMillis, long maxBackoffMillis) {
        public static final RetryPolicy DEFAULT = new RetryPolicy(4, 1000, 30_000);
    }

    /**
     * @param handlers    task kind → handler
     * @param concurrency how many work items this instance runs at once (one consumer and producer each)
     */
    public Worker(Service service, Map<String, TaskHandler> handlers, ArtifactStore store, Path workRoot,
                  KafkaSettings kafka, RetryPolicy retry, int concurrency) {
        this(service, handlers, store, BuildSources.none(), workRoot, kafka, retry, concurrency);
    }

    /** @param sources where work items may point besides the store (the builds' directories or URL prefixes) */
    public Worker(Service service, Map<String, TaskHandler> handlers, ArtifactStore store, BuildSources sources,
                  Path workRoot, KafkaSettings kafka, RetryPolicy retry, int concurrency) {
        this(service, handlers, store, sources, workRoot, kafka, retry, concurrency, PipelineOptions.DEFAULT);
    }

    /** @param pipeline how the worker's pipelines recover, and what happens when they cannot */
    public Worker(Service service, Map<String, TaskHandler> handlers, ArtifactStore store, BuildSources sources,
                  Path workRoot, KafkaSettings kafka, RetryPolicy retry, int concurrency, PipelineOptions pipeline) {
        this.service = service;
        this.handlers = Map.copyOf(handlers);
        this.store = store;
        this.resolver = new ArtifactResolver(store, sources);
        this.workRoot = workRoot;
        this.retry = retry;
        this.codec = new EventCodec("/relpromo/" + service.id());
        for (int i = 0; i < concurrency; i++) {
            KafkaSettings slot = kafka.withInstanceId(kafka.instanceId() + "-" + i);
            pipelines.add(new TransactionalPipeline(service.id(), slot, List.of(Topics.work(service).name()), codec,
                    new WorkProcessor(),
                    // One item per poll, and a poll interval long enough for the slowest task (a large xz repack).
                    Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                            ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 2 * 60 * 60 * 1000), pipeline));
        }
    }

    public Service service() {
        return service;
    }

    @Override
    public java.util.Set<String> kinds() {
        return handlers.keySet();
    }

    public void start() {
        pipelines.forEach(TransactionalPipeline::start);
    }

    public long processed() {
        return pipelines.stream().mapToLong(TransactionalPipeline::processed).sum();
    }

    public long deadLettered() {
        return pipelines.stream().mapToLong(TransactionalPipeline::deadLettered).sum();
    }

    /** Health of each pipeline ({@code repack#0}, {@code repack#1}, ...). */
    @Override
    public List<Health> health() {
        List<Health> all = new ArrayList<>();
        for (int i = 0; i < pipelines.size(); i++) {
            Health h = pipelines.get(i).health().get(0);
            all.add(new Health(service.id() + "#" + i, h.status(), h.detail()));
        }
        return all;
    }

    /** Work item in, result out; a result too large to publish becomes a "task failed" saying so. */
    private final class WorkProcessor implements RecordProcessor {
        @Override
        public List<ProducerRecord<String, byte[]>> process(Envelope<?> event, ConsumerRecord<String, byte[]> record)
                throws InterruptedException {
            WorkItem item = event.as(WorkItem.class);
            return publish(event, item, run(item, inputOf(record)));
        }

        @Override
        public List<ProducerRecord<String, byte[]>> refused(Envelope<?> event, ConsumerRecord<String, byte[]> record,
                                                            String reason) {
            WorkItem item = event.as(WorkItem.class);
            return publish(event, item, failed(item, inputOf(record),
                    new TaskFailureException("the task's result could not be published: " + reason)));
        }

        private List<ProducerRecord<String, byte[]>> publish(Envelope<?> event, WorkItem item, Object result) {
            TaskDefined task = item.task();
            return List.of(codec.record(Topics.results(service).name(), task.taskId(), codec.envelope(result,
                    task.release(), "result:" + task.taskId() + ":" + item.attempt(), event.traceparent())));
        }

        private static String inputOf(ConsumerRecord<String, byte[]> record) {
            return record.topic() + "/" + record.partition() + "@" + record.offset();
        }
    }

    private final WorkerStats stats = new WorkerStats();

    /** Items processed, failed and in flight, and processing time, by kind. */
    public WorkerStats stats() {
        return stats;
    }

    /** Runs the handler and counts the outcome; returns a {@link TaskCompleted} or a {@link TaskFailed}. */
    Object run(WorkItem item, String input) throws InterruptedException {
        long start = System.nanoTime();
        stats.started();
        boolean completed = false;
        try {
            Object result = attempt(item, input);
            completed = result instanceof TaskCompleted;
            return result;
        } finally {
            stats.finished(item.task().kind(), completed, System.nanoTime() - start);
        }
    }

    private Object attempt(WorkItem item, String input) throws InterruptedException {
        TaskDefined task = item.task();
        TaskHandler handler = handlers.get(task.kind());
        if (handler == null) {
            return failed(item, input, new TaskFailureException(
                    "the " + service.id() + " service has no handler for kind " + task.kind()));
        }
        long backoff = retry.initialBackoffMillis();
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            Path workDir = workRoot.resolve(service.id()).resolve(workDirName(task.taskId(), item.attempt()));
            try {
                resetDir(workDir);
                List<Artifact> artifacts = handler.handle(item, new TaskContext(store, workDir, resolver));
                LOG.info("{}: completed {} (attempt {}) in {} ms", service.id(), task.label(), item.attempt(),
                        (System.nanoTime() - start) / 1_000_000);
                return new TaskCompleted(task.release(), task.phase(), task.taskId(), task.label(), task.kind(),
                        item.attempt(), List.copyOf(artifacts));
            } catch (TaskFailureException e) {
                LOG.warn("{}: {} failed: {}", service.id(), task.label(), e.getMessage());
                return failed(item, input, e);
            } catch (IOException | TransientTaskException e) {
                if (attempt >= retry.attempts()) {
                    LOG.warn("{}: {} failed after {} tries: {}", service.id(), task.label(), attempt, e.toString());
                    return failed(item, input, e);
                }
                LOG.warn("{}: {} hit a transient error (try {} of {}), retrying in {} ms: {}", service.id(), task.label(),
                        attempt, retry.attempts(), backoff, e.toString());
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, retry.maxBackoffMillis());
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception | StackOverflowError | LinkageError | AssertionError e) {
                // A bug in one handler fails its task, visibly; other Errors (out of memory) take the process down.
                LOG.warn("{}: {} failed with an unexpected error", service.id(), task.label(), e);
                return failed(item, input, e);
            } finally {
                deleteQuietly(workDir);
            }
        }
    }

    private TaskFailed failed(WorkItem item, String input, Throwable e) {
        TaskDefined task = item.task();
        // Bounded so the failure always fits in a record, however long the message (a tool's whole output).
        String message = dev.relpromo.events.Bounded.error(
                e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getName() : e.getMessage());
        List<String> inputs = item.upstream().stream().flatMap(r -> r.artifacts().stream()).map(Artifact::uri).toList();
        return new TaskFailed(task.release(), task.phase(), task.taskId(), task.label(), task.kind(), item.attempt(),
                message, e.getClass().getSimpleName(), input, inputs);
    }

    /**
     * Task ids hold {@code /} and may be long; a work directory name must not. A readable prefix plus a hash of the
     * whole id keeps two ids that sanitise alike apart and bounds the length.
     */
    static String workDirName(String taskId, int attempt) {
        return SafeNames.encode(taskId, 60) + "-a" + attempt;
    }

    private static void resetDir(Path dir) throws IOException {
        deleteQuietly(dir);
        Files.createDirectories(dir);
    }

    private static void deleteQuietly(Path dir) {
        try {
            Trees.delete(dir);
        } catch (IOException e) {
            LOG.debug("cannot delete {}", dir, e);
        }
    }

    @Override
    public void close() {
        pipelines.forEach(TransactionalPipeline::close);
    }
}
