package dev.relpromo.checksums;

import dev.relpromo.kit.layout.TaskRelease;
import dev.relpromo.events.Artifact;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.layout.CandidatesLayout;
import dev.relpromo.kit.layout.ChecksumsManifest;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.kit.store.StoreKeys;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.kit.work.TaskHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code release-generate-checksums} (reference §4, mozharness {@code generate-checksums.py}): one task per release,
 * after every beetmover of the promote phase. It depends on hundreds to thousands of tasks, so its work item carries
 * no upstream results (see {@code Kinds.NO_INLINE_UPSTREAM}); everything is read from the store instead:
 * <ol>
 *   <li>the {@code *.beet} files of the candidates build directory, if there are any; otherwise every beetmover's
 *       intermediate {@code target.checksums} ({@link CandidatesLayout#beetmoverChecksumsDir()});</li>
 *   <li>their lines, of which only the release's files ({@link ReleaseSums#INCLUDES}) are kept;</li>
 *   <li>{@code SHA512SUMS}, {@code SHA256SUMS}, {@code SHA512SUMMARY} and {@code SHA256SUMMARY} are written to
 *       {@code releng/checksums/<product>/<version>/build<N>/} for signing and publication.</li>
 * </ol>
 * The same store contents give byte-identical files, so a rerun finds its outputs already written.
 */
public final class ReleaseChecksumsHandler implements TaskHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseChecksumsHandler.class);

    public static final String KIND = Kinds.RELEASE_GENERATE_CHECKSUMS.name();
    public static final Set<String> KINDS = Set.of(KIND);
    static final String BEET_SUFFIX = ".checksums.beet";
    static final String CHECKSUMS_SUFFIX = ".checksums";

    /** Where the SUMS files wait for signing: {@code releng/checksums/<product>/<version>/build<N>}. */
    public static String outputDir(ReleaseName release) {
        return StoreKeys.join("releng/checksums", release.productPath(), release.version(),
                "build" + release.buildNumber());
    }

    @Override
    public List<Artifact> handle(WorkItem item, TaskContext context) throws IOException {
        TaskDefined task = item.task();
        if (!KINDS.contains(task.kind())) {
            throw new TaskFailureException("release-generate-checksums does not handle kind '" + task.kind()
                    + "' (task " + task.taskId() + ")");
        }
        ReleaseName release = TaskRelease.of(task);
        CandidatesLayout layout = new CandidatesLayout(release);
        ArtifactStore store = context.store();
        List<String> manifests = manifests(store, layout);
        if (manifests.isEmpty()) {
            throw new TaskFailureException("no beetmover checksums for " + release + ": neither *" + BEET_SUFFIX
                    + " below " + layout.buildDir() + " nor *" + CHECKSUMS_SUFFIX + " below "
                    + layout.beetmoverChecksumsDir());
        }
        ReleaseSums sums = new ReleaseSums();
        for (String key : manifests) {
            String text;
            try (InputStream in = store.open(key)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            try {
                sums.add(ChecksumsManifest.parse(text, key), key);
            } catch (IllegalArgumentException e) {
                throw new TaskFailureException("bad checksums manifest: " + e.getMessage(), e);
            }
        }
        sums.requireComplete();
        String dir = outputDir(release);
        List<Artifact> out = new ArrayList<>();
        for (ReleaseSums.Format format : ReleaseSums.Format.values()) {
            out.add(store.put(StoreKeys.join(dir, format.sumsName()), sums.sums(format))
                    .asArtifact(format.sumsName()));
            out.add(store.put(StoreKeys.join(dir, format.summaryName()), sums.summary(format))
                    .asArtifact(format.summaryName()));
        }
        LOG.info("{}: {} files from {} manifests summed into {}", task.taskId(), sums.fileCount(), manifests.size(),
                dir);
        return out;
    }

    /** The {@code .beet} files if any exist (only they are used then), else the beetmovers' intermediates. */
    static List<String> manifests(ArtifactStore store, CandidatesLayout layout) throws IOException {
        List<String> beets = store.list(layout.buildDir() + "/").stream().filter(k -> k.endsWith(BEET_SUFFIX)).toList();
        if (!beets.isEmpty()) {
            return beets;
        }
        return store.list(layout.beetmoverChecksumsDir() + "/").stream().filter(k -> k.endsWith(CHECKSUMS_SUFFIX))
                .toList();
    }
}
