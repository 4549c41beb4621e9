package dev.relpromo.kit.work;

import dev.relpromo.events.Artifact;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.kit.store.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Opens upstream artifacts wherever they are ({@code store:} keys or {@code file:} URIs) and fetches them into a
 * work directory, checking the sha512 the upstream published: a corrupt input fails the task instead of producing
 * a corrupt output.
 */
public final class ArtifactResolver {
    private final ArtifactStore store;

    public ArtifactResolver(ArtifactStore store) {
        this.store = store;
    }

    public InputStream open(Artifact artifact) throws IOException {
        if (artifact.inStore()) {
            return store.open(artifact.storeKey());
        }
        URI uri = URI.create(artifact.uri());
        if ("file".equals(uri.getScheme())) {
            return Files.newInputStream(Path.of(uri));
        }
        throw new TaskFailureException("cannot read artifact " + artifact.name() + ": unsupported URI " + artifact.uri());
    }

    /** Copies the artifact to {@code target} (atomically) and verifies its size and sha512 when known. */
    public Path fetch(Artifact artifact, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(".fetch-" + target.getFileName());
        Digests.Hashed hashed;
        try (InputStream in = open(artifact);
             OutputStream file = Files.newOutputStream(tmp);
             Digests.HashingOutputStream out = new Digests.HashingOutputStream(file)) {
            in.transferTo(out);
            out.flush();
            hashed = out.result();
        }
        if (artifact.sha512() != null && !artifact.sha512().equals(hashed.sha512())) {
            Files.deleteIfExists(tmp);
            throw new TaskFailureException("artifact " + artifact.name() + " from " + artifact.uri()
                    + " does not match its sha512 (expected " + artifact.sha512() + ", got " + hashed.sha512() + ")");
        }
        if (artifact.size() > 0 && artifact.size() != hashed.size()) {
            Files.deleteIfExists(tmp);
            throw new TaskFailureException("artifact " + artifact.name() + " from " + artifact.uri()
                    + " has " + hashed.size() + " bytes, expected " + artifact.size());
        }
        return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
