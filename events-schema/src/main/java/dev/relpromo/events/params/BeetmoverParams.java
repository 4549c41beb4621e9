package dev.relpromo.events.params;

import dev.relpromo.events.Service;

/**
 * Publication of one signed repack into the candidates tree.
 *
 * @param partnerPath the destination below the candidates build directory, e.g.
 *                    {@code partner-repacks/acme/acme-1/v1/linux-x86_64/de} or {@code mac-EME-free/de}
 */
public record BeetmoverParams(ReleaseRef release, RepackRef repack, String partnerPath) implements TaskParams {
    @Override
    public Service service() {
        return Service.BEETMOVER;
    }
}
