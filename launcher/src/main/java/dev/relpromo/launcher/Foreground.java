package dev.relpromo.launcher;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs something until the process is interrupted (Ctrl-C, SIGTERM from an orchestrator), then closes it cleanly
 * (commit, leave the group) before the JVM exits. A fatal error in a component exits the process non-zero on its
 * own (see the kit's FatalErrorHandler); while running, every change of a component's state is printed.
 */
final class Foreground {
    private Foreground() {
    }

    @FunctionalInterface
    interface Body {
        void run(Runnable untilStopped) throws Exception;
    }

    static void run(Body body) throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            body.run(() -> {
                try {
                    stop.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        } finally {
            stopped.countDown();
        }
    }

    /** Prints the stack's components, then each change of their state, until stopped. */
    static void report(Stack stack, Runnable untilStopped) {
        ComponentReport report = new ComponentReport(stack);
        report.print(System.out);
        Thread watcher = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(2000);
                    report.printChanges(System.out);
                }
            } catch (InterruptedException e) {
                // stopping
            }
        }, "relpromo-component-report");
        watcher.setDaemon(true);
        watcher.start();
        untilStopped.run();
        watcher.interrupt();
    }
}
