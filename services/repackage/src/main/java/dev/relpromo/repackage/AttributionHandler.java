package dev.relpromo.repackage;

import static dev.relpromo.events.kinds.ArtifactNames.TARGET_INSTALLER_EXE;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.events.params.RepackRef;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.pe.AttributionSlot;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.kit.work.TaskHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code release-partner-attribution} kind (reference §2.4): a copy of the build's signed regular installer
 * (the {@code target.installer.exe} of its {@code build-signing} node) gets the task's attribution code in the
 * {@code __MOZCUSTOM__:} slot of its certificate table ({@link AttributionSlot}). The slot is outside what the
 * Authenticode signature covers, so nothing is re-signed. Windows only: dmg attribution is not done yet.
 *
 * <p>The attributed installer is stored under
 * {@code releng/partner/<product>/<version>/build<B>/attribution/v<N>/<campaign>/<content>/<ftp platform>/<locale>/target.installer.exe}
 * ({@link RepackageRequest#attributionKey}). Writing the slot is deterministic, so a rerun stores the same bytes.
 */
public final class AttributionHandler implements TaskHandler {
    public static final String KIND = Kinds.PARTNER_ATTRIBUTION.name();
    public static final Set<String> KINDS = Set.of(KIND);

    private static final Logger LOG = LoggerFactory.getLogger(AttributionHandler.class);

    @Override
    public List<Artifact> handle(WorkItem item, TaskContext context) throws IOException {
        if (!KINDS.contains(item.task().kind())) {
            throw new TaskFailureException("the attribution handler does not handle kind '" + item.task().kind() + "'");
        }
        RepackageRequest request = RepackageRequest.of(item.task());
        if (!RepackRef.ATTRIBUTION.equals(request.path())) {
            throw new TaskFailureException("task " + request.taskId() + " is on the '" + request.path()
                    + "' path, not '" + RepackRef.ATTRIBUTION + "'");
        }
        String code = request.attributionCode();
        if (code == null || code.isBlank()) {
            throw new TaskFailureException("task " + request.taskId() + " has no attribution_code");
        }
        if (request.platform().isMac()) {
            throw new TaskFailureException("task " + request.taskId()
                    + ": macOS attribution of a dmg is not supported yet");
        }
        if (!request.platform().isWindows()) {
            throw new TaskFailureException("task " + request.taskId() + ": " + request.platform().buildPlatform()
                    + " has no installer to attribute");
        }
        Artifact signed = item.upstreamArtifact(TARGET_INSTALLER_EXE).orElseThrow(() -> new TaskFailureException(
                "task " + request.taskId() + ": its build-signing upstream has no " + TARGET_INSTALLER_EXE
                        + " (it has " + RepackageHandler.upstreamNames(item) + ")"));

        // the slot is written in place, so into our own copy: the build's signed installer stays as it was
        Path copy = context.resolver().fetch(signed,
                context.workDir().resolve("attributed").resolve(TARGET_INSTALLER_EXE));
        Progress progress = Progress.start(LOG, request, TARGET_INSTALLER_EXE, signed);
        AttributionSlot.write(copy, code);
        progress.done(Files.size(copy), "attribution code '" + code + "'");
        return List.of(context.store().put(request.attributionKey(TARGET_INSTALLER_EXE), copy)
                .asArtifact(TARGET_INSTALLER_EXE));
    }
}
