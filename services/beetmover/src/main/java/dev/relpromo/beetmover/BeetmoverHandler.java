package dev.relpromo.beetmover;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.params.BeetmoverParams;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.kinds.ArtifactNames;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.kit.store.StoreConflictException;
import dev.relpromo.kit.layout.CandidatesLayout;
import dev.relpromo.kit.layout.ChecksumsManifest;
import dev.relpromo.kit.layout.PartnerPath;
import dev.relpromo.kit.layout.PrettyNames;
import dev.relpromo.kit.layout.TaskRelease;
import dev.relpromo.kit.store.StoredObject;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.kit.work.VerifiedCopy;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.work.TaskHandler;
import dev.relpromo.kit.work.VerifiedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Beetmover for partner and EME-free repacks (beetmoverscript {@code push-to-partner}, reference §3.1): copies the
 * signed repack, its {@code .asc} and the signing {@code KEY} from the artifact store into the candidates tree under
 * their pretty names, and writes a {@code target.checksums} manifest of what it published.
 *
 * <p>The partner path and every input (an artifact-store key or build source, with a sha512) are checked before
 * anything is written. Every copy streams and verifies the size and sha512 the upstream published; the store makes
 * each object visible only when complete, and a destination that already holds the same bytes is left alone, so
 * reruns are no-ops.
 */
