package dev.relpromo.signing;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Platform;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.kinds.ArtifactNames;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.kit.work.TaskHandler;
import dev.relpromo.signing.authenticode.AuthenticodeBackend;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repackage-signing of partner and EME-free repacks (reference §5.1), per platform family:
 * <ul>
 *   <li>Linux: a detached OpenPGP signature of {@code target.tar.xz} (or {@code target.tar.bz2} up to Firefox 134)
 *       at {@code <archive key>.asc}; the archive passes through;</li>
 *   <li>mac: the same for {@code target.dmg};</li>
 *   <li>Windows: Authenticode on {@code target.installer.exe} (and {@code target.stub-installer.exe} when repackage
 *       made one), stored under {@code <dir>/signed/<name>} next to the unsigned installer, then OpenPGP on the signed
 *       bytes ({@code <dir>/signed/<name>.asc}); the result names the signed installers as repackage named the
 *       unsigned ones.</li>
 * </ul>
 * Every result ends with the public {@code KEY} (at {@code releng/signing/<fingerprint>/KEY}), which beetmover
 * publishes. All outputs are deterministic for one key, so a rerun writes nothing new.
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

    private final OpenPgpPublisher openPgp;
    private final WindowsInstallerSigner windows;

    /**
     * @param signer       makes the {@code .asc} signatures of every platform
     * @param authenticode signs the Windows installers (its signing certificate must chain to what Windows, or for
     *                     the local backend {@code authenticode-ca.pem}, trusts)
     */
    public RepackageSigningHandler(GpgSigner signer, AuthenticodeBackend authenticode) {
        this.openPgp = new OpenPgpPublisher(signer);
        this.windows = new WindowsInstallerSigner(authenticode, openPgp);
    }

    @Override
    public List<Artifact> handle(WorkItem item, TaskContext context) throws IOException {
        TaskDefined task = item.task();
        if (!KINDS.contains(task.kind())) {
            throw new TaskFailureException("repackage-signing does not handle kind '" + task.kind() + "' (task "
                    + task.taskId() + "); expected one of " + KINDS);
        }
        Platform platform = task.platform();
        List<Artifact> out = new ArrayList<>();
        if (platform != null && platform.isLinux()) {
            out.addAll(passedThroughWithSignature(exactlyOne(item, LINUX_ARCHIVES), context));
        } else if (platform != null && platform.isMac()) {
            out.addAll(passedThroughWithSignature(exactlyOne(item, List.of(ArtifactNames.TARGET_DMG)), context));
        } else if (platform != null && platform.isWindows()) {
            out.addAll(windows.sign(item, context));
        } else {
            throw new TaskFailureException("repackage-signing task " + task.taskId() + " has "
                    + (platform == null ? "no platform" : "platform " + platform.buildPlatform() + ", which is"
                    + " neither Linux, mac nor Windows") + ": nothing to sign");
        }
        out.add(openPgp.publicKey(context.store()));
        LOG.info("{}: signed {} for {} (OpenPGP key {}{})", task.taskId(),
                out.stream().filter(a -> !a.name().equals(PUBLIC_KEY_ARTIFACT)).map(Artifact::storeKey).toList(),
                platform.buildPlatform(), openPgp.fingerprint(), platform.isWindows() ? ", Authenticode" : "");
        return out;
    }

    /** Linux and mac: the upstream file as it is, and its detached signature. */
    private List<Artifact> passedThroughWithSignature(Artifact file, TaskContext context) throws IOException {
        return List.of(file, openPgp.signatureOf(file, context));
    }

    private static Artifact exactlyOne(WorkItem item, List<String> names) {
        List<Artifact> found = names.stream().map(item::upstreamArtifact).flatMap(Optional::stream).toList();
        if (found.size() == 1) {
            return found.get(0);
        }
        throw new TaskFailureException("task " + item.task().taskId() + " needs exactly one of " + names
                + " from its upstreams, found " + (found.isEmpty() ? "none" : "several")
                + " (upstream artifacts: " + offered(item) + ")");
    }

    /** The upstream artifact names, for messages. */
    static String offered(WorkItem item) {
        String names = item.upstream().stream().flatMap(u -> u.artifacts().stream()).map(Artifact::name)
                .distinct().collect(Collectors.joining(", "));
        return names.isEmpty() ? "none" : names;
    }

    /** Where the public key of a signing key lives in the store: one key per fingerprint, written once. */
    public static String publicKeyStoreKey(String fingerprint) {
        return OpenPgpPublisher.publicKeyStoreKey(fingerprint);
    }
}
