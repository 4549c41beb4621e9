package dev.relpromo.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code relpromo} command line. */
@Command(name = "relpromo", mixinStandardHelpOptions = true, version = "relpromo 0.1.0",
        description = "Event-driven release promotion on Kafka: partner repacks, signing, publication.",
        subcommands = {DemoCommand.class, RunCommand.class, UpCommand.class, ServiceCommand.class, BrokerCommand.class,
                SubmitBuildCommand.class, PromoteCommand.class,
                StatusCommand.class, RerunCommand.class,
                CheckPartnersCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Relpromo {
    public static void main(String[] args) {
        int code = new CommandLine(new Relpromo())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("relpromo: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    if (System.getenv("RELPROMO_DEBUG") != null) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return 2;
                })
                .execute(args);
        System.exit(code);
    }
}
