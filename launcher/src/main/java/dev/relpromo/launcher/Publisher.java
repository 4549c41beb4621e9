package dev.relpromo.launcher;

import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.PromotionRequested;
import dev.relpromo.events.RerunRequested;
import dev.relpromo.events.codec.Envelope;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.topics.Topics;
import dev.relpromo.kit.kafka.KafkaSettings;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Publishes operator events (builds, promotion and rerun requests), keyed by release as their consumers require. */
final class Publisher implements AutoCloseable {
    private final EventCodec codec = new EventCodec("/relpromo/cli");
    private final KafkaProducer<String, byte[]> producer;

    Publisher(KafkaSettings kafka) {
        this.producer = kafka.producer("relpromo-cli-" + kafka.instanceId());
    }

    void build(BuildCompleted build) throws IOException {
        send(Topics.BUILDS.name(), build.release(), build);
    }

    void promotion(PromotionRequested request) throws IOException {
        send(Topics.PROMOTIONS.name(), request.release(), request);
    }

    /** Keyed by release on {@code relpromo.reruns}, with the request id as the event id. */
    void rerun(RerunRequested request) throws IOException {
        send(Topics.RERUNS.name(), request.release(),
                codec.envelope(request, request.release(), request.requestId(), null));
    }

    private void send(String topic, String release, Object event) throws IOException {
        send(topic, release, codec.envelope(event, release));
    }

    private void send(String topic, String release, Envelope<?> event) throws IOException {
        try {
            producer.send(codec.record(topic, release, event)).get();
        } catch (ExecutionException e) {
            throw new IOException("cannot publish to " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while publishing to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
