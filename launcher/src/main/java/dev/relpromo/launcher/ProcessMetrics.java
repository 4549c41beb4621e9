package dev.relpromo.launcher;

import dev.relpromo.graph.GraphService;
import dev.relpromo.kit.app.RunningService;
import dev.relpromo.kit.kafka.PipelineOptions;
import dev.relpromo.kit.work.Worker;
import dev.relpromo.kit.work.WorkerStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The process's own meters for {@code /prometheus}: per worker and kind, items completed and failed, processing
 * time, items in flight and dead letters; Kafka client metrics of every pipeline's consumer and producer (rebound
 * when a pipeline replaces its clients); the graph's Kafka Streams metrics. Services may start before or after the
 * HTTP edge binds this, so everything is remembered and bound when the registry arrives.
 */
final class ProcessMetrics implements MeterBinder, PipelineOptions.ClientListener {
    private final List<RunningService> services = new ArrayList<>();
    private final Map<Object, List<KafkaClientMetrics>> clients = new IdentityHashMap<>();
    private MeterRegistry registry;

    synchronized void add(RunningService service) {
        services.add(service);
        if (registry != null) {
            bind(service);
        }
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        this.registry = registry;
        services.forEach(this::bind);
        clients.values().forEach(meters -> meters.forEach(m -> m.bindTo(registry)));
    }

    private void bind(RunningService service) {
        if (service instanceof Worker worker) {
            String name = worker.service().id();
            WorkerStats stats = worker.stats();
            for (String kind : worker.kinds()) {
                WorkerStats.Kind k = stats.kind(kind);
                FunctionCounter.builder("relpromo.worker.items", k, WorkerStats.Kind::completed)
                        .description("work items finished, by outcome")
                        .tags("service", name, "kind", kind, "outcome", "completed").register(registry);
                FunctionCounter.builder("relpromo.worker.items", k, WorkerStats.Kind::failed)
                        .description("work items finished, by outcome")
                        .tags("service", name, "kind", kind, "outcome", "failed").register(registry);
                FunctionTimer.builder("relpromo.worker.processing", k, WorkerStats.Kind::finished,
                                WorkerStats.Kind::seconds, TimeUnit.SECONDS)
                        .description("time spent processing work items, retries included")
                        .tags("service", name, "kind", kind).register(registry);
            }
            Gauge.builder("relpromo.worker.in.flight", stats, WorkerStats::inFlight)
                    .description("work items being processed now").tag("service", name).register(registry);
            FunctionCounter.builder("relpromo.worker.dead.lettered", worker, Worker::deadLettered)
                    .description("work items sent to the dead-letter topic").tag("service", name).register(registry);
        }
        service.facet(GraphService.class).ifPresent(graph -> new KafkaStreamsMetrics(graph.client()).bindTo(registry));
    }

    @Override
    public synchronized void opened(String name, org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                                    org.apache.kafka.clients.producer.Producer<?, ?> producer) {
        List<KafkaClientMetrics> meters = List.of(new KafkaClientMetrics(consumer), new KafkaClientMetrics(producer));
        clients.put(consumer, meters);
        if (registry != null) {
            meters.forEach(m -> m.bindTo(registry));
        }
    }

    @Override
    public synchronized void closed(String name, org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                                    org.apache.kafka.clients.producer.Producer<?, ?> producer) {
        List<KafkaClientMetrics> meters = clients.remove(consumer);
        if (meters != null) {
            meters.forEach(KafkaClientMetrics::close);
        }
    }
}
