package dev.relpromo.repack;

import java.nio.charset.StandardCharsets;

/**
 * The two edits {@code partner_repack.py} ({@code createOverrideIni}) makes to a sub-config's
 * {@code distribution/distribution.ini}, for Firefox ≥ 44:
 * <ul>
 *   <li>a custom locale gets {@code [Locale]} / {@code locale=<locale>} appended;</li>
 *   <li>{@code migrationWizardDisabled} appends {@code [XRE]} / {@code EnableProfileMigrator=0}, unless the file
 *       already mentions {@code EnableProfileMigrator} (the same substring test as the script).</li>
 * </ul>
 * Unlike the script, a file without a final newline gets one first, so the appended section header does not glue
 * onto the last line. The file's bytes are otherwise kept as they are (ISO-8859-1 maps bytes 1:1).
 */
final class DistributionIni {
    static final String PATH = "distribution/distribution.ini";

    private DistributionIni() {
    }

    static byte[] customise(byte[] original, Customisation customisation) {
        String ini = new String(original, StandardCharsets.ISO_8859_1);
        if (customisation.isCustomLocale()) {
            ini = append(ini, "[Locale]\nlocale=" + customisation.locale() + "\n");
        }
        if (customisation.migrationWizardDisabled() && !ini.contains("EnableProfileMigrator")) {
            ini = append(ini, "[XRE]\nEnableProfileMigrator=0\n");
        }
        return ini.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String append(String ini, String section) {
        boolean needsNewline = !ini.isEmpty() && !ini.endsWith("\n");
        return ini + (needsNewline ? "\n" : "") + section;
    }
}
