package dev.relpromo.events.kinds;

import static dev.relpromo.events.kinds.ArtifactNames.BUILD_ARCHIVES;
import static dev.relpromo.events.kinds.ArtifactNames.KEY;
import static dev.relpromo.events.kinds.ArtifactNames.NOTARIZATION_JSON;
import static dev.relpromo.events.kinds.ArtifactNames.LINUX_ARCHIVES;
import static dev.relpromo.events.kinds.ArtifactNames.TARGET_CHECKSUMS;
import static dev.relpromo.events.kinds.ArtifactNames.TARGET_DMG;
import static dev.relpromo.events.kinds.ArtifactNames.TARGET_INSTALLER_EXE;
import static dev.relpromo.events.kinds.ArtifactNames.TARGET_STUB_INSTALLER_EXE;
import static dev.relpromo.events.kinds.ArtifactNames.TARGET_TAR_BZ2;
import static dev.relpromo.events.kinds.ArtifactNames.TARGET_TAR_GZ;
import static dev.relpromo.events.kinds.ArtifactNames.TARGET_TAR_XZ;
import static dev.relpromo.events.kinds.ArtifactNames.signatureOf;

import dev.relpromo.events.Service;
import java.util.List;
import java.util.stream.Stream;
import java.util.Optional;

/**
 * The kind catalogue: every kind of task relpromo plans, who completes it, what one task stands for and which
 * artifacts it hands downstream. The planner's graph rules build tasks from these entries and each handler
 * declares the entries it handles, so a kind is named in one place (a test checks that every runnable kind has
 * exactly one handler).
 *
 * <p>The promote phase has two repack stacks with the same stages, one kind per stage and stack: partner
 * ({@code release-partner-repack…}) and EME-free ({@code release-eme-free-repack…}). The chunking dummy exists only
 * on the partner stack (EME-free has no Linux), beetmover-checksums only on EME-free (its files go into the release's
 * SHA*SUMS). {@link #all()} lists the kinds in graph order.
 */
public final class Kinds {
    private Kinds() {
    }

    /** {@code repacks-per-chunk} of the real mac-signing and mac-notarization kinds. */
    public static final int REPACKS_PER_CHUNK = 5;

    private static final String PARTNER = "release-partner-repack";
    private static final String EME_FREE = "release-eme-free-repack";
    private static final String PER_REPACK = "one repack: a repack id (partner/sub-config/locale) on one platform";
    private static final String PER_CHUNK = "a chunk of up to " + REPACKS_PER_CHUNK + " repacks of one platform";

    /** The build's own signing tasks the repacks start from; a build-completed event completes them. */
    public static final TaskKind BUILD_SIGNING = new TaskKind("build-signing", Service.EXTERNAL,
            Availability.RUNNABLE, "one build locale on one platform",
            Stream.concat(BUILD_ARCHIVES.stream(), ArtifactNames.BUILD_INSTALLERS.stream()).toList(),
            "the signed build of one locale, completed by a build-completed event");

    public static final TaskKind PARTNER_REPACK = Stage.REPACK.of(PARTNER);
    public static final TaskKind PARTNER_MAC_SIGNING = Stage.MAC_SIGNING.of(PARTNER);
    public static final TaskKind PARTNER_MAC_NOTARIZATION = Stage.MAC_NOTARIZATION.of(PARTNER);
    public static final TaskKind PARTNER_REPACKAGE = Stage.REPACKAGE.of(PARTNER);
    public static final TaskKind PARTNER_CHUNKING_DUMMY = Stage.CHUNKING_DUMMY.of(PARTNER);
    public static final TaskKind PARTNER_REPACKAGE_SIGNING = Stage.REPACKAGE_SIGNING.of(PARTNER);
    public static final TaskKind PARTNER_BEETMOVER = Stage.BEETMOVER.of(PARTNER);

    public static final TaskKind EME_FREE_REPACK = Stage.REPACK.of(EME_FREE);
    public static final TaskKind EME_FREE_MAC_SIGNING = Stage.MAC_SIGNING.of(EME_FREE);
    public static final TaskKind EME_FREE_MAC_NOTARIZATION = Stage.MAC_NOTARIZATION.of(EME_FREE);
    public static final TaskKind EME_FREE_REPACKAGE = Stage.REPACKAGE.of(EME_FREE);
    public static final TaskKind EME_FREE_REPACKAGE_SIGNING = Stage.REPACKAGE_SIGNING.of(EME_FREE);
    public static final TaskKind EME_FREE_BEETMOVER = Stage.BEETMOVER.of(EME_FREE);
    public static final TaskKind EME_FREE_BEETMOVER_CHECKSUMS = Stage.BEETMOVER_CHECKSUMS.of(EME_FREE);

