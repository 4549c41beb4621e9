package dev.relpromo.events.params;

import dev.relpromo.events.Service;

/** The build's own signing task of one locale, completed from outside by a build-completed event. */
public record BuildParams(ReleaseRef release, String locale) implements TaskParams {
    @Override
    public Service service() {
        return Service.EXTERNAL;
    }
}
