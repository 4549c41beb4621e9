package dev.relpromo.repack;

/**
 * How repacked archives are compressed. Output bytes depend on everything here except {@code threads}.
 *
 * @param threads         compression threads; the default is every core
 * @param xzPreset        LZMA2 preset; 9 with {@code xzExtreme} is the real pipeline's {@code xz -9e}
 * @param xzExtreme       {@code xz -e}
 * @param xzBlockSize     uncompressed bytes per xz block (and the dictionary cap), see {@link #DEFAULT_XZ_BLOCK_SIZE}
 * @param bzip2ChunkSize  uncompressed bytes per bzip2 stream compressed in parallel
 * @param gzipLevel       deflate level for the mac tar.gz ({@code gzip}'s default is 6)
 */
public record CompressionSettings(int threads, int xzPreset, boolean xzExtreme, int xzBlockSize, int bzip2ChunkSize,
                                  int gzipLevel) {

    /**
     * 64 MiB, the dictionary of {@code -9}. Blocks are compressed independently, so a block boundary loses the
     * matches reaching back across it; a block as large as the dictionary keeps every block's full 64 MiB window
     * (the 16 MiB blocks of Mozilla's XZ_OPT experiment also shrank the window to 16 MiB and cost ~3.5%). It still
     * splits a 250–300 MB Linux build into 4–5 blocks, which keeps 4–5 cores busy, where {@code xz -T0}'s 3×
     * dictionary (192 MiB) would give 2. Smaller blocks buy more parallelism for more size; measured numbers are
     * in the benchmark ({@link RepackBenchmark}).
     */
    public static final int DEFAULT_XZ_BLOCK_SIZE = 64 << 20;

    /** 9 × 900 kB bzip2 blocks per stream: fine-grained enough for parallelism, negligible per-stream overhead. */
    public static final int DEFAULT_BZIP2_CHUNK_SIZE = 9 * 900_000;

    public CompressionSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (xzBlockSize < 1 << 16 || bzip2ChunkSize < 1 << 16) {
            throw new IllegalArgumentException("block sizes must be at least 64 KiB");
        }
    }

    /** {@code xz -9e} on all cores, bzip2 -9, gzip -6. */
    public static CompressionSettings defaults() {
        return new CompressionSettings(Runtime.getRuntime().availableProcessors(), 9, true, DEFAULT_XZ_BLOCK_SIZE,
                DEFAULT_BZIP2_CHUNK_SIZE, 6);
    }

    public CompressionSettings withThreads(int n) {
        return new CompressionSettings(n, xzPreset, xzExtreme, xzBlockSize, bzip2ChunkSize, gzipLevel);
    }

    public CompressionSettings withXzBlockSize(int bytes) {
        return new CompressionSettings(threads, xzPreset, xzExtreme, bytes, bzip2ChunkSize, gzipLevel);
    }

    public CompressionSettings withXzPreset(int preset, boolean extreme) {
        return new CompressionSettings(threads, preset, extreme, xzBlockSize, bzip2ChunkSize, gzipLevel);
    }

    public CompressionSettings withBzip2ChunkSize(int bytes) {
        return new CompressionSettings(threads, xzPreset, xzExtreme, xzBlockSize, bytes, gzipLevel);
    }

    /**
     * The threads the heap can feed: each needs its encoder plus two blocks (input and compressed output). Using
     * fewer threads than asked changes only the speed, never the output.
     */
    int threadsFor(long encoderMemory, int blockSize, long maxHeap) {
        long perThread = encoderMemory + 2L * blockSize;
        long budget = maxHeap - maxHeap / 4 - blockSize; // a quarter for everything else, one block being filled
        return (int) Math.max(1, Math.min(threads, budget / perThread));
    }
}
