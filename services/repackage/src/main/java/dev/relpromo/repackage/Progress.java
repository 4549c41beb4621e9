package dev.relpromo.repackage;

import dev.relpromo.events.Artifact;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * The start and end log lines of one output: a 1 GiB build takes minutes to repackage, and these two lines (inputs
 * with sizes, then output size and seconds) are how an operator tells a slow task from a stuck one.
 */
final class Progress {
    private final Logger log;
    private final RepackageRequest request;
    private final String output;
    private final long started = System.nanoTime();

    private Progress(Logger log, RepackageRequest request, String output) {
        this.log = log;
        this.request = request;
        this.output = output;
    }

    static Progress start(Logger log, RepackageRequest request, String output, Artifact... inputs) {
        log.info("{}: building {} from {}", request.describe(), output, Arrays.stream(inputs)
                .map(a -> a.name() + " (" + a.size() + " bytes)").collect(Collectors.joining(", ")));
        return new Progress(log, request, output);
    }

    /** Logs the end: {@code bytes} written in how many seconds, and {@code details}. */
    void done(long bytes, String details) {
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("{}: built {} ({} bytes) in {} s: {}", request.describe(), output, bytes,
                String.format(Locale.ROOT, "%.1f", seconds), details);
    }
}
