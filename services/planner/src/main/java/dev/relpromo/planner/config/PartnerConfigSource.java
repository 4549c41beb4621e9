package dev.relpromo.planner.config;

import java.nio.file.Path;

/**
 * Where the planner gets the partner configuration from, read afresh for every plan. The embedded default is a
 * directory laid out as {@code repo sync} leaves it; a git source (pinned commits) can implement the same.
 */
@FunctionalInterface
public interface PartnerConfigSource {

    /** Loads and validates the whole tree, or throws {@link PartnerConfigException} listing every error. */
    PartnerConfig load();

    static PartnerConfigSource directory(Path dir) {
        return () -> PartnerConfigLoader.load(dir);
    }

    /** Partner repacks from {@code partnersDir}, EME-free from its own manifest directory (null: from partnersDir). */
    static PartnerConfigSource directories(Path partnersDir, Path emeFreeDir) {
        return emeFreeDir == null ? directory(partnersDir) : () -> PartnerConfigLoader.load(partnersDir, emeFreeDir);
    }
}
