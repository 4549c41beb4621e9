package dev.relpromo.kit.work;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskFailed;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.codec.Envelope;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.topics.Topics;
import dev.relpromo.kit.kafka.KafkaSettings;
import dev.relpromo.kit.kafka.TransactionalPipeline;
import dev.relpromo.kit.store.ArtifactStore;
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
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final Service service;
    private final Map<String, TaskHandler> handlers;
    private final ArtifactStore store;
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
        this.service = service;
        this.handlers = Map.copyOf(handlers);
        this.store = store;
        this.workRoot = workRoot;
        this.retry = retry;
        this.codec = new EventCodec("/relpromo/" + service.id());
        for (int i = 0; i < concurrency; i++) {
            KafkaSettings slot = new KafkaSettings(kafka.bootstrapServers(), kafka.client(),
                    kafka.instanceId() + "-" + i, kafka.replicationFactor());
            pipelines.add(new TransactionalPipeline(service.id(), slot, List.of(Topics.work(service).name()), codec,
                    this::process,
                    // One item per poll, and a poll interval long enough for the slowest task (a large xz repack).
                    Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                            ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 2 * 60 * 60 * 1000)));
        }
    }

    public Service service() {
        return service;
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

    private List<ProducerRecord<String, byte[]>> process(Envelope<?> event, ConsumerRecord<String, byte[]> record)
            throws InterruptedException {
        WorkItem item = event.as(WorkItem.class);
        TaskDefined task = item.task();
        String input = record.topic() + "/" + record.partition() + "@" + record.offset();
        Object result = run(item, input);
        String results = Topics.results(service).name();
        return List.of(codec.record(results, task.taskId(), codec.envelope(result, task.release(),
                "result:" + task.taskId() + ":" + item.attempt(), event.traceparent())));
    }

    /** Runs the handler; returns a {@link TaskCompleted} or a {@link TaskFailed}. */
    Object run(WorkItem item, String input) throws InterruptedException {
        TaskDefined task = item.task();
        TaskHandler handler = handlers.get(task.kind());
        if (handler == null) {
            return failed(item, input, new TaskFailureException(
                    "the " + service.id() + " service has no handler for kind " + task.kind()));
        }
        long backoff = retry.initialBackoffMillis();
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            Path workDir = workRoot.resolve(service.id()).resolve(safeDirName(task.taskId()) + "-a" + item.attempt());
            try {
                resetDir(workDir);
                List<Artifact> artifacts = handler.handle(item, new TaskContext(store, workDir, new ArtifactResolver(store)));
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
            } catch (Exception e) {
                LOG.warn("{}: {} failed with an unexpected error", service.id(), task.label(), e);
                return failed(item, input, e);
            } finally {
                deleteQuietly(workDir);
            }
        }
    }

    private TaskFailed failed(WorkItem item, String input, Exception e) {
        TaskDefined task = item.task();
        // Bounded so the failure always fits in a record, however long the message (a tool's whole output).
        String message = dev.relpromo.events.Bounded.error(
                e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getName() : e.getMessage());
        List<String> inputs = item.upstream().stream().flatMap(r -> r.artifacts().stream()).map(Artifact::uri).toList();
        return new TaskFailed(task.release(), task.phase(), task.taskId(), task.label(), task.kind(), item.attempt(),
                message, e.getClass().getSimpleName(), input, inputs);
    }

    /** Task ids hold {@code /}; a work directory name must not. */
    static String safeDirName(String taskId) {
        return taskId.replaceAll("[^A-Za-z0-9._-]", "_");
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
