package dev.relpromo.repack;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * Repacks one build archive with one partner customisation: input archive + sub-config snapshot → output
 * archive, streaming (decompress → tar entries → compress) with bounded memory, in the input's format.
 *
 * <p>Nothing is extracted to disk. The output is written to a hidden {@code .partial} file next to
 * {@code output} and moved into place only when complete, so a failed repack leaves no output behind.
 */
public final class Repacker {
    private static final Logger LOG = LoggerFactory.getLogger(Repacker.class);
    private static final int IO_BUFFER = 1 << 16;
    private static final int XZ_DECODER_MEMORY_LIMIT_KIB = 256 * 1024;

    private final CompressionSettings settings;
    private final ArchiveLimits limits;

    public Repacker(CompressionSettings settings, ArchiveLimits limits) {
        this.settings = settings;
        this.limits = limits;
    }

    public Repacker(CompressionSettings settings) {
        this(settings, ArchiveLimits.defaults());
    }

    public Repacker() {
        this(CompressionSettings.defaults());
    }

    public CompressionSettings settings() {
        return settings;
    }

    public ArchiveLimits limits() {
        return limits;
    }

    /**
     * @param input             the build archive ({@code target.tar.xz}, ...)
     * @param format            its format, which is also the output's
     * @param subConfigSnapshot the planner's sub-config zip ({@code repack.cfg}, {@code distribution/**},
     *                          {@code extensions/**})
     * @param output            where the repacked archive goes (replaced if present)
     * @throws UnsafeArchiveException for entries that could escape the extraction directory, or an archive
     *                                beyond the {@link ArchiveLimits}
     * @throws dev.relpromo.kit.failure.TaskFailureException for bad input (no distribution.ini, corrupt archive)
     */
    public RepackResult repack(Path input, ArchiveFormat format, Path subConfigSnapshot, Customisation customisation,
                               Path output, Progress progress) throws IOException {
        try (SubConfig subConfig = SubConfig.open(subConfigSnapshot, customisation, limits)) {
            Path dir = output.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path partial = dir.resolve("." + output.getFileName() + ".partial");
            try {
                RepackResult result = format.isTar()
                        ? repackTar(input, format, subConfig, partial, progress)
                        : repackZip(input, subConfig, partial, progress, limits.budget(input.getFileName().toString()));
                moveIntoPlace(partial, output);
                return new RepackResult(output, result.copied(), result.replaced(), result.inserted(),
                        result.uncompressedBytes(), result.outputBytes(), result.compressionThreads());
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }

    private RepackResult repackTar(Path input, ArchiveFormat format, SubConfig subConfig, Path partial, Progress progress)
            throws IOException {
        AtomicLong read = new AtomicLong();
        AtomicLong written = new AtomicLong();
        ArchiveLimits.Budget budget = limits.budget(input.getFileName().toString());
        try (InputStream file = new BufferedInputStream(Files.newInputStream(input), IO_BUFFER);
             InputStream tar = CountingStreams.counting(decompress(format, file), n -> {
                 budget.bytes(n); // while streaming: a bomb stops at the limit, not at the end of the disk
                 read.addAndGet(n);
                 progress.read(n);
             });
             OutputStream target = CountingStreams.counting(
                     new BufferedOutputStream(Files.newOutputStream(partial), IO_BUFFER), n -> {
                         written.addAndGet(n);
                         progress.written(n);
                     })) {
            Compressor compressor = compressor(format, target);
            boolean complete = false;
            try {
                EntryCounts counts = new TarRepacker(subConfig.files(), CustomisationRoot.forFormat(format), budget)
                        .repack(tar, compressor.stream());
                drain(tar);
                compressor.stream().close();
                complete = true;
                return new RepackResult(partial, counts.copied(), counts.replaced(), counts.inserted(), read.get(),
                        written.get(), compressor.threads());
            } finally {
                if (!complete) {
                    compressor.abort();
                }
                compressor.release();
            }
        }
    }

    private static RepackResult repackZip(Path input, SubConfig subConfig, Path partial, Progress progress,
                                          ArchiveLimits.Budget budget) throws IOException {
        EntryCounts counts = new ZipRepacker(subConfig.files(), budget).repack(input, partial);
        long size = Files.size(input);
        progress.read(size);
        progress.written(Files.size(partial));
        return new RepackResult(partial, counts.copied(), counts.replaced(), counts.inserted(), size,
                Files.size(partial), 1);
    }

    private static InputStream decompress(ArchiveFormat format, InputStream in) {
        try {
            return switch (format) {
                // reads multi-block and concatenated streams; the limit refuses a crafted huge dictionary
                // (xz -9 needs 65 MiB) instead of running out of heap
                case TAR_XZ -> new XZInputStream(in, XZ_DECODER_MEMORY_LIMIT_KIB);
                case TAR_BZ2 -> new BZip2CompressorInputStream(in, true); // true: pbzip2-style concatenated streams
                case TAR_GZ -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
                case ZIP -> throw new IllegalArgumentException("zip is not a compressed tar");
            };
        } catch (IOException e) {
            throw TarRepacker.corrupt(e);
        }
    }

    /** Reads to the end so the decompressor verifies the trailing checks (xz index and CRCs, bzip2 stream CRC). */
    private static void drain(InputStream tar) {
        try {
            tar.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw TarRepacker.corrupt(e);
        }
    }

    /**
     * The compressing end of a tar repack, which can be abandoned without finishing the format, and the
     * compression memory it holds.
     */
    private record Compressor(OutputStream stream, int threads, ParallelBlockOutputStream<?> parallel,
                              CompressionMemory.Grant memory) {
        void release() {
            if (memory != null) {
                CompressionMemory.JVM.release(memory);
            }
        }

        void abort() {
            if (parallel != null) {
                parallel.abort();
            } else {
                try {
                    stream.close();
                } catch (IOException ignored) {
                    // the partial output is deleted anyway
                }
            }
        }
    }

    private Compressor compressor(ArchiveFormat format, OutputStream target) throws IOException {
        return switch (format) {
            case TAR_XZ -> parallel(target, new XzBlockCodec(settings.xzPreset(), settings.xzExtreme(),
                    settings.xzBlockSize()), settings.xzBlockSize());
            case TAR_BZ2 -> parallel(target, new Bzip2BlockCodec(), settings.bzip2ChunkSize());
            case TAR_GZ -> {
                GzipParameters params = new GzipParameters();
                params.setCompressionLevel(settings.gzipLevel());
                params.setModificationTime(0); // gzip -n: no timestamp, no file name
                params.setOperatingSystem(3); // unix, whatever the host
                OutputStream gz = new BufferedOutputStream(new GzipCompressorOutputStream(target, params), IO_BUFFER);
                yield new Compressor(gz, 1, null, null);
            }
            case ZIP -> throw new IllegalArgumentException("zip is not a compressed tar");
        };
    }

    private <B> Compressor parallel(OutputStream target, BlockCodec<B> codec, int blockSize) throws IOException {
        CompressionMemory.Grant memory = CompressionMemory.JVM.reserve(
                CompressionSettings.memoryPerThread(codec.encoderMemory(), blockSize), settings.threads());
        if (memory.threads() < settings.threads()) {
            LOG.info("compressing on {} of {} threads: the heap ({} MiB) is shared with other repacks;"
                    + " the output is the same, only slower", memory.threads(), settings.threads(),
                    Runtime.getRuntime().maxMemory() >> 20);
        }
        ParallelBlockOutputStream<B> stream = new ParallelBlockOutputStream<>(target, codec, blockSize, memory.threads());
        return new Compressor(stream, memory.threads(), stream, memory);
    }

    private static void moveIntoPlace(Path partial, Path output) throws IOException {
        try {
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
