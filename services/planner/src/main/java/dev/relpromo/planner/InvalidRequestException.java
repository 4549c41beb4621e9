package dev.relpromo.planner;

import java.util.List;

/** The promotion request's parameters are invalid (unknown partner, bad inline config, bad release type ...). */
public class InvalidRequestException extends PlannerException {
    public InvalidRequestException(List<String> problems) {
        super(problems);
    }

    public InvalidRequestException(String problem) {
        super(problem);
    }
}
