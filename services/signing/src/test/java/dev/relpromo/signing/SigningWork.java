package dev.relpromo.signing;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Phase;
import dev.relpromo.events.Platform;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.params.ChunkRef;
import dev.relpromo.events.params.ReleaseRef;
import dev.relpromo.events.params.RepackRef;
import dev.relpromo.events.params.SigningParams;
import dev.relpromo.kit.store.StoreKeys;
import java.util.List;

/**
 * Work items of the signing kinds for tests, shaped as the planner and the graph make them: labels
 * {@code <kind>-<build platform>-<repack id with / as ->} (chunks: {@code -<n>}), store keys in the repack layout.
 */
final class SigningWork {
    static final String RELEASE = "Firefox-130.0-build1";
    static final ReleaseRef RELEASE_REF = new ReleaseRef("firefox", "130.0", 1);

    private SigningWork() {
    }

    /** {@code releng/partner/firefox/130.0/build1/v1/<partner>/<sub>/<ftp platform>/<locale>/<file>}. */
    static String repackKey(Platform platform, String repackId, String file) {
        String[] id = repackId.split("/");
        return StoreKeys.join("releng/partner/firefox/130.0/build1/v1", id[0], id[1], platform.ftpPlatform(), id[2],
                file);
    }

    static String label(String kind, Platform platform, String repackIdOrChunk) {
        return kind + "-" + (platform == null ? "none" : platform.buildPlatform()) + "-" + repackIdOrChunk.replace('/', '-');
    }

    /** The completed result of a task of {@code kind} for one repack id (or chunk number). */
    static TaskCompleted completed(String kind, Platform platform, String repackIdOrChunk, List<Artifact> artifacts) {
        String label = label(kind, platform, repackIdOrChunk);
        return new TaskCompleted(RELEASE, Phase.PROMOTE, TaskIds.of(RELEASE, label), label, kind, 1, artifacts);
    }

    /** A repackage-signing task of repack {@code repackId} with one upstream. */
    static WorkItem repackageSigning(String kind, Platform platform, String repackId, TaskCompleted upstream) {
        String[] id = repackId.split("/");
        SigningParams params = new SigningParams(RELEASE_REF,
                new RepackRef("partner", repackId, id[0], id[1], id[2], 1), null);
        return new WorkItem(task(kind, platform, repackId, List.of(upstream.taskId()), params), 1, List.of(upstream));
    }

    /**
     * Chunk {@code number} of a mac signing or notarization kind over {@code repackIds}; the definition names the
     * given upstreams' task ids, so tests can also hand it results that do not fit the chunk.
     */
    static WorkItem macChunk(String kind, String path, int number, List<String> repackIds, List<TaskCompleted> upstreams) {
        SigningParams params = new SigningParams(RELEASE_REF, null, new ChunkRef(path, 1, repackIds));
        return new WorkItem(task(kind, Platform.MACOSX64, String.valueOf(number),
                upstreams.stream().map(TaskCompleted::taskId).toList(), params), 1, upstreams);
    }

    private static TaskDefined task(String kind, Platform platform, String repackIdOrChunk, List<String> upstreams,
                                    SigningParams params) {
        String label = label(kind, platform, repackIdOrChunk);
        return new TaskDefined(RELEASE, Phase.PROMOTE, TaskIds.of(RELEASE, label), label, kind, Service.SIGNING,
                platform, upstreams, params);
    }
}
