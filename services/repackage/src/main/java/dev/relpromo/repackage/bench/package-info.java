/**
 * {@link RepackageBenchmark}: how long and how much heap repackaging a synthetic build of a given size into a
 * Windows installer or a macOS disk image takes. Figures are printed, never asserted.
 */
package dev.relpromo.repackage.bench;
