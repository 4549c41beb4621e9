package dev.relpromo.signing;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.WorkItem;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.kit.store.Digests;
import dev.relpromo.kit.store.StoredObject;
import dev.relpromo.kit.work.ArtifactResolver;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.kit.work.TaskFailureException;
import dev.relpromo.kit.work.TaskHandler;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

    public static final String PARTNER_KIND = "release-partner-repack-repackage-signing";
    public static final String EME_FREE_KIND = "release-eme-free-repack-repackage-signing";
    public static final Set<String> KINDS = Set.of(PARTNER_KIND, EME_FREE_KIND);

    /** Where the public key lives in the store; every signing task points its {@code KEY} artifact here. */
    public static final String PUBLIC_KEY_STORE_KEY = "releng/signing/KEY";
    public static final String PUBLIC_KEY_ARTIFACT = "KEY";
    public static final String SIGNATURE_SUFFIX = ".asc";
    /** The Linux repack archive: {@code tar.xz} after Firefox 134, {@code tar.bz2} before. */
    static final List<String> LINUX_ARCHIVES = List.of("target.tar.xz", "target.tar.bz2");

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
        StoredObject asc = context.store().put(archive.storeKey() + SIGNATURE_SUFFIX, signature);
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

    /** Signs while streaming, and checks the bytes signed are the bytes the upstream published. */
    private byte[] sign(Artifact archive, ArtifactResolver resolver) throws IOException {
        byte[] signature;
        Digests.Hashed signed;
        try (HashingInputStream in = new HashingInputStream(resolver.open(archive))) {
            signature = signer.signDetached(in);
            signed = in.hashed();
        }
        if ((archive.sha512() != null && !archive.sha512().equals(signed.sha512()))
                || (archive.size() > 0 && archive.size() != signed.size())) {
            throw new TaskFailureException("refusing to sign " + archive.uri() + ": its content (" + signed.size()
                    + " bytes, sha512 " + signed.sha512() + ") does not match what the upstream published ("
                    + archive.size() + " bytes, sha512 " + archive.sha512() + ")");
        }
        return signature;
    }

    /**
     * Stores the public key once: an identical {@code KEY} is left alone. A different one means the signing key
     * changed (a new key directory); signatures made from now on need the new key, so it replaces the old one.
     */
    private StoredObject publishPublicKey(ArtifactStore store) throws IOException {
        byte[] armored = signer.armoredPublicKey();
        String sha512 = Digests.hex(Digests.sha512().digest(armored));
        Optional<StoredObject> existing = store.stat(PUBLIC_KEY_STORE_KEY);
        if (existing.isPresent() && existing.get().sha512().equals(sha512)) {
            return existing.get();
        }
        if (existing.isPresent()) {
            LOG.warn("{} in {} holds a different public key; replacing it with the key of {}",
                    PUBLIC_KEY_STORE_KEY, store.describe(), signer.fingerprint());
        }
        return store.put(PUBLIC_KEY_STORE_KEY, armored);
    }

    /** Hashes what the signer reads, in the same pass. */
    private static final class HashingInputStream extends FilterInputStream {
        private final Digests.HashingOutputStream digests =
                new Digests.HashingOutputStream(OutputStream.nullOutputStream());

        HashingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                digests.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                digests.write(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipped bytes would be missing from the digests; read them instead
            return Math.max(0, read(new byte[(int) Math.max(0, Math.min(n, 8192))]));
        }

        Digests.Hashed hashed() {
            return digests.result();
        }
    }
}
