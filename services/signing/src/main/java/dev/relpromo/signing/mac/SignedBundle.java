package dev.relpromo.signing.mac;

import java.nio.file.Path;

/**
 * A signed repack: the new {@code target.tar.gz} (in the work directory) and a one-line summary for the task
 * result, which names the backend (for the local one: "local (not Apple-valid)").
 */
public record SignedBundle(String repackId, String app, Path archive, String summary) {
}
