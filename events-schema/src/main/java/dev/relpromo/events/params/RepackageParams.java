package dev.relpromo.events.params;

import dev.relpromo.events.Service;

/** A repackage of one repack into an installer (Windows) or a disk image (mac). */
public record RepackageParams(ReleaseRef release, RepackRef repack) implements TaskParams {
    @Override
    public Service service() {
        return Service.REPACKAGE;
    }
}