    private static final String PER_ATTRIBUTION = "one attribution config entry (campaign/content) on one platform and"
            + " locale";
    /** Writes an attribution code into a copy of the build's signed installer (no repack, no re-signing). */
    public static final TaskKind PARTNER_ATTRIBUTION = new TaskKind("release-partner-attribution", Service.REPACKAGE,
            Availability.RUNNABLE, PER_ATTRIBUTION, List.of(TARGET_INSTALLER_EXE),
            "writes the attribution code into the __MOZCUSTOM__ slot of a copy of the build's signed Windows installer,"
                    + " in place, without re-signing (macOS dmg attribution is not done yet)");
    public static final TaskKind PARTNER_ATTRIBUTION_BEETMOVER = new TaskKind("release-partner-attribution-beetmover",
            Service.BEETMOVER, Availability.RUNNABLE, PER_ATTRIBUTION, List.of(TARGET_CHECKSUMS),
            "publishes an attributed installer as partner-repacks/<campaign>/<content>/v<N>/<platform>/<locale>/"
                    + "Firefox Setup <version>.exe");

    private static final String PER_RELEASE = "the whole release (one task per phase plan)";
    /**
     * Collects every published checksum of the candidates build directory (the {@code .beet} files, else the
     * beetmovers' {@code target.checksums}) into SHA512SUMS, SHA256SUMS and their Merkle SUMMARY files. It depends on
     * every beetmover of the phase, so it reads their manifests from the artifact store instead of its work item.
     */
    public static final TaskKind RELEASE_GENERATE_CHECKSUMS = new TaskKind("release-generate-checksums",
            Service.CHECKSUMS, Availability.RUNNABLE, PER_RELEASE, ArtifactNames.RELEASE_SUMS,
            "writes SHA512SUMS, SHA256SUMS, SHA512SUMMARY and SHA256SUMMARY over every published checksum of the"
                    + " candidates build directory");
    public static final TaskKind RELEASE_GENERATE_CHECKSUMS_SIGNING = new TaskKind(
            "release-generate-checksums-signing", Service.SIGNING, Availability.RUNNABLE, PER_RELEASE,
            java.util.stream.Stream.concat(ArtifactNames.RELEASE_SUMS.stream(),
                    ArtifactNames.RELEASE_SUMS.stream().map(ArtifactNames::signatureOf)).toList(),
            "signs the SUMS and SUMMARY files with detached OpenPGP signatures (.asc)");
    public static final TaskKind RELEASE_GENERATE_CHECKSUMS_BEETMOVER = new TaskKind(
            "release-generate-checksums-beetmover", Service.BEETMOVER, Availability.RUNNABLE, PER_RELEASE,
            RELEASE_GENERATE_CHECKSUMS_SIGNING.produces(),
            "publishes the SUMS and SUMMARY files and their .asc at the top of the candidates build directory");
    /** The push phase: candidates → releases. */
    public static final TaskKind RELEASE_BEETMOVER_PUSH_TO_RELEASE = new TaskKind(
            "release-beetmover-push-to-release", Service.BEETMOVER, Availability.RUNNABLE, PER_RELEASE,
            List.of(ArtifactNames.PUSH_JSON),
            "copies the candidates build directory to releases/<version>/ (EME-free included, with the real"
                    + " exclusions) and the publish_to_releases partners to releases/partners/<partner>/<sub>/<version>/;"
                    + " never overwrites different bytes");

    private static final List<TaskKind> ALL = List.of(BUILD_SIGNING,
            PARTNER_REPACK, PARTNER_MAC_SIGNING, PARTNER_MAC_NOTARIZATION, PARTNER_REPACKAGE, PARTNER_CHUNKING_DUMMY,
            PARTNER_REPACKAGE_SIGNING, PARTNER_BEETMOVER,
            EME_FREE_REPACK, EME_FREE_MAC_SIGNING, EME_FREE_MAC_NOTARIZATION, EME_FREE_REPACKAGE,
            EME_FREE_REPACKAGE_SIGNING, EME_FREE_BEETMOVER, EME_FREE_BEETMOVER_CHECKSUMS,
            PARTNER_ATTRIBUTION, PARTNER_ATTRIBUTION_BEETMOVER,
            RELEASE_GENERATE_CHECKSUMS, RELEASE_GENERATE_CHECKSUMS_SIGNING, RELEASE_GENERATE_CHECKSUMS_BEETMOVER,
            RELEASE_BEETMOVER_PUSH_TO_RELEASE);

    /**
     * Kinds whose work items carry no upstream results, only their count ({@code WorkItem.upstreamCount}): they fan
     * in from every beetmover of a release (hundreds to thousands of tasks), whose results inline would pass Kafka's
     * record size. Their handlers read what they need from the artifact store instead.
     */
    private static final java.util.Set<String> NO_INLINE_UPSTREAM = java.util.Set.of(RELEASE_GENERATE_CHECKSUMS.name());

