/**
 * Inputs for benchmarks: {@link SyntheticBuild}, a deterministic Firefox-shaped tree of any size for Linux, Windows
 * or mac, and {@link SyntheticArchives}, which streams it into the tar or zip a build ships as. Nothing here is
 * used by a service at run time.
 */
package dev.relpromo.kit.bench;
