package dev.relpromo.planner.config;

import dev.relpromo.events.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed {@code repack.cfg}. Absent string keys are {@code null}; absent booleans are {@code false}.
 *
 * @param locales       the locales to repack, as listed (custom locales included)
 * @param customLocales {@code locale.<custom>=<source>}: custom locale → the build locale it is made from
 * @param platforms     the platforms whose key is {@code true}
 * @param keyLines      the line each key was set on, so later checks can point at it
 */
public record RepackConfig(
        Path file,
        List<String> locales,
        Map<String, String> customLocales,
        Set<Platform> platforms,
        String distId,
        String distVersion,
        String aus,
        boolean migrationWizardDisabled,
        boolean oem,
        boolean repackStubInstaller,
        boolean uploadToCandidates,
        boolean publishToReleases,
        String replacementSetupExe,
        String debSection,
        String outputDir,
        String bucket,
        String s3cfg,
        Map<String, Integer> keyLines) {

    public RepackConfig {
        locales = List.copyOf(locales);
        customLocales = Map.copyOf(customLocales);
        platforms = Set.copyOf(platforms);
        keyLines = Map.copyOf(keyLines);
    }

    /** The build locale a repack locale is made from: itself unless it is a custom locale. */
    public String sourceLocale(String locale) {
        return customLocales.getOrDefault(locale, locale);
    }

    /** The line a key was set on, or 0 when it was not set. */
    public int lineOf(String key) {
        return keyLines.getOrDefault(key, 0);
    }
}
