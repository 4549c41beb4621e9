/**
 * A write-only HFS+ volume writer following Apple TN1150 "HFS Plus Volume Format": volume header and alternate,
 * allocation file, an empty extents overflow B-tree, and a catalog B-tree with case-insensitive,
 * decomposed (NFD) names. No journal, no attributes file, no hard links, no resource forks.
 */
package dev.relpromo.repackage.mac.hfs;
