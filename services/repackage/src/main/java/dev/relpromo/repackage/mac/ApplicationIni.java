package dev.relpromo.repackage.mac;

import dev.relpromo.kit.failure.TaskFailureException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the volume name from the bundle's {@code Contents/Resources/application.ini}: {@code [App] CodeName},
 * falling back to {@code Name}, as mozbuild's {@code repackage_dmg} does (so Nightly mounts as "Firefox Nightly").
 */
final class ApplicationIni {
    /** application.ini is a few hundred bytes; a larger one is not what we expect. */
    static final int MAX_BYTES = 64 * 1024;

    private ApplicationIni() {
    }

    static String volumeName(byte[] ini, String where) {
        String text = new String(ini, StandardCharsets.UTF_8);
        Optional<String> codeName = value(text, "App", "CodeName");
        Optional<String> name = value(text, "App", "Name");
        return codeName.or(() -> name).orElseThrow(() -> new TaskFailureException(
                where + " has neither [App] CodeName nor [App] Name: the disk image needs a volume name"));
    }

    /** A non-empty value of {@code key} in {@code [section]}; keys are case-sensitive as in mozbuild's parser. */
    static Optional<String> value(String text, String section, String key) {
        String current = null;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int eq = line.indexOf('=');
            if (section.equals(current) && eq > 0 && line.substring(0, eq).strip().equals(key)) {
                String v = line.substring(eq + 1).strip();
                if (!v.isEmpty()) {
                    return Optional.of(v);
                }
            }
        }
        return Optional.empty();
    }
}
