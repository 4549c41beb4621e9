package dev.relpromo.events.params;

import dev.relpromo.events.Service;

/**
 * Publication of a beetmover's {@code target.checksums} as a {@code .beet} file (EME-free).
 *
 * @param partnerPath the destination below the candidates build directory, e.g.
 *                    {@code beetmover-checksums/win32-EME-free/de}
 */
public record ChecksumsParams(ReleaseRef release, RepackRef repack, String partnerPath) implements TaskParams {
    @Override
    public Service service() {
        return Service.CHECKSUMS;
    }
}
