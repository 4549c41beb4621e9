package dev.relpromo.repackage.bench;

import dev.relpromo.events.Platform;
import dev.relpromo.kit.bench.HeapSampler;
import dev.relpromo.kit.bench.SyntheticArchives;
import dev.relpromo.kit.bench.SyntheticBuild;
import dev.relpromo.kit.pe.MinimalPe;
import dev.relpromo.kit.store.Trees;
import dev.relpromo.repackage.mac.DiskImageBuilder;
import dev.relpromo.repackage.windows.AppTag;
import dev.relpromo.repackage.windows.SfxStub;
import dev.relpromo.repackage.windows.WindowsInstaller;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Measures one repackage of a synthetic build ({@link SyntheticBuild}) into a Windows installer
 * ({@link WindowsInstaller}, with the stand-in SFX stub) or a macOS disk image ({@link DiskImageBuilder}): wall and
 * CPU time, input and output sizes, MiB/s and peak heap. Entry point of {@code relpromo bench repackage}, which runs
 * it in a child JVM with {@code -Xmx512m} so that "a 1 GiB build fits in 512 MiB of heap" is tested, not inferred;
 * {@link #main} runs it alone. Generating the input (fast compression, streamed to disk) is not timed.
 */
public final class RepackageBenchmark {
    private static final long PROGRESS_SECONDS = 10;

    /** What is built, from which input. */
    public enum Format {
        INSTALLER("installer", "target.zip", "target.installer.exe"),
        DMG("dmg", "target.tar.gz", "target.dmg");

        private final String cliName;
        private final String inputName;
        private final String outputName;

        Format(String cliName, String inputName, String outputName) {
            this.cliName = cliName;
            this.inputName = inputName;
            this.outputName = outputName;
        }

        public static Format of(String cliName) {
            return Arrays.stream(values()).filter(f -> f.cliName.equals(cliName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--format must be installer or dmg, not " + cliName));
        }

        public String cliName() {
            return cliName;
        }

        public String inputName() {
            return inputName;
        }

        public String outputName() {
            return outputName;
        }
    }

    /**
     * @param dir  where {@code input/} and {@code output/} are made; {@code null} for a temporary directory
     * @param keep keep the generated files (else they are deleted; in {@code dir}, only {@code input/} and
     *             {@code output/} are, never anything else)
     */
    public record Options(Format format, int sizeMb, Path dir, boolean keep) {
        public Options {
            if (sizeMb < 1) {
                throw new IllegalArgumentException("--size-mb must be at least 1");
            }
        }
    }

    private RepackageBenchmark() {
    }

    public static RepackageResult run(Options options, PrintStream out) throws IOException {
        boolean temporary = options.dir() == null;
        Path root = temporary ? Files.createTempDirectory("relpromo-bench-repackage-")
                : Files.createDirectories(options.dir());
        Path input = root.resolve("input");
        Path output = root.resolve("output");
        try {
            return measure(options, input, output, out);
        } finally {
            if (!options.keep()) {
                Trees.delete(input);
                Trees.delete(output);
                if (temporary) {
                    Files.deleteIfExists(root);
                }
            } else {
                out.println("kept " + input + " and " + output);
            }
        }
    }

    private static RepackageResult measure(Options options, Path inputDir, Path outputDir, PrintStream out)
            throws IOException {
        Format format = options.format();
        Files.createDirectories(inputDir);
        Path input = inputDir.resolve(format.inputName());
        Path output = outputDir.resolve(format.outputName());

        out.printf(Locale.ROOT, "generating a %d MiB synthetic build as %s (fast compression, not timed) in %s%n",
                options.sizeMb(), format.inputName(), inputDir);
        long started = System.nanoTime();
        long target = (long) options.sizeMb() << 20;
        long content = writeInput(format, input, target);
        long inputBytes = Files.size(input) + (format == Format.INSTALLER ? Files.size(setupExe(inputDir)) : 0);
        out.printf(Locale.ROOT, "input ready: %.1f MiB, %.1f s%n", inputBytes / 1048576.0,
                (System.nanoTime() - started) / 1e9);

        Optional<String> xmx = xmx();
        out.printf(Locale.ROOT, "building %s: max heap %d MiB (%s), %d cores%n", format.outputName(),
                Runtime.getRuntime().maxMemory() >> 20, xmx.map(x -> "-Xmx" + x).orElse("no -Xmx"),
                Runtime.getRuntime().availableProcessors());
        System.gc(); // the generator's garbage is not the build's
        Optional<Long> cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        long outputBytes;
        HeapSampler heap = new HeapSampler();
        ScheduledExecutorService progress = progress(out, heap, t0);
        try {
            outputBytes = switch (format) {
                case INSTALLER -> new WindowsInstaller().build(input, setupExe(inputDir), SfxStub.standIn(Platform.WIN64),
                        AppTag.installer("Firefox"), output).installerBytes();
                case DMG -> new DiskImageBuilder().build(input, output).imageBytes();
            };
        } finally {
            progress.shutdownNow();
            heap.close();
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - t0);
        Optional<Duration> cpu = cpu0.flatMap(c0 -> processCpuNanos().map(c1 -> Duration.ofNanos(c1 - c0)));

        RepackageResult result = new RepackageResult(format, content, inputBytes, outputBytes, wall, cpu,
                heap.maxUsedBytes(), Runtime.getRuntime().maxMemory(), xmx, output);
        out.print(result.summary());
        return result;
    }

    /** Writes the input and returns the build's uncompressed file data, in bytes. */
    private static long writeInput(Format format, Path input, long target) throws IOException {
        if (format == Format.INSTALLER) {
            Files.write(setupExe(input.getParent()), MinimalPe.image(MinimalPe.Machine.AMD64));
            return SyntheticArchives.writeZip(input, SyntheticBuild.Layout.WINDOWS, target, Deflater.BEST_SPEED);
        }
        GzipParameters fast = new GzipParameters();
        fast.setCompressionLevel(Deflater.BEST_SPEED);
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(input), 1 << 16);
                OutputStream gzip = new GzipCompressorOutputStream(file, fast);
                OutputStream tar = new BufferedOutputStream(gzip, 1 << 16)) {
            return SyntheticArchives.writeTar(tar, SyntheticBuild.Layout.MAC, target);
        }
    }

    private static Path setupExe(Path inputDir) {
        return inputDir.resolve(AppTag.SETUP);
    }

    /** A line every few seconds, so that a long run shows it is alive and how the heap moves. */
    private static ScheduledExecutorService progress(PrintStream out, HeapSampler heap, long t0) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> out.printf(Locale.ROOT, "  %6.1f s: heap %4d MiB used, %4d MiB at most so far%n",
                (System.nanoTime() - t0) / 1e9, heap.currentUsedBytes() >> 20, heap.maxUsedBytes() >> 20),
                PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
        return timer;
    }

    /** The last {@code -Xmx} on the JVM's command line (the one that wins), without the prefix. */
    static Optional<String> xmx() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return args.stream().filter(a -> a.startsWith("-Xmx")).reduce((first, last) -> last).map(a -> a.substring(4));
    }

    private static Optional<Long> processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot && hotspot.getProcessCpuTime() >= 0) {
            return Optional.of(hotspot.getProcessCpuTime());
        }
        return Optional.empty();
    }

    /** {@code --format installer|dmg} {@code --size-mb N} [{@code --dir DIR}] [{@code --keep}]. */
    public static void main(String[] args) throws IOException {
        Format format = Format.INSTALLER;
        int sizeMb = 50;
        Path dir = null;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--format" -> format = Format.of(args[++i]);
                case "--size-mb" -> sizeMb = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--keep" -> keep = true;
                default -> {
                    System.err.println("usage: RepackageBenchmark --format installer|dmg --size-mb N [--dir DIR] [--keep]");
                    System.exit(2);
                }
            }
        }
        run(new Options(format, sizeMb, dir, keep), System.out);
    }
}
