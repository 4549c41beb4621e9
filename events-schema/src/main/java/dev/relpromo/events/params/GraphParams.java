package dev.relpromo.events.params;

import dev.relpromo.events.Service;

/** A pseudo-task the graph completes itself (the Linux chunking dummy of one repack). */
public record GraphParams(ReleaseRef release, RepackRef repack) implements TaskParams {
    @Override
    public Service service() {
        return Service.GRAPH;
    }
}
