package dev.relpromo.events.params;

import java.util.Objects;

/**
 * One repack: a sub-config of a partner in one locale, on the partner or EME-free path, of one partner build. An
 * attribution config entry is addressed the same way, its campaign and content standing for partner and sub-config
 * (as in the real pipeline), on the {@code attribution} path.
 *
 * @param path               {@code partner}, {@code eme-free} or {@code attribution}
 * @param id                 {@code partner/sub-config/locale}, the real pipeline's repack id
 * @param partnerBuildNumber the {@code v<N>} the repack is published under (1 unless respun)
 */
public record RepackRef(String path, String id, String partner, String subConfig, String locale,
                        int partnerBuildNumber) {
    public RepackRef {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(id, "id");
    }

    public static final String PARTNER = "partner";
    public static final String EME_FREE = "eme-free";
    public static final String ATTRIBUTION = "attribution";

    public boolean emeFree() {
        return EME_FREE.equals(path);
    }

    public boolean attribution() {
        return ATTRIBUTION.equals(path);
    }
}
