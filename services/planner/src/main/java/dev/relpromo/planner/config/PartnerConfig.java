package dev.relpromo.planner.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A loaded and fully validated partner configuration tree.
 *
 * @param configHash {@code sha256:<hex>} over the manifest and every snapshotted file of every sub-config
 */
public record PartnerConfig(Path root, Manifest manifest, List<Partner> partners, String configHash) {

    public PartnerConfig {
        partners = List.copyOf(partners);
    }

    public Optional<Partner> partner(String name) {
        return partners.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<Partner> partners(RepackPath path) {
        return partners.stream().filter(p -> p.repackPath() == path).toList();
    }

    public List<SubConfig> subConfigs(RepackPath path) {
        return partners(path).stream().flatMap(p -> p.subConfigs().stream()).toList();
    }
}
