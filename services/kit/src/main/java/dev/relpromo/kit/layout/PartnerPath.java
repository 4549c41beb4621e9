package dev.relpromo.kit.layout;

import dev.relpromo.kit.failure.TaskFailureException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The destination of a partner or EME-free repack below the candidates build directory, e.g.
 * {@code partner-repacks/acme/acme-1/v1/linux-x86_64/de} or {@code win32-EME-free/de}. In beetmoverscript this is
 * the task's "locale"; the same checks apply here ({@code sanity_check_partner_path} with
 * {@code PARTNER_REPACK_PUBLIC_REGEXES}): the path must fully match one of the two shapes, and the partner,
 * sub-partner and locale components must not be {@code .} or {@code ..}. Anything else could write outside the
 * partner's directory of the public tree.
 */
public record PartnerPath(String value) {

    private record Rule(Pattern pattern, List<String> namedComponents) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("^(beetmover-checksums/)?(mac|win32|win64(|-aarch64))-EME-free/[^/.]+$"), List.of()),
            new Rule(Pattern.compile("^partner-repacks/(?<partner>[^/%]+)/(?<subpartner>[^/%]+)/v\\d+/"
                    + "(mac|win32|win64(|-aarch64)|linux-i686|linux-x86_64)/(?<locale>[^/%]+)$"),
                    List.of("partner", "subpartner", "locale")));

    public PartnerPath {
        if (!isLegal(value)) {
            throw new TaskFailureException("Illegal partner path " + value + " !");
        }
    }

    public static PartnerPath of(String value) {
        return new PartnerPath(value);
    }

    /** Stricter than beetmoverscript: its {@code [^/%]} would let a newline through into an object key. */
    private static final Pattern CONTROL_OR_BACKSLASH = Pattern.compile("[\\x00-\\x1f\\x7f\\\\]");

    public static boolean isLegal(String path) {
        if (path == null || CONTROL_OR_BACKSLASH.matcher(path).find()) {
            return false;
        }
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(path);
            if (m.matches()) {
                // like beetmoverscript, the first shape that matches decides
                return rule.namedComponents().stream().map(m::group).noneMatch(c -> c.equals(".") || c.equals(".."));
            }
        }
        return false;
    }

    /** The published path of a file in this directory, relative to the build directory. */
    public String resolve(String fileName) {
        return value + "/" + fileName;
    }

    @Override
    public String toString() {
        return value;
    }
}
