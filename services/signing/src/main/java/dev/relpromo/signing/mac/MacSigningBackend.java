package dev.relpromo.signing.mac;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Signs and notarizes a chunk of mac repacks (reference §2.5: at most {@value MacChunks#MAX_SIZE} per task).
 * Results come back in the order of the chunk, one per bundle. Everything a call writes lives under
 * {@code workDir} (one sub-directory per bundle, see {@link MacChunks#bundleDir}); a rerun into the same work
 * directory starts from scratch and yields the same bytes.
 *
 * <p>Bad input (an unsafe or malformed archive, a bundle that fails its check, a tool that fails) throws
 * {@link dev.relpromo.kit.failure.TaskFailureException} with a message naming the repack and the entry.
 */
public interface MacSigningBackend {
    /** The file name of the per-bundle notarization record. */
    String NOTARIZATION_RECORD = "notarization.json";

    /** The backend id as configured ({@code local}, {@code command}). */
    String id();

    /** How logs and summaries name the backend, e.g. {@code local (not Apple-valid)}. */
    String label();

    /** Signs every bundle of the chunk; returns one signed {@code target.tar.gz} per bundle, in chunk order. */
    List<SignedBundle> sign(List<MacBundle> chunk, Path workDir) throws IOException;

    /** Notarizes signed bundles (the output of {@link #sign}); one result per bundle, in chunk order. */
    List<NotarizedBundle> notarize(List<MacBundle> chunk, Path workDir) throws IOException;
}
