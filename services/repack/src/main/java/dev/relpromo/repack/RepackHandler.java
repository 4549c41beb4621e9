package dev.relpromo.repack;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Platform;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.kinds.ArtifactNames;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.kit.store.StoredObject;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.work.TaskHandler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code release-partner-repack} and {@code release-eme-free-repack} kinds: fetches the signed build for the
 * task's platform and locale and the sub-config snapshot (sha512-verified) into the work directory, repacks, and
 * stores the result under a deterministic {@code releng/partner/...} key. Windows repacks also carry the signed
 * {@code setup.exe} forward for the installer repackage, as {@code partner_repack.py} does.
 */
public final class RepackHandler implements TaskHandler {
    public static final String PARTNER_KIND = Kinds.PARTNER_REPACK.name();
    public static final String EME_FREE_KIND = Kinds.EME_FREE_REPACK.name();
    public static final Set<String> KINDS = Set.of(PARTNER_KIND, EME_FREE_KIND);
    static final String SETUP_EXE = ArtifactNames.SETUP_EXE;

    private static final Logger LOG = LoggerFactory.getLogger(RepackHandler.class);
    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final Repacker repacker;

    /** Default compression and {@link ArchiveLimits#defaults() archive limits}. */
    public RepackHandler() {
        this(ArchiveLimits.defaults());
    }

    /** Default compression; archives beyond {@code limits} fail their task (see {@link ArchiveLimits#fromEnvironment()}). */
    public RepackHandler(ArchiveLimits limits) {
        this(new Repacker(CompressionSettings.defaults(), limits));
    }

    public RepackHandler(Repacker repacker) {
        this.repacker = repacker;
    }

    @Override
    public List<Artifact> handle(WorkItem item, TaskContext context) throws IOException {
        if (!KINDS.contains(item.task().kind())) {
            throw new TaskFailureException("the repack handler does not handle kind '" + item.task().kind() + "'");
        }
        RepackRequest request = RepackRequest.of(item.task());
        Platform platform = request.platform();
        Artifact build = upstreamBuild(item, request);
        ArchiveFormat format = ArchiveFormat.ofExtension(build.name());

        Path inputDir = context.workDir().resolve("input");
        // local names are fixed, never taken from an event: nothing is written outside the work dir
        Path archive = context.resolver().fetch(build, inputDir.resolve(format.fileName()));
        Path snapshot = context.resolver().fetch(request.partnerConfig(), inputDir.resolve("partner-config.zip"));

        long started = System.nanoTime();
        LOG.info("repacking {} {} from {} ({} bytes)", request.repackId(), platform.buildPlatform(), build.uri(), build.size());
        RepackResult result = repacker.repack(archive, format, snapshot, request.customisation(),
                context.workDir().resolve("output").resolve(format.fileName()), new LoggingProgress(request));
        LOG.info("repacked {} {}: {} entries copied, {} replaced, {} inserted, {} -> {} bytes in {} s on {} threads",
                request.repackId(), platform.buildPlatform(), result.copied(), result.replaced(), result.inserted(),
                result.uncompressedBytes(), result.outputBytes(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), result.compressionThreads());

        List<Artifact> artifacts = new ArrayList<>();
        StoredObject stored = context.store().put(request.storeKey(format.fileName()), result.output());
        artifacts.add(stored.asArtifact(format.fileName()));
        if (platform.isWindows()) {
            artifacts.add(setupExe(item, request, context, snapshot));
            if (request.stubBouncerProduct() != null) {
                artifacts.addAll(stubInstallerInputs(item, request, context, snapshot));
            }
        }
        return List.copyOf(artifacts);
    }

