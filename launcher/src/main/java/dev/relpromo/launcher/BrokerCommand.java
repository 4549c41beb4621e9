package dev.relpromo.launcher;

import dev.relpromo.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded single-node KRaft broker alone, for services run as separate processes on one machine (or in a
 * container: bind 0.0.0.0 and advertise the container's name). Not for production: one node, no replication.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run only the embedded single-node Kafka (KRaft) broker until interrupted.")
final class BrokerCommand implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "relpromo-broker", description = "Log directory (kept across restarts). Default: ${DEFAULT-VALUE}")
    Path data;

    @Option(names = "--port", defaultValue = "9092", description = "Client port. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--controller-port", description = "KRaft controller port (on 127.0.0.1). Default: port + 1")
    Integer controllerPort;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address the client listener binds. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--advertised-host", description = "Host name clients are told to use. Default: --host, or this machine's name when binding 0.0.0.0")
    String advertisedHost;

    @Override
    public Integer call() throws Exception {
        int controller = controllerPort != null ? controllerPort : port + 1;
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder().dataDir(data).brokerPort(port)
                .controllerPort(controller);
        String advertised = advertisedHost != null ? advertisedHost
                : host.equals("0.0.0.0") ? java.net.InetAddress.getLocalHost().getHostName() : host;
        if (!host.equals("127.0.0.1") || !advertised.equals("127.0.0.1")) {
            builder.property("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://127.0.0.1:" + controller)
                    .property("advertised.listeners", "PLAINTEXT://" + advertised + ":" + port);
        }
        Foreground.run(untilStopped -> {
            try (EmbeddedKafkaBroker broker = builder.build().start()) {
                System.out.println("relpromo broker: Kafka at " + advertised + ":" + port + " (data in "
                        + data.toAbsolutePath() + ")");
                untilStopped.run();
            }
        });
        return 0;
    }
}
