package dev.relpromo.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relpromo.events.PhaseStatus;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.graph.TaskView;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Per phase and kind, task counts by state, the failed tasks with their errors and the attempt of every rerun task (asks a running 'relpromo up').")
final class StatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RELEASE", description = "e.g. Firefox-135.0-build1")
    String release;

    @Option(names = "--url", defaultValue = "${env:RELPROMO_URL}",
            description = "The status API (env RELPROMO_URL). Default: the 'relpromo up' running on --data, else http://127.0.0.1:8080")
    URI url;

    @Option(names = "--data", defaultValue = "relpromo-data", description = "The data directory of a running 'relpromo up'. Default: ${DEFAULT-VALUE}")
    java.nio.file.Path data;

    @Override
    public Integer call() throws IOException, InterruptedException {
        StatusApi api = StatusApi.of(url, data);
        List<PhaseStatus> phases = new ArrayList<>();
        List<TaskView> rerun;
        try {
            Optional<JsonNode> body = api.release(release, "");
            if (body.isEmpty()) {
                System.err.println("relpromo: release " + release + " is unknown to the graph at " + api.base());
                return 1;
            }
            for (JsonNode p : body.get().get("phases")) {
                phases.add(EventCodec.mapper().treeToValue(p, PhaseStatus.class));
            }
            rerun = api.tasks(release, 2).orElse(List.of());
        } catch (ConnectException e) {
            System.err.println("relpromo: nothing answers at " + api.base() + " (start one with 'relpromo up', or pass --url)");
            return 2;
        } catch (StatusApi.Unavailable e) {
            System.err.println("relpromo: " + e.getMessage());
            return 2;
        }
        System.out.print(render(phases, rerun));
        return phases.stream().anyMatch(p -> !p.failed().isEmpty()) ? 1 : 0;
    }

    /**
     * A table per phase: kind, pending, running, completed, failed; then the failures, and every task that has had
     * more than one attempt (reruns) with its current attempt.
     */
    static String render(List<PhaseStatus> phases, List<TaskView> rerun) {
        StringBuilder sb = new StringBuilder();
        for (PhaseStatus p : phases) {
            sb.append(p.release()).append(" ").append(p.phase().id()).append(": ")
                    .append(p.complete() ? "complete" : p.sealed() ? "in progress" : "being planned")
                    .append(" (").append(p.total().completed()).append("/").append(p.taskCount()).append(" tasks")
                    .append(p.configHash() == null ? "" : ", partner config " + p.configHash()).append(")\n");
            int width = p.kinds().keySet().stream().mapToInt(String::length).max().orElse(4);
            sb.append(String.format("  %-" + width + "s %8s %8s %10s %7s%n", "kind", "pending", "running", "completed", "failed"));
            for (Map.Entry<String, PhaseStatus.Counts> k : p.kinds().entrySet()) {
                PhaseStatus.Counts c = k.getValue();
                sb.append(String.format("  %-" + width + "s %8d %8d %10d %7d%n", k.getKey(), c.pending(), c.running(),
                        c.completed(), c.failed()));
            }
            for (PhaseStatus.FailedTask f : p.failed()) {
                sb.append("  FAILED ").append(f.label()).append(" (attempt ").append(f.attempt()).append("): ")
                        .append(f.error());
                if (f.input() != null) {
                    sb.append(" [input ").append(f.input()).append("]");
                }
                sb.append('\n');
            }
            if (p.kinds().containsKey(Kinds.PARTNER_ATTRIBUTION.name())) {
                sb.append("  note: partner attribution covers Windows installers only; macOS attribution of a dmg is")
                        .append(" not done in this version (mac entries of attribution_config.yml are skipped)\n");
            }
            if (p.failedOmitted() != null && p.failedOmitted() > 0) {
                sb.append("  … and ").append(p.failedOmitted()).append(" more failed tasks (all of them: ")
                        .append("/api/releases/").append(p.release()).append("/tasks?state=failed)\n");
            }
            for (TaskView t : rerun) {
                if (t.phase() == p.phase()) {
                    sb.append("  attempt ").append(t.attempt()).append(" of ").append(t.label()).append(": ")
                            .append(t.state()).append('\n');
                }
            }
        }
        return sb.toString();
    }
}