    private static Artifact upstreamBuild(WorkItem item, RepackRequest request) {
        List<ArchiveFormat> formats = ArchiveFormat.inputsFor(request.platform(), request.version());
        if (formats.isEmpty()) {
            throw new TaskFailureException("repack task " + request.taskId() + ": platform "
                    + request.platform().buildPlatform() + " cannot be repacked");
        }
        for (ArchiveFormat format : formats) {
            Optional<Artifact> found = item.upstreamArtifact(format.fileName());
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new TaskFailureException("repack task " + request.taskId() + ": no upstream artifact named "
                + formats.stream().map(ArchiveFormat::fileName).collect(Collectors.joining(" or "))
                + " for " + request.platform().buildPlatform() + " " + request.sourceLocale());
    }

    /** The build's signed {@code setup.exe}, or the sub-config's own ({@code replacement_setup_exe}). */
    private static Artifact setupExe(WorkItem item, RepackRequest request, TaskContext context, Path snapshot)
            throws IOException {
        Path local = context.workDir().resolve("input").resolve(SETUP_EXE);
        if (request.replacementSetupExe() != null) {
            WindowsExtras.extractSetupExe(snapshot, request.replacementSetupExe(), local);
            LOG.info("{}: setup.exe is the sub-config's {}", request.repackId(), request.replacementSetupExe());
        } else {
            carryForward(item, request, context, SETUP_EXE, local);
        }
        return context.store().put(request.storeKey(SETUP_EXE), local).asArtifact(SETUP_EXE);
    }

    /** win32 stub installer: {@code target-stub.zip} made here, the build's {@code setup-stub.exe} carried forward. */
    private static List<Artifact> stubInstallerInputs(WorkItem item, RepackRequest request, TaskContext context,
                                                      Path snapshot) throws IOException {
        if (request.platform() != Platform.WIN32) {
            throw new TaskFailureException("repack task " + request.taskId() + " asks for a stub installer on "
                    + request.platform().buildPlatform() + "; stub installers exist for win32 only");
        }
        Path stubZip = WindowsExtras.writeStubZip(snapshot, request.locale(), request.stubBouncerProduct(),
                context.workDir().resolve("output").resolve(ArtifactNames.TARGET_STUB_ZIP));
        Path setupStub = carryForward(item, request, context, ArtifactNames.SETUP_STUB_EXE,
                context.workDir().resolve("input").resolve(ArtifactNames.SETUP_STUB_EXE));
        return List.of(
                context.store().put(request.storeKey(ArtifactNames.TARGET_STUB_ZIP), stubZip)
                        .asArtifact(ArtifactNames.TARGET_STUB_ZIP),
                context.store().put(request.storeKey(ArtifactNames.SETUP_STUB_EXE), setupStub)
                        .asArtifact(ArtifactNames.SETUP_STUB_EXE));
    }

    private static Path carryForward(WorkItem item, RepackRequest request, TaskContext context, String name,
                                     Path local) throws IOException {
        Artifact upstream = item.upstreamArtifact(name).orElseThrow(() -> new TaskFailureException("repack task "
                + request.taskId() + ": no upstream " + name + " to carry forward for the installer (the build of "
                + request.platform().buildPlatform() + " " + request.sourceLocale() + " must provide it)"));
        return context.resolver().fetch(upstream, local);
    }

    /** A log line every 15 s: a Linux xz repack takes minutes. */
    private static final class LoggingProgress implements Progress {
        private final RepackRequest request;
        private final AtomicLong read = new AtomicLong();
        private final AtomicLong written = new AtomicLong();
        private long lastLog = System.nanoTime();

        LoggingProgress(RepackRequest request) {
            this.request = request;
        }

        @Override
        public void read(long bytes) {
            read.addAndGet(bytes);
            long now = System.nanoTime();
            if (now - lastLog >= PROGRESS_INTERVAL_NANOS) {
                lastLog = now;
                LOG.info("repacking {} {}: {} MB read, {} MB written", request.repackId(),
                        request.platform().buildPlatform(), read.get() >> 20, written.get() >> 20);
            }
        }

        @Override
        public void written(long bytes) {
            written.addAndGet(bytes);
        }
    }
}