public final class BeetmoverHandler implements TaskHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BeetmoverHandler.class);

    public static final String PARTNER_KIND = Kinds.PARTNER_BEETMOVER.name();
    public static final String EME_FREE_KIND = Kinds.EME_FREE_BEETMOVER.name();
    /** Attributed installers are published like repacks: under {@code partner-repacks/<campaign>/<content>/v<N>/...}. */
    public static final String ATTRIBUTION_KIND = Kinds.PARTNER_ATTRIBUTION_BEETMOVER.name();
    public static final Set<String> KINDS = Set.of(PARTNER_KIND, EME_FREE_KIND, ATTRIBUTION_KIND);
    public static final String PUBLIC_KEY_ARTIFACT = ArtifactNames.KEY;
    public static final String CHECKSUMS_ARTIFACT = ArtifactNames.TARGET_CHECKSUMS;

    /** One file to move: the upstream artifact, its published name and where it goes. */
    record Beet(Artifact source, String prettyName, String destination) {
    }

    @Override
    public List<Artifact> handle(WorkItem item, TaskContext context) throws IOException {
        TaskDefined task = item.task();
        if (!KINDS.contains(task.kind())) {
            throw new TaskFailureException("beetmover does not handle kind '" + task.kind() + "' (task "
                    + task.taskId() + "); expected one of " + KINDS);
        }
        ReleaseName release = TaskRelease.of(task);
        PartnerPath partnerPath = partnerPathOf(task);
        CandidatesLayout layout = new CandidatesLayout(release);
        Map<String, Artifact> upstream = upstreamArtifacts(item);
        List<Beet> beets = plan(upstream, release, partnerPath, layout);
        if (beets.isEmpty()) {
            throw new TaskFailureException("task " + task.taskId() + " has nothing to publish: none of its upstream"
                    + " artifacts " + upstream.keySet() + " has a published name");
        }
        Optional<Artifact> publicKey = Optional.ofNullable(upstream.get(PUBLIC_KEY_ARTIFACT));
        // Checked before the first copy, so a refused input or a conflict fails the task without publishing anything:
        // every input is a store key or build source with a digest, and no destination holds other bytes.
        for (Beet beet : beets) {
            context.resolver().requireReadable(beet.source());
            requireNotPublishedDifferently(context.store(), beet.destination(), beet.source(), "file",
                    "published files are never replaced; publish changed repacks as a respin (a new partner build number)");
        }
        if (publicKey.isPresent()) {
            context.resolver().requireReadable(publicKey.get());
            requireNotPublishedDifferently(context.store(), layout.publicKey(), publicKey.get(), "signing key",
                    "the signatures of one build must all verify with one KEY (was the signing key replaced during the"
                            + " release?)");
        }

        List<Artifact> published = new ArrayList<>();
        List<ChecksumsManifest.Entry> checksums = new ArrayList<>();
        for (Beet beet : beets) {
            StoredObject copied = copy(beet.source(), beet.destination(), context);
            published.add(copied.asArtifact(beet.prettyName()));
            checksums.add(new ChecksumsManifest.Entry(partnerPath.resolve(beet.prettyName()), copied.size(),
                    copied.sha512(), copied.sha256()));
        }
        if (publicKey.isPresent()) {
            published.add(copy(publicKey.get(), layout.publicKey(), context).asArtifact(PUBLIC_KEY_ARTIFACT));
        }
        String manifest = ChecksumsManifest.render(checksums);
        StoredObject manifestObject = context.store().put(layout.beetmoverChecksums(partnerPath),
                manifest.getBytes(StandardCharsets.UTF_8));
        published.add(manifestObject.asArtifact(CHECKSUMS_ARTIFACT));
        LOG.info("{}: published {} files to {}/{}", task.taskId(), beets.size(), layout.buildDir(), partnerPath);
        return published;
    }

    private static PartnerPath partnerPathOf(TaskDefined task) {
        String path = task.params() instanceof BeetmoverParams p ? p.partnerPath() : null;
        if (path == null) {
            throw new TaskFailureException("task " + task.taskId() + " has no partner path (params.partner_path)");
        }
        return PartnerPath.of(path);
    }

    /** Upstream artifacts by name; two upstreams may pass the same file through, but not different files. */
    private static Map<String, Artifact> upstreamArtifacts(WorkItem item) {
        Map<String, Artifact> byName = new LinkedHashMap<>();
        item.upstream().stream().flatMap(u -> u.artifacts().stream()).forEach(a -> {
            Artifact seen = byName.putIfAbsent(a.name(), a);
            if (seen != null && !sameFile(seen, a)) {
                throw new TaskFailureException("upstreams of " + item.task().taskId() + " disagree about "
                        + a.name() + ": " + seen.uri() + " vs " + a.uri());
            }
        });
        return byName;
    }

    private static boolean sameFile(Artifact a, Artifact b) {
        return a.sha512() != null && b.sha512() != null ? a.sha512().equals(b.sha512()) : a.uri().equals(b.uri());
    }

    /** Every destination is computed and validated here, before the first write. */
    private static List<Beet> plan(Map<String, Artifact> upstream, ReleaseName release, PartnerPath partnerPath,
                                   CandidatesLayout layout) {
        List<Beet> beets = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Artifact artifact : upstream.values()) {
            Optional<String> pretty = PrettyNames.of(artifact.name(), release);
            if (pretty.isPresent()) {
                beets.add(new Beet(artifact, pretty.get(), layout.destination(partnerPath, pretty.get())));
            } else if (!artifact.name().equals(PUBLIC_KEY_ARTIFACT)) {
                skipped.add(artifact.name());
            }
        }
        if (!skipped.isEmpty()) {
            LOG.debug("not published (no pretty name): {}", skipped);
        }
        beets.sort(Comparator.comparing(Beet::destination));
        return beets;
    }

    /** Published files are written once: a rerun must find the same bytes, a changed input needs a respin. */
    private static void requireNotPublishedDifferently(ArtifactStore store, String destination, Artifact source,
                                                       String what, String why) throws IOException {
        Optional<StoredObject> existing = store.stat(destination);
        if (existing.isPresent() && !existing.get().sha512().equals(source.sha512())) {
            throw new TaskFailureException("a different " + what + " is already published at " + destination
                    + " (sha512 " + existing.get().sha512() + "; " + source.uri() + " has sha512 " + source.sha512()
                    + "): " + why);
        }
    }

    private static StoredObject copy(Artifact source, String destination, TaskContext context) throws IOException {
        return VerifiedCopy.publish(source, destination, context);
    }

}
