package dev.relpromo.launcher;

import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.ReleaseName;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "submit-build", mixinStandardHelpOptions = true,
        description = {"Announce signed builds to a running stack: one build-completed event per platform of --builds",
                "(<ftp_platform>/<locale>/target.<ext>; the files are referenced where they are, with their sha512)."})
final class SubmitBuildCommand implements Callable<Integer> {
    @Option(names = "--release", required = true, paramLabel = "Product-version-buildN")
    String release;

    @Option(names = "--builds", required = true, paramLabel = "DIR")
    Path builds;

    @picocli.CommandLine.Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        ReleaseName.parse(release);
        List<BuildCompleted> events = BuildsDirectory.scan(builds, release);
        try (Publisher publisher = client.publisher()) {
            for (BuildCompleted e : events) {
                publisher.build(e);
                System.out.println("submitted " + e.signingTask() + ": " + e.locales().size() + " locale(s)");
            }
        }
        return 0;
    }
}
