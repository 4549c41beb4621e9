package dev.relpromo.repackage;

import static dev.relpromo.events.kinds.ArtifactNames.SETUP_EXE;
import static dev.relpromo.events.kinds.ArtifactNames.SETUP_STUB_EXE;
import static dev.relpromo.events.kinds.ArtifactNames.TARGET_DMG;
import static dev.relpromo.events.kinds.ArtifactNames.TARGET_INSTALLER_EXE;
import static dev.relpromo.events.kinds.ArtifactNames.TARGET_STUB_INSTALLER_EXE;
import static dev.relpromo.events.kinds.ArtifactNames.TARGET_STUB_ZIP;
import static dev.relpromo.events.kinds.ArtifactNames.TARGET_TAR_GZ;
import static dev.relpromo.events.kinds.ArtifactNames.TARGET_ZIP;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Platform;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.kinds.ArtifactNames;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.events.params.RepackRef;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.kit.work.TaskHandler;
import dev.relpromo.repackage.mac.DiskImageBuilder;
import dev.relpromo.repackage.windows.AppTag;
import dev.relpromo.repackage.windows.SfxStub;
import dev.relpromo.repackage.windows.WindowsInstaller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code release-partner-repack-repackage} and {@code release-eme-free-repack-repackage} kinds (reference §6):
 *
 * <ul>
 *   <li>Windows: the repack's {@code target.zip} and {@code setup.exe} become {@code target.installer.exe}; when the
 *       repack also carries {@code target-stub.zip} and {@code setup-stub.exe} (win32 sub-configs with a stub
 *       installer), {@code target.stub-installer.exe} too ({@link WindowsInstaller});</li>
 *   <li>mac: this repack's {@code <repack id>/target.tar.gz} from its notarization chunk becomes {@code target.dmg}
 *       ({@link DiskImageBuilder}).</li>
 * </ul>
 *
 * <p>Inputs are fetched (sha512-verified) into fixed names in the work directory, never names from an event; outputs
 * are stored beside the repack, under {@link RepackageRequest#repackageKey}. Both builders are deterministic, so a
 * rerun stores the same bytes under the same keys, which the write-once store accepts.
 */
public final class RepackageHandler implements TaskHandler {
    public static final String PARTNER_KIND = Kinds.PARTNER_REPACKAGE.name();
    public static final String EME_FREE_KIND = Kinds.EME_FREE_REPACKAGE.name();
    public static final Set<String> KINDS = Set.of(PARTNER_KIND, EME_FREE_KIND);

    private static final Logger LOG = LoggerFactory.getLogger(RepackageHandler.class);

    private final WindowsInstaller installers;
    private final DiskImageBuilder diskImages;
    private final SfxStubs stubs;

    /**
     * @param installers builds the Windows installers (its {@link dev.relpromo.repackage.windows.SevenZipSettings}
     *                   bound the memory per task)
     * @param diskImages builds the mac disk images
     * @param stubs      the SFX stub of each Windows platform
     */
    public RepackageHandler(WindowsInstaller installers, DiskImageBuilder diskImages, SfxStubs stubs) {
        this.installers = installers;
        this.diskImages = diskImages;
        this.stubs = stubs;
    }

    @Override
    public List<Artifact> handle(WorkItem item, TaskContext context) throws IOException {
        String kind = item.task().kind();
        if (!KINDS.contains(kind)) {
            throw new TaskFailureException("the repackage handler does not handle kind '" + kind + "'");
        }
        RepackageRequest request = RepackageRequest.of(item.task()).requireConsistentRepackId();
        String expectedPath = kind.equals(EME_FREE_KIND) ? RepackRef.EME_FREE : RepackRef.PARTNER;
        if (!expectedPath.equals(request.path())) {
            throw new TaskFailureException("task " + request.taskId() + " (" + kind + ") is on the '" + request.path()
                    + "' path, not '" + expectedPath + "'");
        }
        Platform platform = request.platform();
        if (platform.isWindows()) {
            return windows(item, request, context);
        }
        if (platform.isMac()) {
            return List.of(mac(item, request, context));
        }
        throw new TaskFailureException("task " + request.taskId() + ": " + platform.buildPlatform()
                + " repacks are not repackaged (their archive goes to signing through the chunking dummy)");
    }

    private List<Artifact> windows(WorkItem item, RepackageRequest request, TaskContext context) throws IOException {
        Artifact zip = required(item, request, TARGET_ZIP);
        Artifact setup = required(item, request, SETUP_EXE);
        Optional<Artifact> stubZip = item.upstreamArtifact(TARGET_STUB_ZIP);
        Optional<Artifact> setupStub = item.upstreamArtifact(SETUP_STUB_EXE);
        if (stubZip.isPresent() != setupStub.isPresent()) {
            throw new TaskFailureException("task " + request.taskId() + ": the upstream has "
                    + (stubZip.isPresent() ? TARGET_STUB_ZIP + " but no " + SETUP_STUB_EXE
                            : SETUP_STUB_EXE + " but no " + TARGET_STUB_ZIP)
                    + "; a stub installer needs both");
        }
        // every input is checked before the first is read, so a refused one costs no download
        for (Artifact a : concat(List.of(zip, setup), stubZip, setupStub)) {
            context.resolver().requireReadable(a);
        }
        SfxStub sfx = stubs.forPlatform(request.platform());
        List<Artifact> artifacts = new ArrayList<>();
        artifacts.add(installer(request, context, zip, setup, sfx, false));
        if (stubZip.isPresent()) {
            artifacts.add(installer(request, context, stubZip.get(), setupStub.get(), sfx, true));
        }
        return List.copyOf(artifacts);
    }

    private Artifact installer(RepackageRequest request, TaskContext context, Artifact zip, Artifact setup,
                               SfxStub sfx, boolean stubInstaller) throws IOException {
        Path input = context.workDir().resolve("input");
        String outputName = stubInstaller ? TARGET_STUB_INSTALLER_EXE : TARGET_INSTALLER_EXE;
        Path localZip = context.resolver().fetch(zip, input.resolve(stubInstaller ? TARGET_STUB_ZIP : TARGET_ZIP));
        Path localSetup = context.resolver().fetch(setup, input.resolve(stubInstaller ? SETUP_STUB_EXE : SETUP_EXE));
        Path output = context.workDir().resolve("output").resolve(outputName);

        Progress progress = Progress.start(LOG, request, outputName, zip, setup);
        WindowsInstaller.Result result = stubInstaller
                ? installers.buildStub(localZip, localSetup, sfx, AppTag.stub(request.title()), output)
                : installers.build(localZip, localSetup, sfx, AppTag.installer(request.title()), output);
        progress.done(result.installerBytes(), result.files() + " files, " + result.uncompressedBytes()
                + " bytes packed, SFX stub " + sfx.origin() + (sfx.isStandIn() ? " (cannot self-extract)" : ""));
        return context.store().put(request.repackageKey(outputName), output).asArtifact(outputName);
    }

    private Artifact mac(WorkItem item, RepackageRequest request, TaskContext context) throws IOException {
        String name = ArtifactNames.ofRepack(request.repackId(), TARGET_TAR_GZ);
        Artifact bundle = item.upstreamArtifact(name).orElseThrow(() -> new TaskFailureException("task "
                + request.taskId() + ": its notarization chunk has no " + name + " (it has "
                + upstreamNames(item) + ")"));
        Path local = context.resolver().fetch(bundle, context.workDir().resolve("input").resolve(TARGET_TAR_GZ));
        Path output = context.workDir().resolve("output").resolve(TARGET_DMG);

        Progress progress = Progress.start(LOG, request, TARGET_DMG, bundle);
        DiskImageBuilder.Result result;
        try {
            result = diskImages.build(local, output);
        } catch (UncheckedIOException e) {
            // local disk trouble: an IOException, so that the worker retries it like any other
            throw new IOException(e.getMessage(), e.getCause());
        }
        progress.done(result.imageBytes(), "volume '" + result.volumeName() + "', " + result.files() + " files, "
                + result.volumeBytes() + " bytes of HFS+");
        return context.store().put(request.repackageKey(TARGET_DMG), output).asArtifact(TARGET_DMG);
    }

    private static Artifact required(WorkItem item, RepackageRequest request, String name) {
        return item.upstreamArtifact(name).orElseThrow(() -> new TaskFailureException("task " + request.taskId()
                + ": its repack has no " + name + " (it has " + upstreamNames(item) + ")"));
    }

    /** What the upstreams carry, for messages about a missing input. */
    static List<String> upstreamNames(WorkItem item) {
        return item.upstream().stream().map(TaskCompleted::artifacts).flatMap(List::stream).map(Artifact::name)
                .sorted().toList();
    }

    @SafeVarargs
    private static List<Artifact> concat(List<Artifact> first, Optional<Artifact>... more) {
        List<Artifact> all = new ArrayList<>(first);
        for (Optional<Artifact> a : more) {
            a.ifPresent(all::add);
        }
        return all;
    }
}
