package dev.relpromo.events;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release name such as {@code Firefox-130.0-build1} or {@code Firefox-131.0b9-build2}: product, version and
 * build number. It is the {@code ce_subject} of every event and the key that groups a release's work.
 */
public record ReleaseName(String product, String version, int buildNumber) {
    public static final String PATTERN = "^([A-Z][A-Za-z]*)-(\\d+\\.\\d+(?:\\.\\d+)?(?:(?:a|b|esr|rc)\\d*)?)-build([1-9]\\d{0,2})$";
    private static final Pattern RE = Pattern.compile(PATTERN);
    private static final Pattern BETA = Pattern.compile("^\\d+\\.\\d+b(\\d+)$");

    public static ReleaseName parse(String name) {
        Matcher m = RE.matcher(name == null ? "" : name);
        if (!m.matches()) {
            throw new IllegalArgumentException("release name '" + name
                    + "' is not of the form <Product>-<version>-build<N> (e.g. Firefox-130.0-build1)");
        }
        return new ReleaseName(m.group(1), m.group(2), Integer.parseInt(m.group(3)));
    }

    /** The product in lower case, as used in paths ({@code pub/firefox/...}). */
    public String productPath() {
        return product.toLowerCase(Locale.ROOT);
    }

    public int majorVersion() {
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }

    public boolean isBeta() {
        return BETA.matcher(version).matches();
    }

    public boolean isEsr() {
        return version.endsWith("esr");
    }

    /** The beta number of a beta version ({@code 131.0b9} → 9), or -1. */
    public int betaNumber() {
        Matcher m = BETA.matcher(version);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The release type implied by the version: beta, esr or release. */
    public String impliedReleaseType() {
        return isBeta() ? "beta" : isEsr() ? "esr" : "release";
    }

    @Override
    public String toString() {
        return product + "-" + version + "-build" + buildNumber;
    }
}
