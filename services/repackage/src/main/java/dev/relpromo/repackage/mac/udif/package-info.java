/**
 * A UDIF (Apple "Universal Disk Image Format") writer: zlib-compressed chunks (UDZO), a BLKX ("mish") table in
 * an XML resource map, and the 512-byte "koly" trailer with CRC-32 checksums, as dmg2img and 7-Zip read them.
 */
package dev.relpromo.repackage.mac.udif;
