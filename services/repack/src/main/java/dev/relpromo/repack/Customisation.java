package dev.relpromo.repack;

import java.util.Objects;

/**
 * What a repack changes in the sub-config's {@code distribution.ini} for one repack id.
 *
 * @param locale                  the locale of the repack (a partner's custom locale, e.g. {@code en-HK})
 * @param sourceLocale            the build locale it is made from; {@code null} means the same as {@code locale}
 * @param migrationWizardDisabled {@code migrationWizardDisabled=true} in {@code repack.cfg}
 */
public record Customisation(String locale, String sourceLocale, boolean migrationWizardDisabled) {
    public Customisation {
        Objects.requireNonNull(locale, "locale");
        sourceLocale = sourceLocale == null ? locale : sourceLocale;
    }

    public static Customisation forLocale(String locale) {
        return new Customisation(locale, locale, false);
    }

    boolean isCustomLocale() {
        return !locale.equals(sourceLocale);
    }
}