    /** Whether work items of {@code kind} are dispatched without the upstream results (see {@link #NO_INLINE_UPSTREAM}). */
    public static boolean carriesNoUpstreamResults(String kind) {
        return NO_INLINE_UPSTREAM.contains(kind);
    }

    /**
     * Every kind, in graph order: build signing, then the partner stack, then the EME-free stack, stage by stage, then
     * partner attribution, the release checksums and the push phase.
     */
    public static List<TaskKind> all() {
        return ALL;
    }

    public static Optional<TaskKind> byName(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** The kind named {@code name}; an unknown name is an error that lists the known ones. */
    public static TaskKind named(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException("unknown task kind '" + name
                + "' (known: " + ALL.stream().map(TaskKind::name).toList() + ")"));
    }

    /** The kinds a service completes, in graph order. */
    public static List<TaskKind> ownedBy(Service owner) {
        return ALL.stream().filter(k -> k.owner() == owner).toList();
    }

    /** The stages both repack stacks share; a stack's kind is {@code <stack prefix><suffix>}. */
    private enum Stage {
        REPACK("", Service.REPACK, Availability.RUNNABLE, PER_REPACK, BUILD_ARCHIVES,
                "customises the signed build with the sub-config's distribution files and extensions"
                        + " (Windows repacks carry setup.exe forward for the installer)"),
        MAC_SIGNING("-mac-signing", Service.SIGNING, Availability.RUNNABLE, PER_CHUNK, List.of(TARGET_TAR_GZ),
                "signs the .app bundles of a chunk of mac repacks; one <repack id>/target.tar.gz per repack (the"
                        + " local backend's signature is not Apple-valid and says so)"),
        MAC_NOTARIZATION("-mac-notarization", Service.SIGNING, Availability.RUNNABLE, PER_CHUNK,
                List.of(TARGET_TAR_GZ, NOTARIZATION_JSON), "notarizes the signed mac repacks of a chunk; one"
                        + " <repack id>/target.tar.gz and <repack id>/notarization.json per repack"),
        REPACKAGE("-repackage", Service.REPACKAGE, Availability.RUNNABLE, PER_REPACK,
                List.of(TARGET_DMG, TARGET_INSTALLER_EXE, TARGET_STUB_INSTALLER_EXE),
                "turns a mac repack into a disk image and a Windows repack into an installer (and a win32 stub"
                        + " installer)"),
        CHUNKING_DUMMY("-chunking-dummy", Service.GRAPH, Availability.RUNNABLE, PER_REPACK, LINUX_ARCHIVES,
                "completes as soon as its Linux repack does and passes the repack's artifacts through"),
        REPACKAGE_SIGNING("-repackage-signing", Service.SIGNING, Availability.RUNNABLE, PER_REPACK,
                List.of(TARGET_TAR_XZ, signatureOf(TARGET_TAR_XZ), TARGET_TAR_BZ2, signatureOf(TARGET_TAR_BZ2),
                        TARGET_DMG, signatureOf(TARGET_DMG), TARGET_INSTALLER_EXE, signatureOf(TARGET_INSTALLER_EXE),
                        TARGET_STUB_INSTALLER_EXE, signatureOf(TARGET_STUB_INSTALLER_EXE), KEY),
                "Linux: passes the archive through with its detached OpenPGP signature; Windows: Authenticode (with an"
                        + " empty attribution slot) then OpenPGP on the installers; mac: OpenPGP on the dmg; plus the"
                        + " public KEY"),
        BEETMOVER("-beetmover", Service.BEETMOVER, Availability.RUNNABLE, PER_REPACK, List.of(KEY, TARGET_CHECKSUMS),
                "publishes the signed repack and its .asc into the candidates tree under their pretty names, the KEY"
                        + " at the top of the build directory, and a target.checksums manifest of what it published"),
        BEETMOVER_CHECKSUMS("-beetmover-checksums", Service.CHECKSUMS, Availability.RUNNABLE, PER_REPACK,
                List.of(TARGET_CHECKSUMS),
                "publishes the beetmover's target.checksums as <product>-<version>.checksums.beet");

        private final String suffix;
        private final Service owner;
        private final Availability availability;
        private final String per;
        private final List<String> produces;
        private final String summary;

        Stage(String suffix, Service owner, Availability availability, String per, List<String> produces,
              String summary) {
            this.suffix = suffix;
            this.owner = owner;
            this.availability = availability;
            this.per = per;
            this.produces = produces;
            this.summary = summary;
        }

        TaskKind of(String stack) {
            return new TaskKind(stack + suffix, owner, availability, per, produces, summary);
        }
    }
}
