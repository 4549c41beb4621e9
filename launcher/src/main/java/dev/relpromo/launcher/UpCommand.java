package dev.relpromo.launcher;

import dev.relpromo.kit.work.BuildSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run every service in this process until interrupted, with the status API (state kept in --data).")
final class UpCommand implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "relpromo-data", description = "Kafka data, Streams state, artifacts, keys. Default: ${DEFAULT-VALUE}")
    Path data;

    @Option(names = "--store", paramLabel = "DIR|s3://BUCKET[/PREFIX]",
            description = {"The artifact store: a directory or an S3 bucket (RELPROMO_S3_ENDPOINT, RELPROMO_S3_REGION,",
                    "RELPROMO_S3_PATH_STYLE, AWS credentials). Default: the store directory below --data."})
    String store;

    @Option(names = "--partners", paramLabel = "DIR", description = "Partner configuration for promotions and auto-promotion.")
    Path partners;

    @Option(names = "--auto-promote", negatable = true, defaultValue = "true",
            description = "Promote a release automatically on its first build-completed event. Default: ${DEFAULT-VALUE}")
    boolean autoPromote;

    @Option(names = "--http-port", defaultValue = "8080", description = "Status API port. Default: ${DEFAULT-VALUE}")
    int httpPort;

    @Option(names = "--build-source", paramLabel = "DIR|URL",
            description = {"A directory or http(s) URL prefix that build-completed events may reference (repeatable;",
                    "env RELPROMO_BUILD_SOURCES, comma-separated). Default: none, only the artifact store."})
    List<String> buildSources = new ArrayList<>();

    @Mixin
    KafkaOptions kafka;

    static final String BUILD_SOURCE_HINT =
            "allow it with 'relpromo up --build-source DIR|URL' or RELPROMO_BUILD_SOURCES";

    /** The --build-source options, or else the environment's comma-separated list. */
    static BuildSources buildSources(List<String> options, String env) {
        List<String> entries = !options.isEmpty() || env == null ? options : List.of(env);
        return BuildSources.parse(entries, BUILD_SOURCE_HINT);
    }

    @Override
    public Integer call() throws Exception {
        Stack.Options options = new Stack.Options(data.resolve("state"),
                store != null ? store : data.resolve("store").toString(), data.resolve("keys"),
                kafka.bootstrap(), kafka.client(), partners, autoPromote && partners != null, httpPort, kafka.instanceId, 2,
                buildSources(buildSources, System.getenv("RELPROMO_BUILD_SOURCES")), kafka.replication());
        Foreground.run(untilStopped -> {
            try (Stack stack = new Stack(options).start()) {
                new Endpoints(stack.bootstrapServers(), stack.statusUri()).write(data);
                System.out.println("relpromo up: Kafka " + stack.bootstrapServers() + ", status API " + stack.statusUri()
                        + "/api/releases, artifacts in " + stack.store().describe()
                        + (stack.artifactsUri() == null ? "" : ", served at " + stack.artifactsUri()));
                System.out.println("  build sources: " + options.buildSources().describe());
                if (partners == null) {
                    System.out.println("  no --partners: promotion requests without a partner configuration will be refused");
                }
                Foreground.report(stack, untilStopped);
            } finally {
                Endpoints.remove(data);
            }
        });
        return 0;
    }
}
