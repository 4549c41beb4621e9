package dev.relpromo.planner.config;

import dev.relpromo.planner.PlannerException;
import java.util.List;

/** A partner configuration tree has errors; all of them are collected before this is thrown. */
public class PartnerConfigException extends PlannerException {
    private final List<ConfigError> errors;

    public PartnerConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).toList());
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a PartnerConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
