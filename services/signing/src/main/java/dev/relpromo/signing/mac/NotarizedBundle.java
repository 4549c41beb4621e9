package dev.relpromo.signing.mac;

import java.nio.file.Path;

/**
 * A notarized repack: the {@code target.tar.gz} to pass on (stapled, when a real notary service took part), the
 * small deterministic JSON {@code record} of what the backend did (published next to the archive as
 * {@value MacSigningBackend#NOTARIZATION_RECORD}), and a one-line summary naming the backend.
 */
public record NotarizedBundle(String repackId, String app, Path archive, Path record, String summary) {
}
