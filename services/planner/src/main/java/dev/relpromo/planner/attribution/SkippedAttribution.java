package dev.relpromo.planner.attribution;

import dev.relpromo.events.Platform;
import java.util.List;

/**
 * Installers a config asks for that will not be attributed, with the reason: shown in status and reports instead of
 * being dropped silently.
 *
 * @param locales sorted
 */
public record SkippedAttribution(String campaign, String content, Platform platform, List<String> locales,
                                 Reason reason) {

    public SkippedAttribution {
        locales = List.copyOf(locales);
    }

    public enum Reason {
        /** The mac attribution ({@code dmg attribute}, which needs libdmg) is not implemented in this version. */
        MAC_NOT_SUPPORTED("macOS attribution (of a dmg) is not supported yet"),
        /** The release has no signed installer of this platform at all. */
        PLATFORM_NOT_BUILT("the release has no signed installers for this platform"),
        /** The release has the platform but not these locales (the real pipeline drops them silently). */
        LOCALES_NOT_BUILT("the release has no signed installer for these locales");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** {@code softonic/softonic-003 macosx64-shippable (de, fr): macOS attribution (of a dmg) is not supported yet}. */
    public String describe() {
        return campaign + "/" + content + " " + platform.buildPlatform() + " (" + String.join(", ", locales) + "): "
                + reason.description();
    }
}
