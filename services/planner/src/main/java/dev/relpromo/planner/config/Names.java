package dev.relpromo.planner.config;

import java.util.regex.Pattern;

/** Name rules shared by the parsers and the request validation. */
public final class Names {
    private Names() {
    }

    /**
     * Partner and sub-config names become path components of artifact-store keys and of the published
     * {@code partner-repacks/<partner>/<sub>/...} path, which beetmover rejects when they hold {@code /}, {@code %}
     * or are {@code .}/{@code ..}; refusing them here fails the release at planning time instead of at upload.
     */
    private static final Pattern SAFE_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");
    private static final Pattern LOCALE = Pattern.compile("^[a-z]{2,3}(-[A-Za-z0-9]+)*$");

    public static boolean isSafeName(String name) {
        return name != null && SAFE_NAME.matcher(name).matches();
    }

    /** Locale codes as Firefox ships them: {@code en-US}, {@code ja-JP-mac}, {@code es-AR}, {@code ach}. */
    public static boolean isLocale(String locale) {
        return locale != null && LOCALE.matcher(locale).matches();
    }
}
