package dev.relpromo.repackage;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Phase;
import dev.relpromo.events.Platform;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.params.ReleaseRef;
import dev.relpromo.events.params.RepackRef;
import dev.relpromo.events.params.RepackageParams;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import dev.relpromo.kit.work.ArtifactResolver;
import dev.relpromo.kit.work.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A store in a temporary directory and the work items of the repackage kinds, as the planner defines them (release
 * {@code Firefox-135.0-build1}, partner {@code acme}, sub-config {@code acme-1}).
 */
final class Fixture {
    static final String RELEASE = "Firefox-135.0-build1";
    static final ReleaseRef RELEASE_REF = new ReleaseRef("firefox", "135.0", 1);

    final Path dir;
    final FileSystemArtifactStore store;
    private int attempts;

    Fixture(Path dir) throws IOException {
        this.dir = dir;
        this.store = new FileSystemArtifactStore(dir.resolve("store"));
    }

    /** {@code file} in the store under {@code key}, as an upstream artifact named {@code name}. */
    Artifact upstream(String key, String name, Path file) throws IOException {
        return store.put(key, file).asArtifact(name);
    }

    /** A fresh, empty work directory, as the worker gives each attempt. */
    TaskContext context() throws IOException {
        return new TaskContext(store, Files.createDirectories(dir.resolve("work-" + ++attempts)),
                new ArtifactResolver(store));
    }

    byte[] read(Artifact artifact) throws IOException {
        try (InputStream in = store.open(artifact.storeKey())) {
            return in.readAllBytes();
        }
    }

    static RepackRef repack(String path, String partner, String sub, String locale, int partnerBuild) {
        return new RepackRef(path, partner + "/" + sub + "/" + locale, partner, sub, locale, partnerBuild);
    }

    static RepackRef partnerRepack(String locale) {
        return repack(RepackRef.PARTNER, "acme", "acme-1", locale, 1);
    }

    /** A work item of {@code kind} with one upstream task that completed with {@code upstreamArtifacts}. */
    static WorkItem work(String kind, Platform platform, RepackageParams params, String upstreamLabel,
                         List<Artifact> upstreamArtifacts) {
        String label = kind + "-" + (platform == null ? "none" : platform.buildPlatform()) + "-"
                + (params == null ? "none" : params.repack().id().replace('/', '-'));
        TaskDefined task = new TaskDefined(RELEASE, Phase.PROMOTE, RELEASE + "/" + label, label, kind,
                Service.REPACKAGE, platform, List.of(RELEASE + "/" + upstreamLabel), params);
        TaskCompleted upstream = new TaskCompleted(RELEASE, Phase.PROMOTE, RELEASE + "/" + upstreamLabel,
                upstreamLabel, "upstream-kind", 1, upstreamArtifacts);
        return new WorkItem(task, 1, List.of(upstream));
    }
}
