package dev.relpromo.repackage.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One measured repackage (never asserted anywhere: numbers depend on the machine and its load).
 *
 * @param contentBytes  the build's file data, uncompressed; throughput is measured against it
 * @param inputBytes    the compressed input: {@code target.zip} (+ {@code setup.exe}) or {@code target.tar.gz}
 * @param outputBytes   the installer or disk image
 * @param cpu           the process's CPU time during the build (all threads, GC included), if the JVM reports it
 * @param maxUsedHeap   the most heap in use at a 50 ms sample, garbage included (see {@code HeapSampler})
 * @param maxHeap       {@link Runtime#maxMemory()}: the heap the JVM may grow to
 * @param xmx           the {@code -Xmx} the JVM was started with, if any
 */
public record RepackageResult(RepackageBenchmark.Format format, long contentBytes, long inputBytes, long outputBytes,
                              Duration wall, Optional<Duration> cpu, long maxUsedHeap, long maxHeap,
                              Optional<String> xmx, Path output) {

    public double mibPerSecond() {
        return mib(contentBytes) / seconds(wall);
    }

    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "repackage %s (%s -> %s):%n", format.cliName(), format.inputName(),
                format.outputName()));
        line(b, "build content", "%.1f MiB uncompressed", mib(contentBytes));
        line(b, "input", "%.1f MiB", mib(inputBytes));
        line(b, "output", "%.1f MiB (%.1f%% of the content)", mib(outputBytes), 100.0 * outputBytes / contentBytes);
        line(b, "wall time", "%.1f s", seconds(wall));
        line(b, "CPU time", "%s", cpu.map(c -> String.format(Locale.ROOT, "%.1f s (%.2f s per MiB)", seconds(c),
                seconds(c) / mib(contentBytes))).orElse("n/a"));
        line(b, "throughput", "%.2f MiB/s of content", mibPerSecond());
        line(b, "peak heap", "%d MiB used (sampled every 50 ms, garbage included)", maxUsedHeap >> 20);
        line(b, "max heap", "%d MiB (%s)", maxHeap >> 20, xmx.map(x -> "-Xmx" + x).orElse("no -Xmx: the JVM's default"));
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String format, Object... args) {
        b.append(String.format(Locale.ROOT, "  %-16s %s%n", label, String.format(Locale.ROOT, format, args)));
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
