package dev.relpromo.signing.mac;

import java.nio.file.Path;

/**
 * A bundle extracted by {@link BundleArchive#extract}: {@code root} is the directory that holds {@code app}, the
 * {@code .app} directory name ({@code Firefox.app}, {@code Firefox Nightly.app}).
 */
public record ExtractedBundle(Path root, String app) {
    /** The {@code .app} directory itself: what a signing tool is pointed at. */
    public Path appDir() {
        return root.resolve(app);
    }
}
