package dev.relpromo.signing;

import dev.relpromo.kit.store.StoreKeys;
import java.util.Set;

/**
 * Where signing puts what it makes from an upstream object: in a stage directory next to it, never over it. The
 * store is write-once, and a rerun of the upstream task must find its own (unsigned) bytes where it left them.
 *
 * <pre>
 * releng/partner/…/acme/acme-1/mac/de/target.tar.gz              repack (unsigned)
 * releng/partner/…/acme/acme-1/mac/de/signed/target.tar.gz       mac signing
 * releng/partner/…/acme/acme-1/mac/de/notarized/notarization.json mac notarization (and a stapled archive)
 * &lt;repackage dir&gt;/target.installer.exe  →  &lt;repackage dir&gt;/signed/target.installer.exe (+ .asc)
 * </pre>
 *
 * An input that already lies in a stage directory (notarization reads {@code signed/target.tar.gz}) gets its sibling
 * stage ({@code notarized/}), not a nested one, so every stage of one repack sits in the same directory.
 */
public final class StageKeys {
    /** Authenticode-signed installers and mac-signed bundles. */
    public static final String SIGNED = "signed";
    /** Notarization records, and archives a notary service changed (stapled). */
    public static final String NOTARIZED = "notarized";

    private static final Set<String> STAGES = Set.of(SIGNED, NOTARIZED);

    private StageKeys() {
    }

    /** {@code <dir of inputKey, without its stage>/<stage>/<fileName>}. */
    public static String of(String inputKey, String stage, String fileName) {
        if (!STAGES.contains(stage)) {
            throw new IllegalArgumentException("unknown signing stage '" + stage + "', expected one of " + STAGES);
        }
        StoreKeys.validate(inputKey);
        int slash = inputKey.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("artifact-store key '" + inputKey + "' has no directory to put a "
                    + stage + "/ stage next to");
        }
        String dir = inputKey.substring(0, slash);
        int parentSlash = dir.lastIndexOf('/');
        if (STAGES.contains(dir.substring(parentSlash + 1))) {
            if (parentSlash < 0) {
                throw new IllegalArgumentException("artifact-store key '" + inputKey + "' is a stage directory at the"
                        + " root of the store");
            }
            dir = dir.substring(0, parentSlash);
        }
        return StoreKeys.join(dir, stage, fileName);
    }
}
