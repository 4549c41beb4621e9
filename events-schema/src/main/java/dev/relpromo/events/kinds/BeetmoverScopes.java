package dev.relpromo.events.kinds;

import java.util.List;
import java.util.Optional;

/**
 * The beetmover's scopes (reference §3.1): every beetmover task carries exactly one {@code <prefix>action:<action>}
 * and one {@code <prefix>bucket:<bucket>} scope. The planner sets them, the beetmover refuses any other set; both take
 * the action of a kind from here.
 */
public final class BeetmoverScopes {
    /** The prefix of Firefox's beetmover scopes. */
    public static final String DEFAULT_PREFIX = "project:releng:beetmover:";
    public static final String ACTION = "action:";
    public static final String BUCKET = "bucket:";

    /** Repack, EME-free and attribution beetmovers: into the candidates tree, under a partner path. */
    public static final String PUSH_TO_PARTNER = "push-to-partner";
    /** The release checksums beetmover: SHA*SUMS into the candidates build directory. */
    public static final String PUSH_TO_CANDIDATES = "push-to-candidates";
    /** The push phase: candidates to releases. */
    public static final String PUSH_TO_RELEASES = "push-to-releases";

    public static final String RELEASE_BUCKET = "release";
    /** The buckets a beetmover serves unless configured otherwise ({@code dep} is staging). */
    public static final List<String> DEFAULT_BUCKETS = List.of(RELEASE_BUCKET, "dep", "nightly");
    /** A scope's resource name: an action or a bucket. */
    public static final String RESOURCE_PATTERN = "^[0-9A-Za-z_-]+$";

    private BeetmoverScopes() {
    }

    /**
     * The action a beetmover kind must carry, or empty for a kind the beetmover does not run (the EME-free
     * beetmover-checksums belongs to the checksums service).
     */
    public static Optional<String> actionOf(String kind) {
        if (kind.equals(Kinds.RELEASE_BEETMOVER_PUSH_TO_RELEASE.name())) {
            return Optional.of(PUSH_TO_RELEASES);
        }
        if (kind.equals(Kinds.RELEASE_GENERATE_CHECKSUMS_BEETMOVER.name())) {
            return Optional.of(PUSH_TO_CANDIDATES);
        }
        if (kind.equals(Kinds.PARTNER_BEETMOVER.name()) || kind.equals(Kinds.EME_FREE_BEETMOVER.name())
                || kind.equals(Kinds.PARTNER_ATTRIBUTION_BEETMOVER.name())) {
            return Optional.of(PUSH_TO_PARTNER);
        }
        return Optional.empty();
    }

    /** The two scopes of a task of {@code kind} in {@code bucket}, with the default prefix. */
    public static List<String> forKind(String kind, String bucket) {
        String action = actionOf(kind).orElseThrow(() -> new IllegalArgumentException(
                "kind '" + kind + "' is not a beetmover kind"));
        return of(action, bucket);
    }

    public static List<String> of(String action, String bucket) {
        return List.of(DEFAULT_PREFIX + BUCKET + bucket, DEFAULT_PREFIX + ACTION + action);
    }
}
