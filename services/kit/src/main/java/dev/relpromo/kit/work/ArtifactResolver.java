package dev.relpromo.kit.work;

import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.events.Artifact;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.kit.store.StoreKeys;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Reads upstream artifacts, and only those a work item may reference: {@code store:} keys and the configured
 * {@link BuildSources}. Every read is verified against the size and sha512 the producer published
 * ({@link VerifiedInputStream}), so a corrupt or swapped input fails the task instead of producing a corrupt
 * output; an artifact without a sha512, or one outside the allowed sources, is refused before anything is read.
 */
public final class ArtifactResolver {
    private final ArtifactStore store;
    private final BuildSources sources;

    /** Reads from the artifact store only. */
    public ArtifactResolver(ArtifactStore store) {
        this(store, BuildSources.none());
    }

    public ArtifactResolver(ArtifactStore store, BuildSources sources) {
        this.store = store;
        this.sources = sources;
    }

    public BuildSources sources() {
        return sources;
    }

    @FunctionalInterface
    private interface Opener {
        InputStream open() throws IOException;
    }

    /**
     * Checks that {@code artifact} may be read, without reading it: a handler that reads its inputs one after the
     * other checks them all first, so a refused one fails the task before any output is written.
     */
    public void requireReadable(Artifact artifact) throws IOException {
        opener(artifact);
    }

    /** The artifact's content, verified while it streams. */
    public VerifiedInputStream open(Artifact artifact) throws IOException {
        return new VerifiedInputStream(opener(artifact).open(), artifact);
    }

    /** Copies the artifact to {@code target} (atomically), verified: a mismatch leaves no file. */
    public Path fetch(Artifact artifact, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(".fetch-" + target.getFileName());
        try (VerifiedInputStream in = open(artifact)) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            in.verifyRemainder();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Opener opener(Artifact artifact) throws IOException {
        if (artifact.sha512() == null || !artifact.sha512().matches("[0-9a-f]{128}") || artifact.size() < 0) {
            throw new TaskFailureException("refusing to read artifact " + artifact.name() + " (" + artifact.uri()
                    + "): it has no valid sha512 and size (sha512 " + artifact.sha512() + ", size " + artifact.size()
                    + "), so its content could not be verified");
        }
        if (artifact.inStore()) {
            String key = artifact.storeKey();
            try {
                StoreKeys.validate(key);
            } catch (IllegalArgumentException e) {
                throw new TaskFailureException("refusing to read artifact " + artifact.name() + ": " + e.getMessage());
            }
            return () -> store.open(key);
        }
        URI uri;
        try {
            uri = new URI(artifact.uri());
        } catch (URISyntaxException e) {
            throw sources.refused(artifact, "is not a valid URI (" + e.getMessage() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "file" -> {
                Path file = sources.allowedFile(artifact, uri);
                return () -> Files.newInputStream(file);
            }
            case "http", "https" -> {
                URI url = sources.allowedUrl(artifact, uri);
                return () -> HttpArtifacts.get(artifact, url, sources);
            }
            default -> throw sources.refused(artifact, "uses an unsupported scheme");
        }
    }
}
