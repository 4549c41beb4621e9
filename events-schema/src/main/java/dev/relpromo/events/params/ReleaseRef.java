package dev.relpromo.events.params;

import java.util.Objects;

/**
 * The release a task works for, as paths need it: {@code firefox}, {@code 135.0}, build {@code 1}.
 *
 * @param product the product as it appears in store paths ({@code firefox}, {@code devedition})
 */
public record ReleaseRef(String product, String version, int buildNumber) {
    public ReleaseRef {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(version, "version");
    }
}
