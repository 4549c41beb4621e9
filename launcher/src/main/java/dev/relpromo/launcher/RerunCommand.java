package dev.relpromo.launcher;

import dev.relpromo.events.Phase;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.events.RerunRequested;
import dev.relpromo.events.TaskIds;
import dev.relpromo.graph.TaskView;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rerun", mixinStandardHelpOptions = true,
        description = {"Run a task of a release again with a new attempt (asks a running 'relpromo up').",
                "Its dependents run again if its new artifacts differ, or all of them with --with-dependents.",
                "The phase completes once every task of the plan has completed in its current attempt."})
final class RerunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RELEASE", description = "e.g. Firefox-135.0-build1")
    String release;

    @Parameters(index = "1", paramLabel = "TASK", description = "a task label, or a task id <release>/<label>")
    String task;

    @Option(names = "--phase", description = "The phase the task must belong to: promote, push or ship.")
    String phase;

    @Option(names = "--with-dependents", description = "Also run every task downstream of it again.")
    boolean withDependents;

    @Option(names = "--url", defaultValue = "${env:RELPROMO_URL}",
            description = "The status API (env RELPROMO_URL). Default: the 'relpromo up' running on --data, else http://127.0.0.1:8080")
    URI url;

    @Option(names = "--wait", defaultValue = "PT10S", description = "How long to wait for the new attempt. Default: ${DEFAULT-VALUE}")
    Duration wait;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        ReleaseName.parse(release);
        Phase requiredPhase = phase == null ? null : Phase.of(phase);
        String taskId = task.contains("/") ? task : TaskIds.of(release, task);
        StatusApi api = StatusApi.of(url, client.data);
        // Checked first when the status API answers, so a typo gets a clear error rather than a dead letter.
        Optional<TaskView> before = find(api, taskId);
        if (before != null && before.isEmpty()) {
            System.err.println("relpromo: " + release + " has no task " + task + " (see 'relpromo status " + release + "')");
            return 1;
        }
        if (before != null && requiredPhase != null && before.get().phase() != requiredPhase) {
            System.err.println("relpromo: " + task + " is in phase " + before.get().phase().id() + ", not " + phase);
            return 1;
        }
        RerunRequested request = new RerunRequested(release, requiredPhase, task, withDependents,
                System.getProperty("user.name", "relpromo"), UUID.randomUUID().toString());
        try (Publisher publisher = client.publisher()) {
            publisher.rerun(request);
        }
        System.out.println("requested a rerun of " + task + (withDependents ? " and its dependents" : ""));
        if (before == null) {
            System.out.println("the status API does not answer; follow it with 'relpromo status " + release + "'");
            return 0;
        }
        int old = before.get().attempt();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<TaskView> now = find(api, taskId);
            if (now != null && now.isPresent() && now.get().attempt() > old) {
                System.out.println(now.get().label() + ": attempt " + now.get().attempt() + " (" + now.get().state() + ")");
                return 0;
            }
            Thread.sleep(250);
        }
        System.out.println("the graph has not taken the request yet (a refused rerun goes to relpromo.dlq.graph "
                + "with the reason); follow it with 'relpromo status " + release + "'");
        return 0;
    }

    /** The task as the status API shows it; empty if the release or task is unknown, null if the API is not there. */
    private Optional<TaskView> find(StatusApi api, String taskId) throws InterruptedException {
        try {
            Optional<List<TaskView>> tasks = api.tasks(release, null);
            return tasks.flatMap(all -> all.stream().filter(t -> t.taskId().equals(taskId)).findFirst());
        } catch (IOException e) {
            return null; // nothing answers, or the stores are moving: publish without the check
        }
    }
}
