package dev.relpromo.launcher;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run every service in this process until interrupted, with the status API (state kept in --data).")
final class UpCommand implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "relpromo-data", description = "Kafka data, Streams state, artifacts, keys. Default: ${DEFAULT-VALUE}")
    Path data;

    @Option(names = "--partners", paramLabel = "DIR", description = "Partner configuration for promotions and auto-promotion.")
    Path partners;

    @Option(names = "--auto-promote", negatable = true, defaultValue = "true",
            description = "Promote a release automatically on its first build-completed event. Default: ${DEFAULT-VALUE}")
    boolean autoPromote;

    @Option(names = "--http-port", defaultValue = "8080", description = "Status API port. Default: ${DEFAULT-VALUE}")
    int httpPort;

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() throws Exception {
        Stack.Options options = new Stack.Options(data.resolve("state"), data.resolve("store"), data.resolve("keys"),
                kafka.bootstrap(), kafka.client(), partners, autoPromote && partners != null, httpPort, kafka.instanceId, 2, kafka.replication());
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C: let the main thread close the stack cleanly (commit, leave the group) before the JVM exits.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try (Stack stack = new Stack(options).start()) {
            new Endpoints(stack.bootstrapServers(), stack.statusUri()).write(data);
            System.out.println("relpromo up: Kafka " + stack.bootstrapServers() + ", status API " + stack.statusUri()
                    + "/api/releases, artifacts in " + stack.store().root());
            if (partners == null) {
                System.out.println("  no --partners: promotion requests without a partner configuration will be refused");
            }
            stop.await();
        } finally {
            Endpoints.remove(data);
            stopped.countDown();
        }
        return 0;
    }
}
