package dev.relpromo.signing;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.kinds.ArtifactNames;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.kit.store.StoreConflictException;
import dev.relpromo.kit.store.StoreKeys;
import dev.relpromo.kit.store.StoredObject;
import dev.relpromo.kit.work.ArtifactResolver;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.work.TaskHandler;
import dev.relpromo.kit.work.VerifiedInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repackage-signing of partner and EME-free repacks (reference §5.1): for Linux, a detached GPG signature of the
 * repacked {@code target.tar.xz} (or {@code target.tar.bz2} up to Firefox 134), written next to it as
 * {@code <file>.asc}. The task passes the archive through and adds the signature and the public {@code KEY}, which
 * is what beetmover publishes.
 *
 * <p>Windows (Authenticode + GPG of the installers) and mac (GPG of {@code target.dmg}) are not implemented yet and
 * fail the task with a clear message rather than publishing unsigned files.
 */
public final class RepackageSigningHandler implements TaskHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RepackageSigningHandler.class);

    public static final String PARTNER_KIND = Kinds.PARTNER_REPACKAGE_SIGNING.name();
    public static final String EME_FREE_KIND = Kinds.EME_FREE_REPACKAGE_SIGNING.name();
    public static final Set<String> KINDS = Set.of(PARTNER_KIND, EME_FREE_KIND);

    public static final String PUBLIC_KEY_ARTIFACT = ArtifactNames.KEY;
    public static final String SIGNATURE_SUFFIX = ArtifactNames.SIGNATURE_SUFFIX;
    /** The Linux repack archive: {@code tar.xz} after Firefox 134, {@code tar.bz2} before. */
    static final List<String> LINUX_ARCHIVES = ArtifactNames.LINUX_ARCHIVES;

    private final GpgSigner signer;

    public RepackageSigningHandler(GpgSigner signer) {
        this.signer = signer;
    }

    @Override
    public List<Artifact> handle(WorkItem item, TaskContext context) throws IOException {
        TaskDefined task = item.task();
        requireSupported(task);
        Artifact archive = linuxArchive(item);
        if (!archive.inStore()) {
            throw new TaskFailureException("cannot sign " + archive.name() + " of " + task.taskId()
                    + ": it is not in the artifact store (" + archive.uri() + "), so there is no key to put "
                    + archive.name() + SIGNATURE_SUFFIX + " next to");
        }
        byte[] signature = sign(archive, context.resolver());
        StoredObject asc;
        try {
            asc = context.store().put(archive.storeKey() + SIGNATURE_SUFFIX, signature);
        } catch (StoreConflictException e) {
            throw new TaskFailureException(e.getMessage() + ": " + archive.name() + " was signed before with another"
                    + " key than " + signer.fingerprint() + " (signatures are deterministic for one key)", e);
        }
        StoredObject publicKey = publishPublicKey(context.store());
        LOG.info("{}: signed {} with OpenPGP key {}", task.taskId(), archive.storeKey(), signer.fingerprint());
        return List.of(archive, asc.asArtifact(archive.name() + SIGNATURE_SUFFIX),
                publicKey.asArtifact(PUBLIC_KEY_ARTIFACT));
    }

    private static void requireSupported(TaskDefined task) {
        if (!KINDS.contains(task.kind())) {
            throw new TaskFailureException("repackage-signing does not handle kind '" + task.kind() + "' (task "
                    + task.taskId() + "); expected one of " + KINDS);
        }
        if (task.platform() == null || !task.platform().isLinux()) {
            throw new TaskFailureException("repackage-signing for platform "
                    + (task.platform() == null ? "(none)" : task.platform().buildPlatform()) + " (task "
                    + task.taskId() + ") is not supported yet: only Linux GPG signing is implemented; Windows"
                    + " (Authenticode + GPG) and mac (GPG of target.dmg) signing are future work");
        }
    }

    private static Artifact linuxArchive(WorkItem item) {
        List<Artifact> archives = LINUX_ARCHIVES.stream().map(item::upstreamArtifact)
                .flatMap(Optional::stream).collect(Collectors.toList());
        if (archives.size() == 1) {
            return archives.get(0);
        }
        String offered = item.upstream().stream().flatMap(u -> u.artifacts().stream()).map(Artifact::name)
                .distinct().collect(Collectors.joining(", "));
        throw new TaskFailureException("task " + item.task().taskId() + " needs exactly one of " + LINUX_ARCHIVES
                + " from its upstreams, found " + (archives.isEmpty() ? "none" : "several")
                + " (upstream artifacts: " + (offered.isEmpty() ? "none" : offered) + ")");
    }

    /**
     * Signs while streaming; the signature is kept only if the bytes signed are the bytes the upstream published
     * (size and sha512, checked by the verified read at the end of the stream).
     */
    private byte[] sign(Artifact archive, ArtifactResolver resolver) throws IOException {
        VerifiedInputStream opened = resolver.open(archive); // a refused source fails here, with its own message
        try (VerifiedInputStream in = opened) {
            byte[] signature = signer.signDetached(in);
            in.verifyRemainder();
            return signature;
        } catch (TaskFailureException e) {
            throw new TaskFailureException("refusing to sign " + archive.uri() + ": " + e.getMessage(), e);
        }
    }

    /** Where the public key of a signing key lives in the store: one key per fingerprint, written once. */
    public static String publicKeyStoreKey(String fingerprint) {
        return StoreKeys.join("releng/signing", fingerprint, PUBLIC_KEY_ARTIFACT);
    }

    /** Stores the signer's public key (written once; a rerun finds it): every task signed with it points here. */
    private StoredObject publishPublicKey(ArtifactStore store) throws IOException {
        return store.put(publicKeyStoreKey(signer.fingerprint()), signer.armoredPublicKey());
    }
}
