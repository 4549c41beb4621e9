package dev.relpromo.planner.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relpromo.events.Platform;
import dev.relpromo.planner.InvalidRequestException;
import dev.relpromo.planner.config.Partner;
import dev.relpromo.planner.config.PartnerConfig;
import dev.relpromo.planner.config.RepackConfig;
import dev.relpromo.planner.config.RepackPath;
import dev.relpromo.planner.config.SubConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chooses the sub-configs a plan repacks: per enabled path, every sub-config of the directory configuration, or
 * those the inline {@code release_partner_config} names; then the {@code release_partners} subset (partner path
 * only). All problems are collected and thrown together.
 *
 * @param subConfigs the chosen sub-configs, sorted by path and {@code partner/sub}
 * @param skipped    sub-configs left out on purpose, with the reason (e.g. OEM configs)
 */
public record RepackSelection(List<SelectedSubConfig> subConfigs, List<String> skipped) {

    public static final String RELEASE_PARTNERS = "release_partners";

    public RepackSelection {
        subConfigs = List.copyOf(subConfigs);
        skipped = List.copyOf(skipped);
    }

    /** Every sub-config of both paths as {@code repack.cfg} configures it (the check-partners view). */
    public static RepackSelection all(PartnerConfig config) {
        List<SelectedSubConfig> selected = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (RepackPath path : RepackPath.values()) {
            for (SubConfig sub : config.subConfigs(path)) {
                keep(fromRepackConfig(path, sub), selected, skipped);
            }
        }
        return new RepackSelection(sorted(selected), skipped);
    }

    /**
     * @param releasePartners the {@code release_partners} subset (null or empty: all partners)
     * @param inline          the {@code release_partner_config} parameter, or null
     */
    public static RepackSelection resolve(PartnerConfig config, Enablement enablement, List<String> releasePartners,
                                          JsonNode inline) {
        List<String> problems = new ArrayList<>();
        InlinePartnerConfig inlineConfig = inline == null || inline.isNull() ? null
                : InlinePartnerConfig.parse(inline, problems);
        boolean subset = releasePartners != null && !releasePartners.isEmpty();
        if (subset && !enablement.enabled(RepackPath.PARTNER) && !enablement.attribution().enabled()) {
            problems.add(RELEASE_PARTNERS + " is set but partner repacks are not enabled ("
                    + enablement.partnerRepack().reason() + ")");
        }
        List<SelectedSubConfig> selected = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (RepackPath path : RepackPath.values()) {
            if (!enablement.enabled(path)) {
                continue;
            }
            List<SelectedSubConfig> candidates = inlineConfig == null
                    ? config.subConfigs(path).stream().map(sub -> fromRepackConfig(path, sub)).toList()
                    : fromInline(config, path, inlineConfig, problems);
            if (path == RepackPath.PARTNER && subset) {
                candidates = subset(candidates, releasePartners, config, problems);
            }
            int before = selected.size();
            candidates.forEach(c -> keep(c, selected, skipped));
            Enablement.Decision decision = enablement.decision(path);
            if (decision.explicit() && selected.size() == before) {
                // like the real action's "Can't enable ... when no config url found": an explicit request that
                // cannot produce anything is a mistake, not a no-op
                problems.add(decision.reason() + " but the partner configuration" + (inlineConfig != null
                        ? " (" + InlinePartnerConfig.PARAMETER + ")" : "") + " has no " + path.kindPrefix()
                        + " sub-config to repack");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new RepackSelection(sorted(selected), skipped);
    }

    private static SelectedSubConfig fromRepackConfig(RepackPath path, SubConfig sub) {
        RepackConfig cfg = sub.repackConfig();
        return new SelectedSubConfig(path, sub, cfg.locales(), cfg.platforms(), cfg.repackStubInstaller(),
                cfg.uploadToCandidates(), cfg.publishToReleases());
    }

    /** OEM configs are skipped, as the repack script does in automation (the real graph forgets to). */
    private static void keep(SelectedSubConfig candidate, List<SelectedSubConfig> selected, List<String> skipped) {
        if (candidate.subConfig().repackConfig().oem()) {
            skipped.add(candidate.subConfig().id() + ": oem=true (OEM configs are not repacked in automation)");
        } else {
            selected.add(candidate);
        }
    }

    private static List<SelectedSubConfig> fromInline(PartnerConfig config, RepackPath path,
                                                      InlinePartnerConfig inline, List<String> problems) {
        List<SelectedSubConfig> selected = new ArrayList<>();
        if (!inline.has(path)) {
            return selected;
        }
        inline.paths().get(path).forEach((partnerName, subs) -> {
            String at = InlinePartnerConfig.PARAMETER + "." + path.kindPrefix() + "." + partnerName;
            Optional<Partner> partner = config.partner(partnerName);
            if (partner.isEmpty()) {
                problems.add(at + ": partner '" + partnerName + "' is not in the partner configuration");
                return;
            }
            if (partner.get().repackPath() != path) {
                problems.add(at + ": partner '" + partnerName + "' belongs under " + partner.get().repackPath().kindPrefix());
                return;
            }
            subs.forEach((subName, entry) -> {
                Optional<SubConfig> sub = partner.get().subConfigs().stream()
                        .filter(s -> s.name().equals(subName)).findFirst();
                if (sub.isEmpty()) {
                    // the sub-config's distribution files come from the directory configuration, so it must exist
                    problems.add(entry.jsonPath() + ": sub-config '" + subName + "' does not exist in partner '"
                            + partnerName + "'");
                    return;
                }
                RepackConfig cfg = sub.get().repackConfig();
                List<String> locales = entry.locales() != null ? entry.locales() : cfg.locales();
                Set<Platform> platforms = entry.platforms() != null ? entry.platforms() : cfg.platforms();
                selected.add(new SelectedSubConfig(path, sub.get(), locales, platforms,
                        or(entry.repackStubInstaller(), cfg.repackStubInstaller()),
                        or(entry.uploadToCandidates(), cfg.uploadToCandidates()),
                        or(entry.publishToReleases(), cfg.publishToReleases())));
            });
        });
        return selected;
    }

    private static boolean or(Boolean override, boolean fromRepackCfg) {
        return override != null ? override : fromRepackCfg;
    }

    private static List<SelectedSubConfig> subset(List<SelectedSubConfig> candidates, List<String> partners,
                                                  PartnerConfig config, List<String> problems) {
        Set<String> configured = new TreeSet<>();
        candidates.forEach(c -> configured.add(c.partner()));
        for (String name : partners) {
            if (configured.contains(name)) {
                continue;
            }
            Optional<Partner> partner = config.partner(name);
            if (partner.isPresent() && partner.get().repackPath() == RepackPath.EME_FREE) {
                problems.add(RELEASE_PARTNERS + ": '" + name + "' is the EME-free repo, which is never subset");
            } else {
                problems.add(RELEASE_PARTNERS + ": '" + name + "' is not a configured partner (configured: "
                        + String.join(", ", configured) + ")");
            }
        }
        return candidates.stream().filter(c -> partners.contains(c.partner())).toList();
    }

    private static List<SelectedSubConfig> sorted(List<SelectedSubConfig> selected) {
        return selected.stream()
                .sorted(Comparator.comparing(SelectedSubConfig::path).thenComparing(s -> s.subConfig().id()))
                .toList();
    }
}
