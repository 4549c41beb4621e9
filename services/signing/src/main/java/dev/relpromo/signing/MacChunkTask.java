package dev.relpromo.signing;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.kinds.ArtifactNames;
import dev.relpromo.events.params.ChunkRef;
import dev.relpromo.events.params.SigningParams;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.signing.mac.MacBundle;
import dev.relpromo.signing.mac.MacChunks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inputs of a mac signing or notarization task, checked: a mac task with a chunk of 1 to
 * {@value MacChunks#MAX_SIZE} distinct repack ids, each matched to exactly one {@code target.tar.gz} of the upstreams
 * the definition names, in chunk order. What cannot match one to one is refused before anything is fetched.
 *
 * @param repacks the chunk's repacks, in chunk order
 */
record MacChunkTask(TaskDefined task, ChunkRef chunk, List<Input> repacks) {

    /** One repack of the chunk and the archive its upstream published for it. */
    record Input(String repackId, Artifact archive) {
    }

    /**
     * A mac-signing chunk: each upstream is a repack task of {@code repackKind} with one {@code target.tar.gz}. The
     * repack id is read from that archive's store key, which the repack service lays out as
     * {@code …/<partner>/<sub-config>/<ftp platform>/<locale>/target.tar.gz} from plain path components. Labels
     * replace the id's {@code /} by {@code -}, which cannot be undone ({@code a-b/c} and {@code a/b-c} give the same
     * label), so they are not used to match.
     */
    static MacChunkTask ofRepacks(WorkItem item, String repackKind) {
        ChunkRef chunk = chunkOf(item);
        Map<String, Input> byId = new LinkedHashMap<>();
        for (TaskCompleted upstream : namedUpstreams(item, repackKind)) {
            List<Artifact> archives = upstream.artifacts().stream()
                    .filter(a -> a.name().equals(ArtifactNames.TARGET_TAR_GZ)).toList();
            if (archives.size() != 1) {
                throw refused(item, "upstream " + upstream.taskId() + " has " + archives.size() + " "
                        + ArtifactNames.TARGET_TAR_GZ + " artifacts, expected one");
            }
            Artifact archive = archives.get(0);
            String id = repackIdOfKey(item, upstream, archive);
            if (byId.put(id, new Input(id, archive)) != null) {
                throw refused(item, "two upstreams publish " + ArtifactNames.TARGET_TAR_GZ + " for repack " + id);
            }
        }
        return new MacChunkTask(item.task(), chunk, matched(item, chunk, byId));
    }

    /**
     * A mac-notarization chunk: one upstream, the chunk's signing task of {@code signingKind}, whose artifacts are
     * {@code <repack id>/target.tar.gz} for exactly the chunk's repacks.
     */
    static MacChunkTask ofSigningChunk(WorkItem item, String signingKind) {
        ChunkRef chunk = chunkOf(item);
        List<TaskCompleted> upstreams = namedUpstreams(item, signingKind);
        if (upstreams.size() != 1) {
            throw refused(item, "it needs exactly one upstream (its " + signingKind + " chunk), not " + upstreams.size());
        }
        String suffix = "/" + ArtifactNames.TARGET_TAR_GZ;
        Map<String, Input> byId = new LinkedHashMap<>();
        for (Artifact a : upstreams.get(0).artifacts()) {
            if (a.name().endsWith(suffix)) {
                String id = a.name().substring(0, a.name().length() - suffix.length());
                if (byId.put(id, new Input(id, a)) != null) {
                    throw refused(item, "upstream " + upstreams.get(0).taskId() + " has " + a.name() + " twice");
                }
            }
        }
        return new MacChunkTask(item.task(), chunk, matched(item, chunk, byId));
    }

    /**
     * Fetches every archive, verified, to {@code <work dir>/bundle-<n>.tar.gz} (n from 1, in chunk order; ids have
     * slashes, positions do not).
     */
    List<MacBundle> fetch(TaskContext context) throws IOException {
        for (Input input : repacks) {
            context.resolver().requireReadable(input.archive()); // refuse a bad source before fetching any
        }
        List<MacBundle> bundles = new ArrayList<>();
        for (int i = 0; i < repacks.size(); i++) {
            Input input = repacks.get(i);
            bundles.add(new MacBundle(input.repackId(), context.resolver().fetch(input.archive(),
                    context.workDir().resolve("bundle-" + (i + 1) + ".tar.gz"))));
        }
        return bundles;
    }

    private static ChunkRef chunkOf(WorkItem item) {
        TaskDefined task = item.task();
        if (task.platform() == null || !task.platform().isMac()) {
            throw refused(item, "it is not a mac task (platform "
                    + (task.platform() == null ? "none" : task.platform().buildPlatform()) + ")");
        }
        ChunkRef chunk;
        try {
            chunk = task.params(SigningParams.class).chunk();
        } catch (IllegalStateException e) {
            throw refused(item, e.getMessage());
        }
        if (chunk == null) {
            throw refused(item, "its params name no chunk of repack ids");
        }
        List<String> ids = chunk.repackIds();
        if (ids.isEmpty() || ids.size() > MacChunks.MAX_SIZE || new HashSet<>(ids).size() != ids.size()) {
            throw refused(item, "a chunk holds 1 to " + MacChunks.MAX_SIZE + " distinct repack ids, not " + ids);
        }
        return chunk;
    }

    /** The upstream results, each of {@code kind} and named by the definition (a stray result is a graph bug). */
    private static List<TaskCompleted> namedUpstreams(WorkItem item, String kind) {
        Set<String> named = new HashSet<>(item.task().upstreams());
        for (TaskCompleted upstream : item.upstream()) {
            if (!named.contains(upstream.taskId())) {
                throw refused(item, "upstream " + upstream.taskId() + " is not one of its definition's upstreams");
            }
            if (!kind.equals(upstream.kind())) {
                throw refused(item, "upstream " + upstream.taskId() + " is of kind " + upstream.kind() + ", expected "
                        + kind);
            }
        }
        return item.upstream();
    }

    private static String repackIdOfKey(WorkItem item, TaskCompleted upstream, Artifact archive) {
        if (!archive.inStore()) {
            throw refused(item, "upstream " + upstream.taskId() + "'s " + archive.name() + " is not in the artifact"
                    + " store (" + archive.uri() + ")");
        }
        String[] parts = archive.storeKey().split("/");
        String ftp = item.task().platform().ftpPlatform();
        if (parts.length < 5 || !parts[parts.length - 3].equals(ftp)) {
            throw refused(item, "upstream " + upstream.taskId() + "'s " + archive.name() + " is at "
                    + archive.storeKey() + ", not at a " + ftp + " repack's key …/<partner>/<sub-config>/" + ftp
                    + "/<locale>/" + ArtifactNames.TARGET_TAR_GZ);
        }
        return parts[parts.length - 5] + "/" + parts[parts.length - 4] + "/" + parts[parts.length - 2];
    }

    /** The inputs in chunk order; the chunk's ids and the ids found must be the same set. */
    private static List<Input> matched(WorkItem item, ChunkRef chunk, Map<String, Input> byId) {
        List<String> missing = chunk.repackIds().stream().filter(id -> !byId.containsKey(id)).toList();
        List<String> extra = byId.keySet().stream().filter(id -> !chunk.repackIds().contains(id)).toList();
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw refused(item, "its chunk " + chunk.repackIds() + " and its upstreams do not match one to one:"
                    + (missing.isEmpty() ? "" : " no " + ArtifactNames.TARGET_TAR_GZ + " for " + missing)
                    + (missing.isEmpty() || extra.isEmpty() ? "" : ";")
                    + (extra.isEmpty() ? "" : " upstream archives of repacks outside the chunk: " + extra));
        }
        return chunk.repackIds().stream().map(byId::get).toList();
    }

    private static TaskFailureException refused(WorkItem item, String why) {
        return new TaskFailureException("refusing " + item.task().kind() + " task " + item.task().taskId() + ": " + why);
    }
}
