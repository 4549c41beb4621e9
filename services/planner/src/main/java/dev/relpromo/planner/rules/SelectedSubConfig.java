package dev.relpromo.planner.rules;

import dev.relpromo.events.Platform;
import dev.relpromo.planner.config.RepackPath;
import dev.relpromo.planner.config.SubConfig;
import java.util.List;
import java.util.Set;

/**
 * A sub-config chosen for a plan, with the values in force: from {@code repack.cfg}, or overridden by the inline
 * {@code release_partner_config}. The three flags are not used by the promote graph yet (no stub-installer or
 * bouncer kinds) but are kept so the effective configuration is complete.
 */
public record SelectedSubConfig(RepackPath path, SubConfig subConfig, List<String> locales, Set<Platform> platforms,
                                boolean repackStubInstaller, boolean uploadToCandidates, boolean publishToReleases) {

    public SelectedSubConfig {
        locales = List.copyOf(locales);
        platforms = Set.copyOf(platforms);
    }

    public String partner() {
        return subConfig.partner();
    }

    public String name() {
        return subConfig.name();
    }

    /** The build locale a repack locale is made from ({@code locale.<custom>=<source>} in repack.cfg). */
    public String sourceLocale(String locale) {
        return subConfig.repackConfig().sourceLocale(locale);
    }
}
