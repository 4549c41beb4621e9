package dev.relpromo.signing.mac;

import dev.relpromo.kit.failure.TaskFailureException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a bundle on disk with its manifest: every entry the same (type, mode, size, digest, target), nothing
 * missing, nothing extra. All differences are collected, so one failed check names every changed file (up to
 * {@value #MAX_REPORTED}).
 */
final class ManifestCheck {
    static final int MAX_REPORTED = 20;

    private ManifestCheck() {
    }

    /** Counts of what matched, for the notarization record. */
    record Counts(int files, int symlinks, int directories) {
        String sentence() {
            return files + " files, " + symlinks + " symlinks and " + directories
                    + " directories match the local manifest";
        }
    }

    static Counts compare(String app, Map<String, LocalManifest.ManifestEntry> manifest,
            List<LocalManifest.ManifestEntry> actual) {
        Map<String, LocalManifest.ManifestEntry> expected = new LinkedHashMap<>(manifest);
        List<String> problems = new ArrayList<>();
        int files = 0;
        int symlinks = 0;
        int directories = 0;
        for (LocalManifest.ManifestEntry found : actual) {
            TreeEntry entry = found.entry();
            LocalManifest.ManifestEntry listed = expected.remove(entry.path());
            String name = app + "/" + entry.path();
            if (listed == null) {
                problems.add(name + ": not in the manifest (added after signing)");
                continue;
            }
            String difference = difference(listed, found);
            if (difference != null) {
                problems.add(name + ": " + difference);
                continue;
            }
            switch (entry.type()) {
                case FILE -> files++;
                case SYMLINK -> symlinks++;
                case DIRECTORY -> directories++;
            }
        }
        for (String missing : expected.keySet()) {
            problems.add(app + "/" + missing + ": missing (listed in the manifest)");
        }
        if (!problems.isEmpty()) {
            List<String> shown = problems.subList(0, Math.min(problems.size(), MAX_REPORTED));
            throw new TaskFailureException(app + " does not match its local manifest (" + problems.size()
                    + (problems.size() == 1 ? " difference" : " differences") + "): " + String.join("; ", shown)
                    + (problems.size() > shown.size() ? "; …" : ""));
        }
        return new Counts(files, symlinks, directories);
    }

    private static String difference(LocalManifest.ManifestEntry listed, LocalManifest.ManifestEntry found) {
        TreeEntry want = listed.entry();
        TreeEntry got = found.entry();
        if (want.type() != got.type()) {
            return "is a " + got.type().json + ", the manifest lists a " + want.type().json;
        }
        if (want.mode() != got.mode()) {
            return "mode " + got.octalMode() + ", the manifest says " + want.octalMode();
        }
        return switch (want.type()) {
            case FILE -> want.size() != got.size() ? "size " + got.size() + ", the manifest says " + want.size()
                    : !listed.sha256().equals(found.sha256())
                    ? "content changed (SHA-256 " + found.sha256() + ", the manifest says " + listed.sha256() + ")" : null;
            case SYMLINK -> !want.target().equals(got.target())
                    ? "points to '" + got.target() + "', the manifest says '" + want.target() + "'" : null;
            case DIRECTORY -> null;
        };
    }
}
