package dev.relpromo.signing;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.kinds.ArtifactNames;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.kit.store.StoreConflictException;
import dev.relpromo.kit.store.StoreKeys;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.kit.work.VerifiedInputStream;
import java.io.IOException;

/**
 * The OpenPGP part every repackage-signing platform shares: a detached {@code <file>.asc} next to a stored file, and
 * the signer's public {@code KEY}, which beetmover publishes with the signatures.
 */
final class OpenPgpPublisher {
    private final GpgSigner signer;

    OpenPgpPublisher(GpgSigner signer) {
        this.signer = signer;
    }

    String fingerprint() {
        return signer.fingerprint();
    }

    /**
     * Signs {@code file} as it was published (streamed through a verified read: the signature is kept only if the
     * bytes signed are the bytes of its digest) and stores {@code <key>.asc} next to it.
     *
     * @return the signature, named {@code <file's name>.asc}
     */
    Artifact signatureOf(Artifact file, TaskContext context) throws IOException {
        if (!file.inStore()) {
            throw new TaskFailureException("cannot sign " + file.name() + ": it is not in the artifact store ("
                    + file.uri() + "), so there is no key to put " + ArtifactNames.signatureOf(file.name()) + " next to");
        }
        byte[] signature;
        VerifiedInputStream opened = context.resolver().open(file); // a refused source fails here, with its own message
        try (VerifiedInputStream in = opened) {
            signature = signer.signDetached(in);
            in.verifyRemainder();
        } catch (TaskFailureException e) {
            throw new TaskFailureException("refusing to sign " + file.uri() + ": " + e.getMessage(), e);
        }
        try {
            return context.store().put(ArtifactNames.signatureOf(file.storeKey()), signature)
                    .asArtifact(ArtifactNames.signatureOf(file.name()));
        } catch (StoreConflictException e) {
            throw new TaskFailureException(e.getMessage() + ": " + file.name() + " was signed before with another"
                    + " key than " + signer.fingerprint() + " (signatures are deterministic for one key)", e);
        }
    }

    /** Stores the signer's public key (written once; a rerun finds it): every task signed with it points here. */
    Artifact publicKey(ArtifactStore store) throws IOException {
        return store.put(publicKeyStoreKey(signer.fingerprint()), signer.armoredPublicKey())
                .asArtifact(ArtifactNames.KEY);
    }

    /** Where the public key of a signing key lives in the store: one key per fingerprint. */
    static String publicKeyStoreKey(String fingerprint) {
        return StoreKeys.join("releng/signing", fingerprint, ArtifactNames.KEY);
    }
}
