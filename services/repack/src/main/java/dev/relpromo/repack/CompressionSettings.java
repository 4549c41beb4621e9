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
     * 32 MiB. Blocks are compressed independently, so each loses the matches that would reach back into the
     * previous one, and the dictionary is capped at the block. Measured with xz 5.4.1 -9e on 100 MiB of ELF shared
     * libraries (the bulk of a Linux build), relative to one single-threaded block: 64 MiB blocks +1.51%, 32 MiB
     * +1.60%, 16 MiB +3.41% (the ~3.5% that made Mozilla reject {@code -T0 --block-size=16MiB}). 32 MiB costs
     * 0.1 point more than 64 MiB but needs half the memory per thread (~0.45 GB instead of ~0.85 GB) and splits a
     * 250–300 MB Linux tar into 8–9 blocks, enough for 8 cores; {@code xz -T0}'s 3× dictionary (192 MiB) would
     * give 2. See README.md.
     */
    public static final int DEFAULT_XZ_BLOCK_SIZE = 32 << 20;

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

    /** Heap one compression thread needs: its encoder plus two blocks (the input and the compressed output). */
    static long memoryPerThread(long encoderMemory, int blockSize) {
        return encoderMemory + 2L * blockSize;
    }

}
