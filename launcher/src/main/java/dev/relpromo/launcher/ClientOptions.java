package dev.relpromo.launcher;

import dev.relpromo.kit.kafka.KafkaSettings;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How a client command reaches a running stack: explicit Kafka options, else the endpoints of 'relpromo up'. */
final class ClientOptions {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--data", defaultValue = "relpromo-data", description = "The data directory of a running 'relpromo up'. Default: ${DEFAULT-VALUE}")
    Path data;

    Publisher publisher() throws IOException {
        String bootstrap = kafka.bootstrap();
        if (bootstrap == null) {
            bootstrap = Endpoints.read(data).map(Endpoints::bootstrapServers).orElseThrow(() -> new IllegalArgumentException(
                    "no running 'relpromo up' found in " + data.toAbsolutePath() + "; pass --data or --bootstrap-servers"));
        }
        // A client tool only publishes (no transactions): its id just names it in the broker's logs.
        String id = kafka.instanceId != null ? kafka.instanceId : "cli-" + ProcessHandle.current().pid();
        return new Publisher(new KafkaSettings(bootstrap, kafka.client(), id, (short) 1));
    }
}
