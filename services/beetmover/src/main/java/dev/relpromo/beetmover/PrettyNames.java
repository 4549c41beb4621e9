package dev.relpromo.beetmover;

import dev.relpromo.events.ReleaseName;
import java.util.Optional;

/**
 * The published names of partner and EME-free artifacts (beetmoverscript {@code templates/firefox_partner_repacks.yml}).
 * Artifacts that are not listed here are not published.
 */
public final class PrettyNames {
    static final String SIGNATURE_SUFFIX = ".asc";

    private PrettyNames() {
    }

    /** {@code {product}} is the lower-case product ({@code firefox}), {@code {Product}} the display name. */
    private enum Published {
        TAR_BZ2("target.tar.bz2", "{product}-{version}.tar.bz2", true),
        TAR_XZ("target.tar.xz", "{product}-{version}.tar.xz", true),
        INSTALLER("target.installer.exe", "{Product} Setup {version}.exe", true),
        STUB_INSTALLER("target.stub-installer.exe", "{Product} Installer.exe", true),
        DMG("target.dmg", "{Product} {version}.dmg", true),
        CHECKSUMS("target.checksums", "{product}-{version}.checksums.beet", false);

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
