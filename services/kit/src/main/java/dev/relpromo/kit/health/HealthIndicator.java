package dev.relpromo.kit.health;

import java.util.List;

/** Something that can say how it is doing: a pipeline, a worker with several pipelines, the graph. */
@FunctionalInterface
public interface HealthIndicator {
    /** One entry per component this indicator covers (a worker reports each of its pipelines). */
    List<Health> health();
}
