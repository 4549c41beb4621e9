package dev.relpromo.signing;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.kinds.ArtifactNames;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.store.StoreConflictException;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.kit.work.TaskHandler;
import dev.relpromo.signing.mac.MacBundle;
import dev.relpromo.signing.mac.MacSigningBackend;
import dev.relpromo.signing.mac.SignedBundle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mac signing of a chunk of partner or EME-free repacks (reference §2.5, §5.1): fetches each repack's
 * {@code target.tar.gz}, has the configured {@link MacSigningBackend} sign the chunk, and stores each signed archive
 * at {@code <repack dir>/signed/target.tar.gz} ({@link StageKeys}), beside the unsigned repack.
 *
 * <p>One result for the chunk: {@code <repack id>/target.tar.gz} ({@link ArtifactNames#ofRepack}) per repack, in
 * chunk order. Which backend signed, and for the local one that the signature is not Apple-valid, is logged and
 * recorded inside each bundle by the backend.
 */
public final class MacSigningHandler implements TaskHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MacSigningHandler.class);

    public static final String PARTNER_KIND = Kinds.PARTNER_MAC_SIGNING.name();
    public static final String EME_FREE_KIND = Kinds.EME_FREE_MAC_SIGNING.name();
    public static final Set<String> KINDS = Set.of(PARTNER_KIND, EME_FREE_KIND);
    /** The repack kind each signing kind's upstreams are. */
    private static final Map<String, String> UPSTREAM_KIND = Map.of(PARTNER_KIND, Kinds.PARTNER_REPACK.name(),
            EME_FREE_KIND, Kinds.EME_FREE_REPACK.name());

    private final MacSigningBackend backend;

    public MacSigningHandler(MacSigningBackend backend) {
        this.backend = backend;
    }

    @Override
    public List<Artifact> handle(WorkItem item, TaskContext context) throws IOException {
        String kind = item.task().kind();
        if (!KINDS.contains(kind)) {
            throw new TaskFailureException("mac signing does not handle kind '" + kind + "' (task "
                    + item.task().taskId() + "); expected one of " + KINDS);
        }
        MacChunkTask chunk = MacChunkTask.ofRepacks(item, UPSTREAM_KIND.get(kind));
        List<MacBundle> bundles = chunk.fetch(context);
        List<SignedBundle> signed = backend.sign(bundles, context.workDir().resolve("backend"));
        if (signed.size() != bundles.size()) {
            throw new IllegalStateException("mac backend " + backend.id() + " returned " + signed.size()
                    + " signed bundles for a chunk of " + bundles.size());
        }
        List<Artifact> out = new ArrayList<>();
        for (int i = 0; i < signed.size(); i++) {
            MacChunkTask.Input input = chunk.repacks().get(i);
            String key = StageKeys.of(input.archive().storeKey(), StageKeys.SIGNED, ArtifactNames.TARGET_TAR_GZ);
            try {
                out.add(context.store().put(key, signed.get(i).archive())
                        .asArtifact(ArtifactNames.ofRepack(input.repackId(), ArtifactNames.TARGET_TAR_GZ)));
            } catch (StoreConflictException e) {
                throw new TaskFailureException(e.getMessage() + ": " + input.repackId() + " was signed before with"
                        + " other bytes (another key, or a mac backend whose output is not deterministic)", e);
            }
            LOG.info("{}: {} → {}", item.task().taskId(), signed.get(i).summary(), key);
        }
        LOG.info("{}: mac signing ({}) of {} repacks {}", item.task().taskId(), backend.label(), out.size(),
                chunk.chunk().repackIds());
        return out;
    }
}
