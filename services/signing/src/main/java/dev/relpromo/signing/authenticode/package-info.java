/**
 * Authenticode signing of Windows installers with the reserved attribution slot: {@link AuthenticodeBackend} is the
 * seam, {@link LocalAuthenticodeBackend} signs with a self-made CA kept in the keys directory (local and development
 * use), and {@code autograph.AutographAuthenticodeBackend} has the digest signed by an Autograph server.
 * {@link AttributableAuthenticodeSigner} is the jsign part both share.
 */
package dev.relpromo.signing.authenticode;
