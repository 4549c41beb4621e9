/**
 * A client of an Autograph signing server (reference §5.3), Hawk-authenticated, and the backends built on it:
 * {@link AutographGpgSigner} ({@code POST /sign/data}, a {@code gpg2} signer: detached armored OpenPGP signatures) and
 * {@link AutographAuthenticodeBackend} ({@code POST /sign/hash}: only the Authenticode digest leaves the worker, as
 * signingscript does with winsign). Failures are domain exceptions naming the URL and the HTTP status; the Hawk key
 * never appears in a log line or a message.
 */
package dev.relpromo.signing.autograph;
