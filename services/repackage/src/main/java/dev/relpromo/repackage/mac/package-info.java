/**
 * macOS repackaging: {@code target.tar.gz} → {@code target.dmg}, written in Java instead of libdmg-hfsplus.
 * {@link dev.relpromo.repackage.mac.DiskImageBuilder} is the entry point; it validates and streams the archive
 * into an HFS+ volume ({@code mac.hfs}) and compresses that into a UDIF image ({@code mac.udif}). No framework
 * or Kafka types: a task handler wraps it.
 */
package dev.relpromo.repackage.mac;
