package dev.relpromo.planner.config;

import java.nio.file.Path;
import java.util.List;

/** A partner repo named by the manifest, with its sub-configs sorted by name. */
public record Partner(String name, Manifest.Project project, Path repoDir, RepackPath repackPath,
                      List<SubConfig> subConfigs) {

    public Partner {
        subConfigs = List.copyOf(subConfigs);
    }
}
