package dev.relpromo.checksums;

import dev.relpromo.kit.layout.TaskRelease;
import dev.relpromo.events.Artifact;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.kinds.ArtifactNames;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.events.params.ChecksumsParams;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.layout.CandidatesLayout;
import dev.relpromo.kit.layout.PartnerPath;
import dev.relpromo.kit.layout.PrettyNames;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.kit.store.StoreConflictException;
import dev.relpromo.kit.store.StoredObject;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.kit.work.VerifiedCopy;
import dev.relpromo.kit.work.TaskHandler;
import dev.relpromo.kit.work.VerifiedInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code release-eme-free-repack-beetmover-checksums} (reference §4): publishes the EME-free beetmover's
 * {@code target.checksums} as {@code <build dir>/beetmover-checksums/<platform>-EME-free/<locale>/
 * <product>-<version>.checksums.beet}. Only EME-free manifests are published; partner manifests stay intermediate.
 * The copy streams and verifies the upstream's size and sha512; a destination already holding these bytes is left
 * alone, other bytes fail the task (published files are written once).
 */
public final class EmeFreeChecksumsHandler implements TaskHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EmeFreeChecksumsHandler.class);

    public static final String KIND = Kinds.EME_FREE_BEETMOVER_CHECKSUMS.name();
    public static final Set<String> KINDS = Set.of(KIND);
    static final String PREFIX = "beetmover-checksums/";

    @Override
    public List<Artifact> handle(WorkItem item, TaskContext context) throws IOException {
        TaskDefined task = item.task();
        if (!KINDS.contains(task.kind())) {
            throw new TaskFailureException("beetmover-checksums does not handle kind '" + task.kind() + "' (task "
                    + task.taskId() + ")");
        }
        ReleaseName release = TaskRelease.of(task);
        String path = task.params() instanceof ChecksumsParams p ? p.partnerPath() : null;
        if (path == null || !path.startsWith(PREFIX)) {
            throw new TaskFailureException("task " + task.taskId() + " needs a partner path (params.partner_path) of"
                    + " the form beetmover-checksums/<platform>-EME-free/<locale>, got " + path);
        }
        PartnerPath partnerPath = PartnerPath.of(path);
        Artifact manifest = item.upstreamArtifact(ArtifactNames.TARGET_CHECKSUMS).orElseThrow(() ->
                new TaskFailureException("task " + task.taskId() + " has no upstream " + ArtifactNames.TARGET_CHECKSUMS
                        + " (its EME-free beetmover must publish one)"));
        String pretty = PrettyNames.of(ArtifactNames.TARGET_CHECKSUMS, release).orElseThrow();
        String destination = new CandidatesLayout(release).destination(partnerPath, pretty);
        StoredObject published = copy(manifest, destination, context);
        LOG.info("{}: published {}", task.taskId(), destination);
        return List.of(published.asArtifact(ArtifactNames.TARGET_CHECKSUMS)); // the manifest, as published
    }

    /** Streams {@code source} to {@code destination}, verified against the upstream size and sha512; write-once. */
    static StoredObject copy(Artifact source, String destination, TaskContext context) throws IOException {
        ArtifactStore store = context.store();
        Optional<StoredObject> existing = store.stat(destination);
        if (existing.isPresent()) {
            if (existing.get().sha512().equals(source.sha512())) {
                return existing.get();
            }
            throw new TaskFailureException("a different file is already published at " + destination + " (sha512 "
                    + existing.get().sha512() + "; " + source.uri() + " has sha512 " + source.sha512()
                    + "): published files are never replaced");
        }
        context.resolver().requireReadable(source);
        return VerifiedCopy.publish(source, destination, context);
    }
}
