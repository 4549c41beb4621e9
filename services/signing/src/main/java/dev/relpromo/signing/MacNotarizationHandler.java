package dev.relpromo.signing;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.kinds.ArtifactNames;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.store.Digests;
import dev.relpromo.kit.store.StoreConflictException;
import dev.relpromo.kit.store.StoreKeys;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.kit.work.TaskHandler;
import dev.relpromo.signing.mac.LocalManifestMacSigner;
import dev.relpromo.signing.mac.MacBundle;
import dev.relpromo.signing.mac.MacSigningBackend;
import dev.relpromo.signing.mac.NotarizedBundle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mac notarization of a signed chunk (reference §5.1, {@code apple_notarization_stacked}): the upstream is the
 * chunk's mac-signing task, whose result has {@code <repack id>/target.tar.gz} per repack. The configured
 * {@link MacSigningBackend} notarizes them; per repack this stores
 * <ul>
 *   <li>the record {@code <repack dir>/notarized/notarization.json} ({@link StageKeys}): which backend notarized,
 *       and for the local one {@code "notarized_by_apple": false};</li>
 *   <li>the archive at {@code <repack dir>/notarized/target.tar.gz} only when notarization changed it (a stapled
 *       ticket). An unchanged archive — always, with the local backend — is passed on as the upstream's artifact,
 *       so no second copy of the same bytes exists.</li>
 * </ul>
 * One result for the chunk: {@code <id>/target.tar.gz} and {@code <id>/notarization.json} per repack, in chunk order.
 */
public final class MacNotarizationHandler implements TaskHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MacNotarizationHandler.class);

    public static final String PARTNER_KIND = Kinds.PARTNER_MAC_NOTARIZATION.name();
    public static final String EME_FREE_KIND = Kinds.EME_FREE_MAC_NOTARIZATION.name();
    public static final Set<String> KINDS = Set.of(PARTNER_KIND, EME_FREE_KIND);
    /** The signing kind each notarization kind's upstream is. */
    private static final Map<String, String> UPSTREAM_KIND = Map.of(PARTNER_KIND, Kinds.PARTNER_MAC_SIGNING.name(),
            EME_FREE_KIND, Kinds.EME_FREE_MAC_SIGNING.name());

    private final MacSigningBackend backend;

    public MacNotarizationHandler(MacSigningBackend backend) {
        this.backend = backend;
    }

    @Override
    public List<Artifact> handle(WorkItem item, TaskContext context) throws IOException {
        String kind = item.task().kind();
        if (!KINDS.contains(kind)) {
            throw new TaskFailureException("mac notarization does not handle kind '" + kind + "' (task "
                    + item.task().taskId() + "); expected one of " + KINDS);
        }
        MacChunkTask chunk = MacChunkTask.ofSigningChunk(item, UPSTREAM_KIND.get(kind));
        List<MacBundle> bundles = chunk.fetch(context);
        List<NotarizedBundle> notarized = backend.notarize(bundles, context.workDir().resolve("backend"));
        if (notarized.size() != bundles.size()) {
            throw new IllegalStateException("mac backend " + backend.id() + " returned " + notarized.size()
                    + " notarized bundles for a chunk of " + bundles.size());
        }
        boolean local = LocalManifestMacSigner.ID.equals(backend.id());
        List<Artifact> out = new ArrayList<>();
        for (int i = 0; i < notarized.size(); i++) {
            MacChunkTask.Input input = chunk.repacks().get(i);
            NotarizedBundle result = notarized.get(i);
            String signedKey = input.archive().storeKey();
            out.add(archive(input, result.archive(), context));
            out.add(put(context, StageKeys.of(signedKey, StageKeys.NOTARIZED, ArtifactNames.NOTARIZATION_JSON),
                    result.record(), ArtifactNames.ofRepack(input.repackId(), ArtifactNames.NOTARIZATION_JSON)));
            LOG.info("{}: {}", item.task().taskId(), result.summary());
        }
        if (local) {
            LOG.warn("{}: mac notarization was LOCAL ({}): NO Apple notarization took place for {}; the"
                    + " notarization.json records say so", item.task().taskId(), backend.label(),
                    chunk.chunk().repackIds());
        } else {
            LOG.info("{}: mac notarization ({}) of {} repacks {}", item.task().taskId(), backend.label(),
                    bundles.size(), chunk.chunk().repackIds());
        }
        return out;
    }

    /** The upstream's archive when the bytes did not change, else the changed (stapled) archive, stored. */
    private static Artifact archive(MacChunkTask.Input input, Path archive, TaskContext context) throws IOException {
        Artifact upstream = input.archive();
        if (Digests.sha512Hex(archive).equals(upstream.sha512())) {
            return upstream;
        }
        return put(context, StageKeys.of(upstream.storeKey(), StageKeys.NOTARIZED, ArtifactNames.TARGET_TAR_GZ),
                archive, upstream.name());
    }

    private static Artifact put(TaskContext context, String key, Path file, String name) throws IOException {
        try {
            return context.store().put(StoreKeys.validate(key), file).asArtifact(name);
        } catch (StoreConflictException e) {
            throw new TaskFailureException(e.getMessage() + ": notarized before with other bytes (a notary service"
                    + " whose output is not deterministic, or another backend)", e);
        }
    }
}
