package dev.relpromo.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * One service alone, as its container runs it: against an existing cluster ({@code relpromo broker} for a local
 * one) and a shared artifact store, with {@code /health} and {@code /prometheus} (and the status API for the graph).
 * Settings not given as options come from the environment ({@code RELPROMO_<SETTING>}).
 */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = "Run one service (graph, planner, repack, signing, beetmover) alone until interrupted.")
final class ServiceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The service to run.")
    String name;

    @Option(names = "--store", paramLabel = "DIR|s3://BUCKET[/PREFIX]", defaultValue = "${env:RELPROMO_STORE}",
            description = {"The artifact store shared by every service (env RELPROMO_STORE): a directory or an S3",
                    "bucket (RELPROMO_S3_ENDPOINT, RELPROMO_S3_REGION, RELPROMO_S3_PATH_STYLE, AWS credentials)."})
    String store;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:RELPROMO_DATA}",
            description = "This process's own state: Streams stores, work directories, keys (env RELPROMO_DATA; default relpromo-NAME).")
    Path data;

    @Option(names = "--http-port", defaultValue = "8080", description = "HTTP port for /health, /prometheus (and the graph's /api). Default: ${DEFAULT-VALUE}")
    int httpPort;

    @Option(names = "--http-host", defaultValue = "0.0.0.0", description = "HTTP bind address. Default: ${DEFAULT-VALUE}")
    String httpHost;

    @Option(names = "--partners", paramLabel = "DIR", description = "planner: the partner configuration (env RELPROMO_PARTNERS).")
    Path partners;

    @Option(names = "--keys", paramLabel = "DIR", description = "signing: the local key directory (env RELPROMO_KEYS; default DATA/keys).")
    Path keys;

    @Option(names = "--concurrency", paramLabel = "N", description = "workers: items run at once (env RELPROMO_CONCURRENCY; default 1).")
    Integer concurrency;

    @Option(names = "--build-source", paramLabel = "DIR|URL",
            description = "workers: a directory or http(s) URL prefix builds may be read from (repeatable; env RELPROMO_BUILD_SOURCES).")
    List<String> buildSources = new ArrayList<>();

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() throws Exception {
        if (kafka.bootstrap() == null) {
            throw new IllegalArgumentException("relpromo service needs a Kafka cluster: --bootstrap-servers or "
                    + "KAFKA_BOOTSTRAP_SERVERS (for a local one, run 'relpromo broker')");
        }
        if (store == null) {
            throw new IllegalArgumentException("relpromo service needs the shared artifact store: --store DIR|s3://BUCKET[/PREFIX] or RELPROMO_STORE");
        }
        Path state = data != null ? data : Path.of("relpromo-" + name);
        Map<String, String> settings = new HashMap<>();
        if (partners != null) {
            settings.put("partners", partners.toString());
        }
        if (keys != null) {
            settings.put("keys", keys.toString());
        }
        if (concurrency != null) {
            settings.put("concurrency", concurrency.toString());
        }
        Stack.Options options = new Stack.Options(state, store, null, kafka.bootstrap(), kafka.client(), null, true,
                httpPort, kafka.instanceId, 0,
                UpCommand.buildSources(buildSources, System.getenv("RELPROMO_BUILD_SOURCES")), kafka.replication());
        Foreground.run(untilStopped -> {
            try (Stack stack = new Stack(options).only(Set.of(name)).settings(settings).httpHost(httpHost).start()) {
                System.out.println("relpromo service " + name + ": Kafka " + stack.bootstrapServers() + ", HTTP "
                        + stack.statusUri() + " (/health, /prometheus" + (stack.graph() != null ? ", /api/releases" : "")
                        + "), artifacts in " + stack.store().describe()
                        + (stack.artifactsUri() == null ? "" : " (served at " + stack.artifactsUri() + ")") + ", instance " + stack.kafka().instanceId());
                Foreground.report(stack, untilStopped);
            }
        });
        return 0;
    }
}
