package dev.relpromo.launcher;

import dev.relpromo.graph.TaskView;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.kit.store.StoredObject;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** What a one-shot run prints at the end: failures with their errors, what is still waiting, and where files are. */
final class Outcomes {
    private Outcomes() {
    }

    static int report(RunTracker.Outcome outcome, ArtifactStore store, String candidatesPrefix,
                      PrintStream out) throws IOException {
        return report(outcome, store, candidatesPrefix, key -> true, out);
    }

    /** As above, listing only the keys below {@code prefix} that {@code listed} accepts. */
    static int report(RunTracker.Outcome outcome, ArtifactStore store, String candidatesPrefix,
                      java.util.function.Predicate<String> listed, PrintStream out) throws IOException {
        for (TaskView f : outcome.failures()) {
            out.println("FAILED " + f.label() + " (attempt " + f.attempt() + "): " + f.error()
                    + (f.input() == null ? "" : " [input " + f.input() + "]"));
        }
        long waiting = outcome.tasks().stream().filter(t -> !outcome.runnable().contains(t.taskId())
                && !t.state().equals("completed")).count();
        if (waiting > 0) {
            out.println(waiting + " task(s) wait for a service or a build that is not part of this run (a platform"
                    + " or locale without a build waits for its build-completed event).");
        }
        List<String> published = store.list(candidatesPrefix).stream().filter(listed).toList();
        out.println();
        out.println("Published under " + candidatesPrefix + " in " + store.describe() + ":");
        for (String key : published) {
            out.printf("  %-100s %,12d bytes%n", key.substring(candidatesPrefix.length()).replaceFirst("^/", ""),
                    store.stat(key).map(StoredObject::size).orElse(0L));
        }
        if (outcome.complete()) {
            out.println("\nEvery runnable task completed.");
            return 0;
        }
        out.println(outcome.failed() ? "\nSome tasks failed." : "\nTimed out before every runnable task completed.");
        return 1;
    }
}
