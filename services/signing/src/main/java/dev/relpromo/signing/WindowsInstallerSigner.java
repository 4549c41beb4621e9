package dev.relpromo.signing;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.kinds.ArtifactNames;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.store.StoreConflictException;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.signing.authenticode.AuthenticodeBackend;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Windows repackage-signing (reference §5.1): Authenticode on {@code target.installer.exe} and, for win32 stub
 * sub-configs, {@code target.stub-installer.exe}, then OpenPGP on the signed bytes.
 *
 * <p>Each signed installer is stored at {@link StageKeys#of StageKeys.of(unsigned key, "signed", name)}, next to the
 * unsigned one, which stays untouched: the store is write-once, and a rerun of repackage must find its own bytes.
 * Authenticode signing here has no signing time and no timestamp, so a rerun stores byte-identical installers.
 */
final class WindowsInstallerSigner {
    /** The installers repackage makes, in result order; the regular one is required, the stub only for stubs. */
    static final List<String> INSTALLERS = List.of(ArtifactNames.TARGET_INSTALLER_EXE,
            ArtifactNames.TARGET_STUB_INSTALLER_EXE);

    private final AuthenticodeBackend authenticode;
    private final OpenPgpPublisher openPgp;

    WindowsInstallerSigner(AuthenticodeBackend authenticode, OpenPgpPublisher openPgp) {
        this.authenticode = authenticode;
        this.openPgp = openPgp;
    }

    /** The signed installers, each followed by its {@code .asc}: {@code target.installer.exe}, its {@code .asc}, …. */
    List<Artifact> sign(WorkItem item, TaskContext context) throws IOException {
        List<Artifact> unsigned = installers(item);
        for (Artifact installer : unsigned) {
            context.resolver().requireReadable(installer); // refuse a bad source before anything is written
        }
        List<Artifact> out = new ArrayList<>();
        for (Artifact installer : unsigned) {
            Artifact signed = authenticodeSigned(installer, context);
            out.add(signed);
            out.add(openPgp.signatureOf(signed, context));
        }
        return out;
    }

    private static List<Artifact> installers(WorkItem item) {
        Optional<Artifact> regular = item.upstreamArtifact(ArtifactNames.TARGET_INSTALLER_EXE);
        if (regular.isEmpty()) {
            throw new TaskFailureException("task " + item.task().taskId() + " needs "
                    + ArtifactNames.TARGET_INSTALLER_EXE + " from its repackage upstream (upstream artifacts: "
                    + RepackageSigningHandler.offered(item) + ")");
        }
        List<Artifact> found = new ArrayList<>(List.of(regular.get()));
        item.upstreamArtifact(ArtifactNames.TARGET_STUB_INSTALLER_EXE).ifPresent(found::add);
        for (Artifact installer : found) {
            if (!installer.inStore()) {
                throw new TaskFailureException("cannot sign " + installer.name() + " of " + item.task().taskId()
                        + ": it is not in the artifact store (" + installer.uri() + "), so there is no key to put"
                        + " its signed copy next to");
            }
        }
        return found;
    }

    /** A verified copy in the work directory, signed in place, stored under {@code …/signed/<name>}. */
    private Artifact authenticodeSigned(Artifact installer, TaskContext context) throws IOException {
        Path local = context.resolver().fetch(installer, context.workDir().resolve("authenticode")
                .resolve(installer.name()));
        requirePe(local, installer);
        authenticode.sign(local);
        String key = StageKeys.of(installer.storeKey(), StageKeys.SIGNED, installer.name());
        try {
            return context.store().put(key, local).asArtifact(installer.name());
        } catch (StoreConflictException e) {
            throw new TaskFailureException(e.getMessage() + ": " + installer.name() + " was signed before with"
                    + " another Authenticode certificate (signatures are deterministic for one certificate)", e);
        }
    }

    /**
     * The backend reports a file that is not a PE image as an {@code IOException}, which the worker would retry;
     * checking the DOS and PE signatures first makes it the permanent failure it is.
     */
    private static void requirePe(Path file, Artifact installer) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4096);
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        int peOffset = head.length >= 0x40 ? b.getInt(0x3C) : -1;
        boolean pe = head.length >= 0x40 && head[0] == 'M' && head[1] == 'Z' && peOffset >= 0x40
                && peOffset <= head.length - 4 && b.getInt(peOffset) == 0x00004550; // "PE\0\0"
        if (!pe) {
            throw new TaskFailureException("cannot Authenticode-sign " + installer.name() + " (" + installer.uri()
                    + "): it is not a Windows PE executable");
        }
    }
}
