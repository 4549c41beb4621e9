package dev.relpromo.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the launcher again in a fresh JVM (the same java binary and classpath) with a heap limit of its own, its
 * output going straight to ours. Used where a memory claim must be tested rather than inferred: in the child an
 * {@link OutOfMemoryError} really happens and shows as a failed run.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * @param maxHeap the child's {@code -Xmx} value, for example {@code 512m}
     * @param args    the {@code relpromo} arguments for the child
     * @return the child's exit code
     */
    static int run(String maxHeap, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + maxHeap, "-cp",
                System.getProperty("java.class.path"), Relpromo.class.getName()));
        command.addAll(args);
        System.out.println("running in a child JVM with -Xmx" + maxHeap + ": relpromo " + String.join(" ", args));
        System.out.flush();
        Process child = new ProcessBuilder(command).inheritIO().start();
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            child.destroy(); // do not leave a benchmark running behind an interrupted parent
            throw e;
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
