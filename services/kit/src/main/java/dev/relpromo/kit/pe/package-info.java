/**
 * Windows executables as bytes, with no framework type: {@link MinimalPe}, a stand-in PE for stubs and samples.
 */
package dev.relpromo.kit.pe;
