package dev.relpromo.repack;

/**
 * What a repack did to the entries of one archive.
 *
 * @param copied   original entries copied unchanged
 * @param replaced original entries dropped because the sub-config inserts a file with the same name
 * @param inserted entries appended (new directories and the sub-config's files)
 */
record EntryCounts(int copied, int replaced, int inserted) {
}
