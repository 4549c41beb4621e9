/**
 * Mac code signing and notarization of partner and EME-free repacks (reference §2.5, §5.1): a chunk of at most
 * {@value dev.relpromo.signing.mac.MacChunks#MAX_SIZE} {@code target.tar.gz}, each holding one {@code <App>.app}, is
 * signed, then notarized, by a {@link dev.relpromo.signing.mac.MacSigningBackend}.
 *
 * <p>{@link dev.relpromo.signing.mac.LocalManifestMacSigner} (backend {@code local}) is the embedded default. It
 * cannot make Apple-valid signatures and says so in its name, its manifest, its records and every log line: it
 * signs a manifest of the bundle with the local OpenPGP key, and "notarization" only checks that manifest.
 * {@link dev.relpromo.signing.mac.BundleArchive} extracts bundles safely and re-tars them deterministically for
 * every backend, including the external-tool one in {@code dev.relpromo.signing.command}.
 *
 * <p>Plain Java, no framework or Kafka type: the task handlers that call a backend are wired elsewhere.
 */
package dev.relpromo.signing.mac;
