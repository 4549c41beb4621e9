package dev.relpromo.beetmover;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.layout.CandidatesLayout;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.kit.store.StoreConflictException;
import dev.relpromo.kit.store.StoreKeys;
import dev.relpromo.kit.store.StoredObject;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.kit.work.VerifiedCopy;
import dev.relpromo.kit.work.TaskHandler;
import dev.relpromo.kit.work.VerifiedInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code release-generate-checksums-beetmover}: publishes {@code SHA256SUMMARY}, {@code SHA256SUMS},
 * {@code SHA512SUMMARY}, {@code SHA512SUMS} and their {@code .asc} at the top of the candidates build directory.
 * All eight are checked before the first copy; each copy streams and verifies the signing task's size and sha512.
 * Published files are written once: the same bytes are left alone, other bytes fail the task.
 */
public final class ReleaseChecksumsBeetmoverHandler implements TaskHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseChecksumsBeetmoverHandler.class);

    public static final Set<String> KINDS = Set.of(Kinds.RELEASE_GENERATE_CHECKSUMS_BEETMOVER.name());

    @Override
    public List<Artifact> handle(WorkItem item, TaskContext context) throws IOException {
        TaskDefined task = item.task();
        if (!KINDS.contains(task.kind())) {
            throw new TaskFailureException("release-generate-checksums-beetmover does not handle kind '" + task.kind()
                    + "' (task " + task.taskId() + ")");
        }
        ReleaseName release;
        try {
            release = ReleaseName.parse(task.release());
        } catch (IllegalArgumentException e) {
            throw new TaskFailureException(e.getMessage(), e);
        }
        CandidatesLayout layout = new CandidatesLayout(release);
        List<Artifact> sources = new ArrayList<>();
        for (String name : Kinds.RELEASE_GENERATE_CHECKSUMS_BEETMOVER.produces()) {
            sources.add(item.upstreamArtifact(name).orElseThrow(() -> new TaskFailureException("task "
                    + task.taskId() + " has no upstream " + name + " (the signing task passes the SUMS files and"
                    + " their .asc through)")));
        }
        ArtifactStore store = context.store();
        for (Artifact source : sources) {
            context.resolver().requireReadable(source);
            Optional<StoredObject> existing = store.stat(destination(layout, source));
            if (existing.isPresent() && !existing.get().sha512().equals(source.sha512())) {
                throw new TaskFailureException("a different " + source.name() + " is already published at "
                        + destination(layout, source) + " (sha512 " + existing.get().sha512() + "; " + source.uri()
                        + " has sha512 " + source.sha512() + "): the SUMS of a build are written once");
            }
        }
        List<Artifact> published = new ArrayList<>();
        for (Artifact source : sources) {
            published.add(copy(source, destination(layout, source), context).asArtifact(source.name()));
        }
        LOG.info("{}: published {} files to {}", task.taskId(), published.size(), layout.buildDir());
        return published;
    }

    private static String destination(CandidatesLayout layout, Artifact source) {
        return StoreKeys.join(layout.buildDir(), source.name());
    }

    private static StoredObject copy(Artifact source, String destination, TaskContext context) throws IOException {
        return VerifiedCopy.publish(source, destination, context);
    }
}
