package dev.relpromo.planner;

import java.util.List;

/**
 * The planner refused a request: the partner configuration or the request parameters are wrong. Permanent —
 * retrying the same input gives the same answer — so the wiring reports it instead of retrying (an
 * {@link java.io.IOException} from the artifact store, by contrast, is worth a retry).
 */
public class PlannerException extends RuntimeException {
    private final List<String> problems;

    public PlannerException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public PlannerException(String problem) {
        this(List.of(problem));
    }

    /** Every problem found, one per entry; {@link #getMessage()} lists them one per line. */
    public List<String> problems() {
        return problems;
    }
}
