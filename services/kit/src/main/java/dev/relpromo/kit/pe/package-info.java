/**
 * Windows executables as bytes, with no framework type and no signing library: {@link MinimalPe}, a stand-in PE for
 * stubs and samples, and {@link AttributionSlot}, which writes and reads the attribution code in the reserved slot of
 * a signed installer's certificate table without re-signing.
 */
package dev.relpromo.kit.pe;
