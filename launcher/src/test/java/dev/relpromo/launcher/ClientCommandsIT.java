package dev.relpromo.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relpromo.events.Platform;
import dev.relpromo.events.codec.CeHeaders;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** submit-build, promote and status against a running stack found through its data directory, as with 'up'. */
class ClientCommandsIT {
    static final String RELEASE = "Firefox-135.0-build3";
    static final String OUTSIDE_RELEASE = "Firefox-135.0-build4";

    @TempDir
    Path dir;

    @Test
    void submitBuildsPromotesAutomaticallyStatusShowsItAndARefusedRequestIsDeadLettered() throws Exception {
        Path partners = dir.resolve("partners");
        SampleRelease.writePartnerConfig(partners);
        Path builds = dir.resolve("builds");
        for (String locale : List.of("de", "fr")) {
            Path f = Files.createDirectories(builds.resolve("linux-x86_64").resolve(locale)).resolve("target.tar.xz");
            Files.write(f, SampleRelease.linuxBuild("135.0", locale, "tar.xz", Platform.LINUX64));
        }
        Path elsewhere = dir.resolve("elsewhere");
        Path outsideBuild = Files.createDirectories(elsewhere.resolve("linux-x86_64/de")).resolve("target.tar.xz");
        Files.write(outsideBuild, SampleRelease.linuxBuild("135.0", "de", "tar.xz", Platform.LINUX64));
        Path data = dir.resolve("data");
        // as 'relpromo up --build-source <builds>'
        Stack.Options options = new Stack.Options(data.resolve("state"), data.resolve("store").toString(), data.resolve("keys"),
                null, Map.of(), partners, true, 0, "clients-it", 1,
                UpCommand.buildSources(List.of(builds.toString()), null));
        try (Stack stack = new Stack(options).start()) {
            new Endpoints(stack.bootstrapServers(), stack.statusUri()).write(data);

            RunCommandIT.Result submitted = RunCommandIT.relpromo("submit-build", "--data", data.toString(),
                    "--release", RELEASE, "--builds", builds.toString());
            assertThat(submitted.code()).as(submitted.err()).isZero();

            // With linux-x86_64 de and fr builds: acme-1 de, acme-2 de, de-CH (from de) and fr, globex-eu de and fr.
            await().atMost(Duration.ofMinutes(2)).until(() -> RunCommandIT.relpromo("status", "--data", data.toString(),
                    RELEASE).out().matches("(?s).*release-partner-repack-beetmover\\s+\\d+\\s+0\\s+6\\s+0.*"));
            RunCommandIT.Result status = RunCommandIT.relpromo("status", "--data", data.toString(), RELEASE);
            assertThat(status.code()).isZero();
            assertThat(status.out()).contains(RELEASE + " promote: in progress", "partner config sha256:");

            RunCommandIT.Result refused = RunCommandIT.relpromo("promote", "--data", data.toString(), "--release", RELEASE,
                    "--partners", "nobody", "--partner-build-number", "2");
            assertThat(refused.code()).isZero();
            try (KafkaConsumer<String, byte[]> reader = stack.kafka().consumer("clients-it-dlq", Map.of())) {
                reader.subscribe(List.of(Topics.deadLetters("planner").name()));
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    for (var r : reader.poll(Duration.ofMillis(200))) {
                        String reason = EventCodec.header(r.headers(), CeHeaders.DLQ_REASON);
                        if (RELEASE.equals(r.key()) && reason.contains("nobody")) {
                            return true;
                        }
                    }
                    return false;
                });
            }
            assertThat(RunCommandIT.relpromo("status", "--data", data.toString(), "Firefox-1.0-build1").code()).isEqualTo(1);

            // builds outside the build sources: the repacks fail without reading them, saying how to allow them
            RunCommandIT.Result outside = RunCommandIT.relpromo("submit-build", "--data", data.toString(),
                    "--release", OUTSIDE_RELEASE, "--builds", elsewhere.toString());
            assertThat(outside.code()).as(outside.err()).isZero();
            await().atMost(Duration.ofMinutes(2)).until(() -> RunCommandIT.relpromo("status", "--data", data.toString(),
                    OUTSIDE_RELEASE).out().matches("(?s).*release-partner-repack\\s+\\d+\\s+0\\s+0\\s+[1-9].*"));
            RunCommandIT.Result refusedStatus = RunCommandIT.relpromo("status", "--data", data.toString(), OUTSIDE_RELEASE);
            assertThat(refusedStatus.code()).isEqualTo(1);
            assertThat(refusedStatus.out()).contains("refusing to read artifact target.tar.xz: " + outsideBuild.toUri()
                    + " is outside the build sources", "(" + UpCommand.BUILD_SOURCE_HINT + ")");
        }
    }
}
