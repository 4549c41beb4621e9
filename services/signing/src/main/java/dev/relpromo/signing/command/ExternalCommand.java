package dev.relpromo.signing.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one external program with an argument list: no shell, so nothing in a value is ever interpreted. Stdout and
 * stderr are merged (their interleaving is what a reader of the failure needs) and the last
 * {@link #DEFAULT_OUTPUT_LIMIT} bytes are kept. Stdin is closed at once, so a tool that asks for a password fails
 * instead of hanging until the timeout.
 *
 * <p>On timeout the whole process tree is killed: signing tools start helpers, and a helper left running would hold
 * files of the work directory (and the output pipe) open. Every log line and message goes through the
 * {@link Redactor}.
 */
public final class ExternalCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalCommand.class);
    public static final int DEFAULT_OUTPUT_LIMIT = 64 * 1024;
    /** How long to wait for the output pipe to drain after the process ended (a daemonised grandchild may hold it). */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(5);

    private final List<String> arguments;
    private final Path workingDirectory;
    private final Duration timeout;
    private final Redactor redactor;
    private final int outputLimit;

    /**
     * @param arguments        the program and its arguments, already rendered ({@link CommandTemplate#render})
     * @param workingDirectory where the program runs
     * @param timeout          how long it may run, at least 1 ms
     * @param redactor         masks secret values in everything this class logs or throws
     */
    public ExternalCommand(List<String> arguments, Path workingDirectory, Duration timeout, Redactor redactor) {
        this(arguments, workingDirectory, timeout, redactor, DEFAULT_OUTPUT_LIMIT);
    }

    public ExternalCommand(List<String> arguments, Path workingDirectory, Duration timeout, Redactor redactor,
            int outputLimit) {
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("a command needs a program");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a command timeout must be positive, not " + timeout);
        }
        this.arguments = List.copyOf(arguments);
        this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
        this.timeout = timeout;
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.outputLimit = outputLimit;
    }

    /**
     * The command line for humans: secrets masked, then arguments with spaces quoted. Masking comes first because
     * quoting would change a secret containing a quote, which masking would then miss; the line is redacted once
     * more as a whole for secrets that span arguments.
     */
    public String display() {
        return redactor.redact(arguments.stream().map(redactor::redact)
                .map(a -> a.isEmpty() || a.chars().anyMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '"')
                        ? "'" + a.replace("'", "'\\''") + "'" : a)
                .collect(Collectors.joining(" ")));
    }

    /** What a successful run leaves: the exit code (0), the redacted output tail and how long it took. */
    public record Result(int exitCode, String output, Duration elapsed) {
    }

    /**
     * Runs the command to completion.
     *
     * @throws ExternalCommandException when it cannot start, exits non-zero or times out (message redacted, with
     *                                  the output tail)
     * @throws InterruptedIOException   when the calling thread is interrupted (the process tree is killed first)
     */
    public Result run() throws IOException {
        String display = display();
        LOG.info("running {} (in {}, timeout {})", display, workingDirectory, timeout);
        long started = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(arguments).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new ExternalCommandException("cannot start " + display + ": " + redactor.redact(e.getMessage()),
                    ExternalCommandException.Reason.START_FAILED, -1, "", null);
        }
        process.getOutputStream().close();
        OutputTail tail = new OutputTail(outputLimit);
        Thread reader = new Thread(() -> drain(process.getInputStream(), tail), "external-command-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running " + display + "; its process tree was killed");
        }
        if (!finished) {
            killTree(process);
        }
        awaitDrained(reader);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        String output = redactor.redact(tail.text());
        if (!finished) {
            throw new ExternalCommandException(display + " timed out after " + timeout + " and was killed with its"
                    + " child processes" + outputSection(output), ExternalCommandException.Reason.TIMEOUT, -1, output, null);
        }
        int exit = process.exitValue();
        if (exit != 0) {
            throw new ExternalCommandException(display + " failed with exit code " + exit + " after " + seconds(elapsed)
                    + outputSection(output), ExternalCommandException.Reason.EXIT_CODE, exit, output, null);
        }
        LOG.info("{} succeeded in {} ({} bytes of output)", display, seconds(elapsed), tail.total());
        return new Result(exit, output, elapsed);
    }

    private static void drain(InputStream in, OutputTail tail) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                tail.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // the pipe closed under us (the process was killed): keep what was read
        }
    }

    /** Descendants first collected, then everyone killed: once the parent dies its children are re-parented away. */
    private static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(DRAIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitDrained(Thread reader) {
        try {
            reader.join(DRAIN_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String outputSection(String output) {
        return output.isBlank() ? " (no output)" : "; its output ends with:\n" + output.stripTrailing();
    }

    private static String seconds(Duration elapsed) {
        return String.format(java.util.Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
    }
}
