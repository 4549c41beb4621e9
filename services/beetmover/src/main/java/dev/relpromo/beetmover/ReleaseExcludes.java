package dev.relpromo.beetmover;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What push-to-releases leaves in candidates: beetmoverscript's {@code RELEASE_EXCLUDE}, matched (like its
 * {@code re.search}) against the whole candidates key. Partner repacks are excluded here and published separately,
 * from their own {@code v<N>}; EME-free matches none of them, so it lands in releases.
 */
public final class ReleaseExcludes {
    static final List<Pattern> RULES = List.of(
            Pattern.compile("^.*tests.*$"),
            Pattern.compile("^.*crashreporter.*$"),
            // every zip but the JS shell's
            Pattern.compile("^(?!.*jsshell-).*\\.zip(\\.asc)?$"),
            Pattern.compile("^.*\\.log$"),
            Pattern.compile("^.*\\.txt$"),
            Pattern.compile("^.*/partner-repacks.*$"),
            Pattern.compile("^.*.checksums(\\.asc)?$"),
            Pattern.compile("^.*/logs/.*$"),
            Pattern.compile("^.*json$"),
            Pattern.compile("^.*/host.*$"),
            Pattern.compile("^.*/mar-tools/.*$"),
            Pattern.compile("^.*contrib.*"),
            Pattern.compile("^.*/beetmover-checksums/.*$"));

    private ReleaseExcludes() {
    }

    public static boolean excluded(String key) {
        return RULES.stream().anyMatch(p -> p.matcher(key).find());
    }
}
