package dev.relpromo.signing;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.kinds.ArtifactNames;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.kit.work.TaskHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code release-generate-checksums-signing}: a detached OpenPGP signature ({@code .asc}) for each of
 * {@code SHA256SUMMARY}, {@code SHA256SUMS}, {@code SHA512SUMMARY} and {@code SHA512SUMS}, made by the same signer
 * (local key or Autograph) as the repackage-signing {@code .asc} files, so one {@code KEY} verifies the whole build
 * directory. Results: the four files passed through, their signatures and the {@code KEY}.
 */
public final class ReleaseChecksumsSigningHandler implements TaskHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseChecksumsSigningHandler.class);

    public static final Set<String> KINDS = Set.of(Kinds.RELEASE_GENERATE_CHECKSUMS_SIGNING.name());

    private final OpenPgpPublisher openPgp;

    public ReleaseChecksumsSigningHandler(GpgSigner signer) {
        this.openPgp = new OpenPgpPublisher(signer);
    }

    @Override
    public List<Artifact> handle(WorkItem item, TaskContext context) throws IOException {
        TaskDefined task = item.task();
        if (!KINDS.contains(task.kind())) {
            throw new TaskFailureException("release-generate-checksums-signing does not handle kind '" + task.kind()
                    + "' (task " + task.taskId() + ")");
        }
        List<Artifact> files = new ArrayList<>();
        for (String name : ArtifactNames.RELEASE_SUMS) {
            files.add(item.upstreamArtifact(name).orElseThrow(() -> new TaskFailureException("task " + task.taskId()
                    + " has no upstream " + name + " (upstream artifacts: " + RepackageSigningHandler.offered(item)
                    + ")")));
        }
        List<Artifact> out = new ArrayList<>(files);
        for (Artifact file : files) {
            out.add(openPgp.signatureOf(file, context));
        }
        out.add(openPgp.publicKey(context.store()));
        LOG.info("{}: signed {} (OpenPGP key {})", task.taskId(), ArtifactNames.RELEASE_SUMS, openPgp.fingerprint());
        return out;
    }
}
