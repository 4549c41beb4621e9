package dev.relpromo.planner.graph;

import dev.relpromo.events.Service;
import dev.relpromo.planner.config.RepackPath;

/**
 * The stages of a repack stack, in graph order. Each path has its own kind per stage ({@code <prefix><suffix>});
 * the chunking dummy exists only on the partner path (EME-free has no Linux), the beetmover checksums only on
 * EME-free (its files go into the release's SHA*SUMS).
 */
public enum PartnerKind {
    REPACK("", Service.REPACK),
    MAC_SIGNING("-mac-signing", Service.SIGNING),
    MAC_NOTARIZATION("-mac-notarization", Service.SIGNING),
    REPACKAGE("-repackage", Service.REPACKAGE),
    CHUNKING_DUMMY("-chunking-dummy", Service.GRAPH),
    REPACKAGE_SIGNING("-repackage-signing", Service.SIGNING),
    BEETMOVER("-beetmover", Service.BEETMOVER),
    BEETMOVER_CHECKSUMS("-beetmover-checksums", Service.CHECKSUMS);

    private final String suffix;
    private final Service service;

    PartnerKind(String suffix, Service service) {
        this.suffix = suffix;
        this.service = service;
    }

    public String kind(RepackPath path) {
        return path.kindPrefix() + suffix;
    }

    public Service service() {
        return service;
    }
}
