package dev.relpromo.repack;

import dev.relpromo.kit.bench.SyntheticArchives;
import dev.relpromo.kit.bench.SyntheticBuild;
import dev.relpromo.kit.store.Digests;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Measures one repack of a synthetic Linux build ({@link SyntheticBuild.Layout#LINUX}) with a small sub-config:
 * seconds, throughput, output size, peak heap and RSS. Entry point of {@code relpromo bench repack}; {@link #main} runs it
 * alone. Generating and compressing the input is not timed (the input is compressed with fast settings).
 */
public final class RepackBenchmark {
    private static final long PROGRESS_SECONDS = 5;

    /**
     * @param workDir where the input and output go; {@code null} for a temporary directory
     * @param keep    keep the generated files (else they are deleted)
     */
    public record Options(ArchiveFormat format, int sizeMb, CompressionSettings settings, Path workDir, boolean keep) {
        public Options {
            if (!format.isTar()) {
                throw new IllegalArgumentException("the repack benchmark measures tar.xz, tar.bz2 and tar.gz, not " + format.extension());
            }
            if (sizeMb < 1) {
                throw new IllegalArgumentException("--size-mb must be at least 1");
            }
        }

        public static Options of(ArchiveFormat format, int sizeMb) {
            return new Options(format, sizeMb, CompressionSettings.defaults(), null, false);
        }
    }

    private RepackBenchmark() {
    }

    /** {@code relpromo bench repack --format tar.xz|tar.bz2 --size-mb N}: default settings, all cores. */
    public static BenchmarkResult run(String format, int sizeMb, PrintStream out) throws IOException {
        return run(Options.of(ArchiveFormat.ofExtension(format), sizeMb), out);
    }

    public static BenchmarkResult run(Options options, PrintStream out) throws IOException {
        Path work = options.workDir() != null ? Files.createDirectories(options.workDir())
                : Files.createTempDirectory("relpromo-bench-repack-");
        try {
            return measure(options, work, out);
        } finally {
            if (!options.keep()) {
                deleteTree(work, options.workDir() == null);
            }
        }
    }

    private static BenchmarkResult measure(Options options, Path work, PrintStream out) throws IOException {
        ArchiveFormat format = options.format();
        CompressionSettings settings = options.settings();
        long target = (long) options.sizeMb() << 20;
        Path input = work.resolve("input").resolve(format.fileName());
        Path snapshot = work.resolve("input").resolve("partner-config.zip");
        Path output = work.resolve("output").resolve(format.fileName());
        Files.createDirectories(input.getParent());

        out.printf(Locale.ROOT, "generating a %d MiB synthetic firefox/ build as %s (fast compression, not timed) in %s%n",
                options.sizeMb(), format.extension(), work);
        long started = System.nanoTime();
        writeInput(input, format, target, settings);
        writeSubConfig(snapshot);
        out.printf(Locale.ROOT, "input ready: %.1f MiB compressed, %.1f s%n", Files.size(input) / 1048576.0,
                (System.nanoTime() - started) / 1e9);

        int blockSize = switch (format) {
            case TAR_XZ -> settings.xzBlockSize();
            case TAR_BZ2 -> settings.bzip2ChunkSize();
            default -> 0;
        };
        out.printf(Locale.ROOT, "repacking: %s%s, %d threads requested (%d cores), block %s, max heap %d MiB%n",
                format.extension(), format == ArchiveFormat.TAR_XZ
                        ? " -" + settings.xzPreset() + (settings.xzExtreme() ? "e" : "") : "",
                settings.threads(), Runtime.getRuntime().availableProcessors(),
                blockSize == 0 ? "n/a" : (blockSize >> 10) + " KiB", Runtime.getRuntime().maxMemory() >> 20);

        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        boolean rssReset = resetPeakRss();

        ProgressMeter meter = new ProgressMeter();
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        });
        long t0 = System.nanoTime();
        reporter.scheduleAtFixedRate(() -> out.println(meter.line(t0)), PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
        RepackResult result;
        try {
            result = new Repacker(settings).repack(input, format, snapshot, new Customisation("en-GB", "en-US", true),
                    output, meter);
        } finally {
            reporter.shutdownNow();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        long peakHeap = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();

        BenchmarkResult bench = new BenchmarkResult(format, result.uncompressedBytes(), Files.size(input),
                result.outputBytes(), elapsed, peakHeap, peakRss(), rssReset, result.compressionThreads(), blockSize,
                Digests.sha512Hex(output));
        out.println(bench.summary());
        return bench;
    }

    private static void writeInput(Path input, ArchiveFormat format, long target, CompressionSettings settings)
            throws IOException {
        // the input only has to be valid, not small: fast settings keep the untimed setup short
        CompressionSettings fast = settings.withXzPreset(1, false).withXzBlockSize(8 << 20);
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(input), 1 << 16)) {
            OutputStream compressed = switch (format) {
                case TAR_XZ -> new ParallelBlockOutputStream<>(file, new XzBlockCodec(1, false, fast.xzBlockSize()),
                        fast.xzBlockSize(), settings.threads());
                case TAR_BZ2 -> new ParallelBlockOutputStream<>(file, new Bzip2BlockCodec(), settings.bzip2ChunkSize(),
                        settings.threads());
                case TAR_GZ -> new org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream(file);
                case ZIP -> throw new IllegalArgumentException("zip");
            };
            try (OutputStream tar = new BufferedOutputStream(compressed, 1 << 16)) {
                SyntheticArchives.writeTar(tar, SyntheticBuild.Layout.LINUX, target);
            }
        }
    }

    /** A small sub-config like a funnelcake one: repack.cfg, distribution.ini, a preferences file, one extension. */
    static void writeSubConfig(Path snapshot) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(snapshot)) {
            put(zip, "repack.cfg", "dist_id=bench\nlocales=en-US en-GB\nlinux-x86_64=true\nmigrationWizardDisabled=true\n"
                    .getBytes(StandardCharsets.UTF_8));
            put(zip, "distribution/distribution.ini", ("[Global]\nid=bench\nversion=1.0\nabout=Benchmark repack\n\n"
                    + "[Preferences]\napp.partner.bench=\"bench\"\n").getBytes(StandardCharsets.UTF_8));
            byte[] extension = new byte[256 * 1024];
            new java.util.SplittableRandom(7).nextBytes(extension);
            put(zip, "extensions/bench@example.com.xpi", extension);
        }
    }

    private static void put(ZipArchiveOutputStream zip, String name, byte[] content) throws IOException {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setTime(946684800000L);
        zip.putArchiveEntry(e);
        zip.write(content);
        zip.closeArchiveEntry();
    }

    /** Linux lets a process reset its VmHWM by writing 5 to clear_refs; elsewhere the peak is since JVM start. */
    private static boolean resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private static OptionalLong peakRss() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024) // "VmHWM:   123 kB"
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return OptionalLong.empty();
        }
    }

    private static void deleteTree(Path root, boolean includingRoot) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (includingRoot || !p.equals(root)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Counts bytes for the progress line printed every few seconds. */
    private static final class ProgressMeter implements Progress {
        private final AtomicLong read = new AtomicLong();
        private final AtomicLong written = new AtomicLong();

        @Override
        public void read(long bytes) {
            read.addAndGet(bytes);
        }

        @Override
        public void written(long bytes) {
            written.addAndGet(bytes);
        }

        String line(long startNanos) {
            double s = (System.nanoTime() - startNanos) / 1e9;
            return String.format(Locale.ROOT, "  %6.1f s: %8.1f MiB of tar read (%.2f MiB/s), %7.1f MiB compressed written",
                    s, read.get() / 1048576.0, read.get() / 1048576.0 / s, written.get() / 1048576.0);
        }
    }

    /**
     * {@code --format tar.xz|tar.bz2|tar.gz} {@code --size-mb N} [{@code --threads N}] [{@code --block-size-mb N}]
     * [{@code --work-dir DIR}] [{@code --keep}].
     */
    public static void main(String[] args) throws IOException {
        ArchiveFormat format = ArchiveFormat.TAR_XZ;
        int sizeMb = 50;
        CompressionSettings settings = CompressionSettings.defaults();
        Path workDir = null;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--format" -> format = ArchiveFormat.ofExtension(args[++i]);
                case "--size-mb" -> sizeMb = Integer.parseInt(args[++i]);
                case "--threads" -> settings = settings.withThreads(Integer.parseInt(args[++i]));
                case "--block-size-mb" -> {
                    int bytes = Integer.parseInt(args[++i]) << 20;
                    settings = settings.withXzBlockSize(bytes).withBzip2ChunkSize(bytes);
                }
                case "--work-dir" -> workDir = Path.of(args[++i]);
                case "--keep" -> keep = true;
                default -> {
                    System.err.println("usage: RepackBenchmark --format tar.xz|tar.bz2|tar.gz --size-mb N [--threads N]"
                            + " [--block-size-mb N] [--work-dir DIR] [--keep]");
                    System.exit(2);
                }
            }
        }
        run(new Options(format, sizeMb, settings, workDir, keep), System.out);
    }
}
