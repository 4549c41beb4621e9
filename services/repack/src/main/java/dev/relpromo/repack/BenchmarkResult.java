package dev.relpromo.repack;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * One measured repack (never asserted anywhere: numbers depend on the machine and its load).
 *
 * @param uncompressedBytes the uncompressed tar read; throughput is measured against it
 * @param inputBytes        the compressed input archive
 * @param outputBytes       the compressed output archive
 * @param peakHeapBytes     sum of the heap pools' peak usage during the repack (an upper bound of the real peak)
 * @param peakRssBytes      the process's VmHWM, when /proc has it (since the repack if it could be reset)
 * @param rssReset          whether VmHWM was reset before the repack (else it is since JVM start)
 * @param threads           compression threads used
 * @param blockSize         uncompressed bytes per compressed block (xz block, bzip2 stream); 0 for gzip
 * @param outputSha512      to compare runs (the output must not depend on the thread count)
 */
public record BenchmarkResult(ArchiveFormat format, long uncompressedBytes, long inputBytes, long outputBytes,
                              Duration elapsed, long peakHeapBytes, OptionalLong peakRssBytes, boolean rssReset,
                              int threads, int blockSize, String outputSha512) {

    public double seconds() {
        return elapsed.toNanos() / 1e9;
    }

    /** Uncompressed input MiB per second. */
    public double mibPerSecond() {
        return uncompressedBytes / 1048576.0 / seconds();
    }

    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "repack %s: %.1f MiB uncompressed in %.1f s = %.2f MiB/s; output %.1f MiB (%.1f%% of the tar, input was %.1f MiB);"
                        + " threads %d, block %s; peak heap %d MiB, peak RSS %s; sha512 %s",
                format.extension(), uncompressedBytes / 1048576.0, seconds(), mibPerSecond(),
                outputBytes / 1048576.0, 100.0 * outputBytes / uncompressedBytes, inputBytes / 1048576.0, threads,
                blockSize == 0 ? "n/a" : (blockSize >> 10) + " KiB", peakHeapBytes >> 20,
                peakRssBytes.isPresent() ? (peakRssBytes.getAsLong() >> 20) + " MiB" + (rssReset ? "" : " (since JVM start)") : "n/a",
                outputSha512.substring(0, 16));
    }
}
