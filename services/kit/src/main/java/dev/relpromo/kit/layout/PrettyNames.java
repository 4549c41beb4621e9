package dev.relpromo.kit.layout;

import static dev.relpromo.events.kinds.ArtifactNames.TARGET_CHECKSUMS;
import static dev.relpromo.events.kinds.ArtifactNames.TARGET_DMG;
import static dev.relpromo.events.kinds.ArtifactNames.TARGET_INSTALLER_EXE;
import static dev.relpromo.events.kinds.ArtifactNames.TARGET_STUB_INSTALLER_EXE;
import static dev.relpromo.events.kinds.ArtifactNames.TARGET_TAR_BZ2;
import static dev.relpromo.events.kinds.ArtifactNames.TARGET_TAR_XZ;

import dev.relpromo.events.ReleaseName;
import dev.relpromo.events.kinds.ArtifactNames;
import java.util.Optional;

/**
 * The published names of partner and EME-free artifacts (beetmoverscript {@code templates/firefox_partner_repacks.yml}).
 * Artifacts that are not listed here are not published.
 */
public final class PrettyNames {
    static final String SIGNATURE_SUFFIX = ArtifactNames.SIGNATURE_SUFFIX;

    private PrettyNames() {
    }

    /** {@code {product}} is the lower-case product ({@code firefox}), {@code {Product}} the display name. */
    private enum Published {
        TAR_BZ2(TARGET_TAR_BZ2, "{product}-{version}.tar.bz2", true),
        TAR_XZ(TARGET_TAR_XZ, "{product}-{version}.tar.xz", true),
        INSTALLER(TARGET_INSTALLER_EXE, "{Product} Setup {version}.exe", true),
        STUB_INSTALLER(TARGET_STUB_INSTALLER_EXE, "{Product} Installer.exe", true),
        DMG(TARGET_DMG, "{Product} {version}.dmg", true),
        CHECKSUMS(TARGET_CHECKSUMS, "{product}-{version}.checksums.beet", false);

        private final String artifactName;
        private final String template;
        private final boolean signed;

        Published(String artifactName, String template, boolean signed) {
            this.artifactName = artifactName;
            this.template = template;
            this.signed = signed;
        }

        String prettyName(ReleaseName release) {
            return template.replace("{product}", release.productPath())
                    .replace("{Product}", release.product())
                    .replace("{version}", release.version());
        }
    }

    /** The published name of an upstream artifact, or empty when it is not published. */
    public static Optional<String> of(String artifactName, ReleaseName release) {
        for (Published p : Published.values()) {
            if (artifactName.equals(p.artifactName)) {
                return Optional.of(p.prettyName(release));
            }
            if (p.signed && artifactName.equals(p.artifactName + SIGNATURE_SUFFIX)) {
                return Optional.of(p.prettyName(release) + SIGNATURE_SUFFIX);
            }
        }
        return Optional.empty();
    }
}
