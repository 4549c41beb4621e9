package dev.relpromo.launcher;

import dev.relpromo.events.Phase;
import dev.relpromo.graph.GraphQueries;
import dev.relpromo.graph.TaskView;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Follows one release phase until every RUNNABLE task has completed or one has failed, drawing a progress bar per
 * kind. A task is runnable when something in this process can complete it (a handler for its kind, the graph for
 * pseudo-kinds, a submitted build for an external node) and all its upstreams are runnable; the rest (e.g. mac and
 * Windows kinds whose services do not exist yet) is reported as waiting, never as done.
 */
public final class RunTracker {
    public record Outcome(boolean complete, boolean failed, List<TaskView> tasks, Set<String> runnable) {
        public List<TaskView> failures() {
            return tasks.stream().filter(t -> t.state().equals("failed") && runnable.contains(t.taskId())).toList();
        }
    }

    private final GraphQueries graph;
    private final String release;
    private final Phase phase;
    private final Predicate<TaskView> canRun;
    private final PrintStream out;

    public RunTracker(GraphQueries graph, String release, Phase phase, Predicate<TaskView> canRun, PrintStream out) {
        this.graph = graph;
        this.release = release;
        this.phase = phase;
        this.canRun = canRun;
        this.out = out;
    }

    public Outcome await(Duration timeout, int expectedMinimumTasks) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int drawn = 0;
        boolean tty = System.console() != null;
        long lastPrint = 0;
        while (true) {
            // Sealed first: the seal follows every definition of the phase, so the task list read after it is whole.
            boolean sealed = sealed();
            List<TaskView> tasks = snapshot();
            Set<String> runnable = runnable(tasks);
            boolean failed = tasks.stream().anyMatch(t -> runnable.contains(t.taskId()) && t.state().equals("failed"));
            boolean complete = sealed && tasks.size() >= expectedMinimumTasks && !runnable.isEmpty()
                    && tasks.stream().filter(t -> runnable.contains(t.taskId())).allMatch(t -> t.state().equals("completed"));
            boolean finished = complete || failed || System.nanoTime() > deadline;
            long now = System.nanoTime();
            if (tty || finished || now - lastPrint > 2_000_000_000L) {
                drawn = draw(tasks, runnable, tty ? drawn : 0);
                lastPrint = now;
            }
            if (finished) {
                return new Outcome(complete, failed, tasks, runnable);
            }
            Thread.sleep(250);
        }
    }

    private boolean sealed() {
        try {
            return graph.phases(release).stream().anyMatch(p -> p.phase() == phase && p.sealed());
        } catch (RuntimeException e) {
            return false; // stores still restoring
        }
    }

    private List<TaskView> snapshot() {
        try {
            return graph.tasks(release).stream().filter(t -> t.phase() == phase).toList();
        } catch (RuntimeException e) {
            return List.of(); // stores still restoring
        }
    }

    Set<String> runnable(List<TaskView> tasks) {
        Map<String, TaskView> byId = new HashMap<>();
        tasks.forEach(t -> byId.put(t.taskId(), t));
        Map<String, Boolean> memo = new HashMap<>();
        for (TaskView t : tasks) {
            isRunnable(t, byId, memo);
        }
        return memo.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet());
    }

    private boolean isRunnable(TaskView t, Map<String, TaskView> byId, Map<String, Boolean> memo) {
        Boolean known = memo.get(t.taskId());
        if (known != null) {
            return known;
        }
        memo.put(t.taskId(), false); // guards against cycles
        boolean ok = canRun.test(t) && t.upstreams().stream().allMatch(u -> byId.containsKey(u)
                && isRunnable(byId.get(u), byId, memo));
        memo.put(t.taskId(), ok);
        return ok;
    }

    /** One line per kind: a bar of completed runnable tasks, and counts by state. Returns lines drawn. */
    private int draw(List<TaskView> tasks, Set<String> runnable, int previousLines) {
        Map<String, int[]> kinds = new TreeMap<>(); // completed, running, pending, failed, waiting
        for (TaskView t : tasks) {
            int[] c = kinds.computeIfAbsent(t.kind(), k -> new int[5]);
            if (!runnable.contains(t.taskId()) && !t.state().equals("completed")) {
                c[4]++;
                continue;
            }
            switch (t.state()) {
                case "completed" -> c[0]++;
                case "running" -> c[1]++;
                case "failed" -> c[3]++;
                default -> c[2]++;
            }
        }
        StringBuilder sb = new StringBuilder();
        if (previousLines > 0) {
            sb.append("\033[").append(previousLines).append("A");
        }
        int width = kinds.keySet().stream().mapToInt(String::length).max().orElse(10);
        for (Map.Entry<String, int[]> e : kinds.entrySet()) {
            int[] c = e.getValue();
            int total = c[0] + c[1] + c[2] + c[3];
            int filled = total == 0 ? 0 : (int) Math.round(20.0 * c[0] / total);
            sb.append(String.format("%-" + width + "s [%s%s] %3d/%-3d", e.getKey(), "#".repeat(filled),
                    "-".repeat(20 - filled), c[0], total));
            if (c[1] > 0) {
                sb.append(" running ").append(c[1]);
            }
            if (c[3] > 0) {
                sb.append(" FAILED ").append(c[3]);
            }
            if (c[4] > 0) {
                sb.append(" (").append(c[4]).append(" waiting for services not in this build)");
            }
            sb.append("\033[K\n");
        }
        if (System.console() == null) {
            out.print(sb.toString().replaceAll("\033\\[[0-9]*[AK]", ""));
            out.println();
        } else {
            out.print(sb);
        }
        out.flush();
        return kinds.size();
    }
}
