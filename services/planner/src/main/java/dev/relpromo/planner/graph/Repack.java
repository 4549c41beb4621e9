package dev.relpromo.planner.graph;

import dev.relpromo.events.Platform;
import dev.relpromo.planner.config.RepackPath;
import dev.relpromo.planner.rules.SelectedSubConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One repack: a repack id ({@code partner/sub/locale}) on one platform, made from the source locale's build. */
public record Repack(Platform platform, SelectedSubConfig subConfig, String locale, String sourceLocale) {

    static final Comparator<Repack> ORDER = Comparator.comparing(Repack::path)
            .thenComparing(Repack::platform)
            .thenComparing(Repack::repackId);

    public RepackPath path() {
        return subConfig.path();
    }

    public String repackId() {
        return subConfig.subConfig().repackId(locale);
    }

    /**
     * Every repack of the selection, sorted by path, platform and repack id. {@code ja} is skipped on mac and
     * {@code ja-JP-mac} elsewhere (checked for the source locale too, whose build would not exist).
     */
    public static List<Repack> expand(List<SelectedSubConfig> selection) {
        List<Repack> repacks = new ArrayList<>();
        for (SelectedSubConfig sub : selection) {
            for (Platform platform : sub.platforms()) {
                for (String locale : sub.locales()) {
                    String source = sub.sourceLocale(locale);
                    if (builtFor(platform, locale) && builtFor(platform, source)) {
                        repacks.add(new Repack(platform, sub, locale, source));
                    }
                }
            }
        }
        repacks.sort(ORDER);
        return repacks;
    }

    /** {@code locales_per_build_platform}: mac has {@code ja-JP-mac} instead of {@code ja}. */
    static boolean builtFor(Platform platform, String locale) {
        return platform.isMac() ? !locale.equals("ja") : !locale.equals("ja-JP-mac");
    }
}
