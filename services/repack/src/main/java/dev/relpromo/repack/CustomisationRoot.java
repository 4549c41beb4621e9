package dev.relpromo.repack;

import dev.relpromo.kit.failure.TaskFailureException;
import java.util.Optional;

/**
 * Where a build's partner files go: {@code firefox/} on Linux and Windows, {@code <App>.app/Contents/Resources/}
 * on mac, where {@code <App>} is the first root entry ending in {@code .app} (copes with {@code Firefox.app} and
 * {@code Firefox Nightly.app}, as {@code partner_repack.py}'s {@code getAppName} does).
 *
 * <p>The mac root is learned while streaming. No entry before the first {@code .app} one can lie inside the
 * bundle, so nothing seen earlier can collide with the inserted files.
 */
final class CustomisationRoot {
    private static final String MAC_RESOURCES = "Contents/Resources";
    private final boolean macBundle;
    private String root;

    private CustomisationRoot(boolean macBundle, String root) {
        this.macBundle = macBundle;
        this.root = root;
    }

    static CustomisationRoot fixed(String directory) {
        return new CustomisationRoot(false, directory);
    }

    static CustomisationRoot macAppBundle() {
        return new CustomisationRoot(true, null);
    }

    static CustomisationRoot forFormat(ArchiveFormat format) {
        return format == ArchiveFormat.TAR_GZ ? macAppBundle() : fixed("firefox");
    }

    /** Looks at an entry's canonical name; the root once it is known. */
    Optional<String> observe(String canonicalName) {
        if (root == null && macBundle) {
            String first = EntryPaths.firstComponent(canonicalName);
            if (first.endsWith(".app")) {
                root = first + "/" + MAC_RESOURCES;
            }
        }
        return Optional.ofNullable(root);
    }

    String require() {
        if (root == null) {
            throw new TaskFailureException("no '<App>.app' bundle found in the root of the mac archive");
        }
        return root;
    }
}
