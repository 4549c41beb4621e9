package dev.relpromo.repack;

import java.nio.file.Path;

/**
 * The outcome of one repack.
 *
 * @param output             the repacked archive
 * @param copied             original entries copied unchanged
 * @param replaced           original entries dropped because the sub-config inserts a file with the same name
 * @param inserted           entries appended (new directories and the sub-config's files)
 * @param uncompressedBytes  bytes of the uncompressed input read (the tar stream; the zip file for zips)
 * @param outputBytes        size of the output archive
 * @param compressionThreads threads that compressed the output
 */
public record RepackResult(Path output, int copied, int replaced, int inserted, long uncompressedBytes, long outputBytes,
                           int compressionThreads) {
}
