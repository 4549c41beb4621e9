package dev.relpromo.graph;

import dev.relpromo.events.PhaseStatus;
import java.util.List;

/** What the status API and the CLI ask the graph. */
public interface GraphQueries {
    List<String> releases();

    List<PhaseStatus> phases(String release);

    List<TaskView> tasks(String release);
}
