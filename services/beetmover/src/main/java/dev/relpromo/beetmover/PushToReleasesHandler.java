package dev.relpromo.beetmover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relpromo.events.Artifact;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.kinds.ArtifactNames;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.events.params.BeetmoverParams;
import dev.relpromo.events.params.PushPartner;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.layout.CandidatesLayout;
import dev.relpromo.kit.layout.ReleasesLayout;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.kit.store.StoreConflictException;
import dev.relpromo.kit.store.StoreKeys;
import dev.relpromo.kit.store.StoredObject;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.kit.work.TaskHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push phase (beetmoverscript {@code push-to-releases}, reference §3.2): copies the candidates build directory to
 * {@code pub/<product>/releases/<version>/}, leaving out {@link ReleaseExcludes} (EME-free is copied), and each listed
 * {@code publish_to_releases} sub-config from {@code partner-repacks/<partner>/<sub>/v<N>/} — the N it was last
 * promoted in, not a hardcoded v1 — to {@code releases/partners/<partner>/<sub>/<version>/}.
 *
 * <p>Every destination is checked before the first copy: one holding other bytes fails the task listing all such
 * keys, and nothing is copied; one holding the same bytes is skipped, so a second push is a no-op.
 */
public final class PushToReleasesHandler implements TaskHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PushToReleasesHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static final String KIND = Kinds.RELEASE_BEETMOVER_PUSH_TO_RELEASE.name();
    public static final Set<String> KINDS = Set.of(KIND);
    static final String PARTNER_REPACKS = "partner-repacks";

    /** One key to copy and where it lands. */
    record Move(String source, String destination) {
    }

    @Override
    public List<Artifact> handle(WorkItem item, TaskContext context) throws IOException {
        TaskDefined task = item.task();
        if (!KINDS.contains(task.kind())) {
            throw new TaskFailureException("push-to-releases does not handle kind '" + task.kind() + "' (task "
                    + task.taskId() + ")");
        }
        ReleaseName release;
        try {
            release = ReleaseName.parse(task.release());
        } catch (IllegalArgumentException e) {
            throw new TaskFailureException(e.getMessage(), e);
        }
        List<PushPartner> partners = task.params() instanceof BeetmoverParams p && p.partners() != null
                ? p.partners() : List.of();
        ArtifactStore store = context.store();
        List<Move> moves = plan(store, release, partners, task.taskId());

        List<String> conflicts = new ArrayList<>();
        List<Move> toCopy = new ArrayList<>();
        for (Move move : moves) {
            StoredObject source = store.stat(move.source()).orElseThrow(() -> new TaskFailureException(
                    "task " + task.taskId() + ": " + move.source() + " disappeared from " + store.describe()));
            Optional<StoredObject> existing = store.stat(move.destination());
            if (existing.isEmpty()) {
                toCopy.add(move);
            } else if (!existing.get().sha512().equals(source.sha512())) {
                conflicts.add(move.destination());
            }
        }
        if (!conflicts.isEmpty()) {
            throw new TaskFailureException("task " + task.taskId() + ": nothing pushed, " + conflicts.size()
                    + " file(s) already in releases hold different bytes (releases are never overwritten): "
                    + conflicts);
        }
        for (Move move : toCopy) {
            try {
                store.copy(move.source(), move.destination());
            } catch (StoreConflictException e) {
                throw new TaskFailureException("task " + task.taskId() + ": " + e.getMessage(), e);
            }
        }
        ReleasesLayout releases = new ReleasesLayout(release);
        StoredObject manifest = store.put(releases.pushManifest(), manifest(store, release, moves, partners));
        LOG.info("{}: pushed {} files to {} ({} copied, {} already there, {} partners)", task.taskId(), moves.size(),
                releases.releaseDir(), toCopy.size(), moves.size() - toCopy.size(), partners.size());
        return List.of(manifest.asArtifact(ArtifactNames.PUSH_JSON));
    }

    /** Every source and destination, sorted by destination; a listed partner with nothing under its vN fails. */
    static List<Move> plan(ArtifactStore store, ReleaseName release, List<PushPartner> partners, String taskId)
            throws IOException {
        CandidatesLayout candidates = new CandidatesLayout(release);
        ReleasesLayout releases = new ReleasesLayout(release);
        String buildDir = candidates.buildDir() + "/";
        List<Move> moves = new ArrayList<>();
        for (String key : store.list(buildDir)) {
            if (!ReleaseExcludes.excluded(key)) {
                moves.add(new Move(key, releases.destination(key.substring(buildDir.length()))));
            }
        }
        if (moves.isEmpty()) {
            throw new TaskFailureException("task " + taskId + ": nothing to push, " + candidates.buildDir()
                    + " in " + store.describe() + " holds no file that belongs in releases (was promote run?)");
        }
        for (PushPartner partner : partners) {
            String from = StoreKeys.join(buildDir + PARTNER_REPACKS, partner.partner(), partner.subConfig(),
                    "v" + partner.partnerBuildNumber()) + "/";
            List<String> keys = store.list(from);
            if (keys.isEmpty()) {
                throw new TaskFailureException("task " + taskId + ": partner " + partner.id() + " is to be published"
                        + " from v" + partner.partnerBuildNumber() + ", but " + from + " in " + store.describe()
                        + " is empty");
            }
            String to = releases.partnerDir(partner.partner(), partner.subConfig());
            for (String key : keys) {
                String rest = key.substring(from.length());
                moves.add(new Move(key, StoreKeys.join(to, rest)));
            }
        }
        moves.sort(Comparator.comparing(Move::destination));
        return moves;
    }

    /** A deterministic listing of what the push put in releases: destination key, size and sha512 per file. */
    private static byte[] manifest(ArtifactStore store, ReleaseName release, List<Move> moves,
                                   List<PushPartner> partners) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("release", release.toString());
        ArrayNode published = root.putArray("partners");
        partners.stream().sorted(Comparator.comparing(PushPartner::id)).forEach(p -> published.addObject()
                .put("partner", p.partner()).put("sub_config", p.subConfig())
                .put("partner_build_number", p.partnerBuildNumber()));
        ArrayNode files = root.putArray("files");
        for (Move move : moves) {
            StoredObject object = store.stat(move.destination()).orElseThrow(() -> new IOException(
                    move.destination() + " is not in " + store.describe() + " right after copying it"));
            files.addObject().put("key", move.destination()).put("size", object.size()).put("sha512", object.sha512());
        }
        return JSON.writeValueAsBytes(root);
    }
}
