package dev.relpromo.events.params;

import dev.relpromo.events.Service;

/**
 * A repackage of one repack into an installer (Windows) or a disk image (mac), or the attribution of a build's
 * signed installer.
 *
 * @param attributionCode for attribution: the validated, URL-encoded attribution code
 *                        ({@code medium=...&source=...&campaign=...&content=...}); null for a repackage
 */
public record RepackageParams(ReleaseRef release, RepackRef repack, String attributionCode) implements TaskParams {
    @Override
    public Service service() {
        return Service.REPACKAGE;
    }
}
