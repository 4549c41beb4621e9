package dev.relpromo.planner.config;

import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.events.kinds.TaskKind;

/**
 * The two repack stacks of the real pipeline. EME-free is just a partner repo ({@code mozilla-EME-free}) that gets
 * its own kinds, so it can be enabled separately and is never subset by {@code release_partners}.
 */
public enum RepackPath {
    PARTNER(Kinds.PARTNER_REPACK, "partner"),
    EME_FREE(Kinds.EME_FREE_REPACK, "eme-free");

    /** The partner repo whose sub-configs take the EME-free path. */
    public static final String EME_FREE_PARTNER = "mozilla-EME-free";

    private final TaskKind repackKind;
    private final String id;

    RepackPath(TaskKind repackKind, String id) {
        this.repackKind = repackKind;
        this.id = id;
    }

    /** The repack kind, and the prefix of every kind of the stack; also the key in {@code release_partner_config}. */
    public String kindPrefix() {
        return repackKind.name();
    }

    /** The {@code repack_path} task parameter. */
    public String id() {
        return id;
    }

    public static RepackPath ofPartner(String partnerName) {
        return EME_FREE_PARTNER.equals(partnerName) ? EME_FREE : PARTNER;
    }
}
