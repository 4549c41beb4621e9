package dev.relpromo.events.params;

import java.util.Objects;

/**
 * One repack: a sub-config of a partner in one locale, on the partner or EME-free path, of one partner build.
 *
 * @param path               which repack stack: {@code partner} or {@code eme-free}
 * @param id                 {@code partner/sub-config/locale}, the real pipeline's repack id
 * @param partnerBuildNumber the {@code v<N>} the repack is published under (1 unless respun)
 */
public record RepackRef(String path, String id, String partner, String subConfig, String locale,
                        int partnerBuildNumber) {
    public RepackRef {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(id, "id");
    }

    public boolean emeFree() {
        return "eme-free".equals(path);
    }
}
