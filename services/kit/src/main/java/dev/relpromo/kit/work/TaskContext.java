package dev.relpromo.kit.work;

import dev.relpromo.kit.store.ArtifactStore;
import java.nio.file.Path;

/**
 * What a handler gets besides its work item: the artifact store, a private scratch directory for this attempt
 * (emptied before and deleted after the attempt) and a way to resolve upstream artifacts.
 */
public record TaskContext(ArtifactStore store, Path workDir, ArtifactResolver resolver) {
}
