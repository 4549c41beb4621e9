package dev.relpromo.planner.graph;

import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.events.kinds.TaskKind;
import dev.relpromo.planner.config.RepackPath;

/**
 * The stages of a repack stack, in graph order, each with its catalogue kind on either path; the chunking dummy
 * exists only on the partner path (EME-free has no Linux), the beetmover checksums only on EME-free (its files go
 * into the release's SHA*SUMS).
 */
public enum PartnerKind {
    REPACK(Kinds.PARTNER_REPACK, Kinds.EME_FREE_REPACK),
    MAC_SIGNING(Kinds.PARTNER_MAC_SIGNING, Kinds.EME_FREE_MAC_SIGNING),
    MAC_NOTARIZATION(Kinds.PARTNER_MAC_NOTARIZATION, Kinds.EME_FREE_MAC_NOTARIZATION),
    REPACKAGE(Kinds.PARTNER_REPACKAGE, Kinds.EME_FREE_REPACKAGE),
    CHUNKING_DUMMY(Kinds.PARTNER_CHUNKING_DUMMY, null),
    REPACKAGE_SIGNING(Kinds.PARTNER_REPACKAGE_SIGNING, Kinds.EME_FREE_REPACKAGE_SIGNING),
    BEETMOVER(Kinds.PARTNER_BEETMOVER, Kinds.EME_FREE_BEETMOVER),
    BEETMOVER_CHECKSUMS(null, Kinds.EME_FREE_BEETMOVER_CHECKSUMS);

    private final TaskKind partner;
    private final TaskKind emeFree;

    PartnerKind(TaskKind partner, TaskKind emeFree) {
        this.partner = partner;
        this.emeFree = emeFree;
    }

    /** This stage's kind on {@code path}; asking for a stage the path does not have is a bug in the graph rules. */
    public TaskKind kind(RepackPath path) {
        TaskKind kind = path == RepackPath.PARTNER ? partner : emeFree;
        if (kind == null) {
            throw new IllegalStateException("the " + path.id() + " path has no " + name() + " stage");
        }
        return kind;
    }
}
