package dev.relpromo.launcher;

import dev.relpromo.kit.health.Health;
import dev.relpromo.kit.health.HealthIndicator;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Prints the components of a running stack and, later, each change of their state (for {@code relpromo up}). */
final class ComponentReport {
    private final HealthIndicator components;
    private final Map<String, Health.Status> last = new HashMap<>();

    ComponentReport(HealthIndicator components) {
        this.components = components;
    }

    void print(PrintStream out) {
        List<Health> all = components.health();
        out.println("  components:");
        for (Health h : all) {
            out.printf("    %-14s %-10s %s%n", h.component(), h.status(), h.detail());
            last.put(h.component(), h.status());
        }
    }

    void printChanges(PrintStream out) {
        for (Health h : components.health()) {
            Health.Status before = last.put(h.component(), h.status());
            if (before != h.status()) {
                out.printf("relpromo up: %s is %s: %s%n", h.component(), h.status(), h.detail());
            }
        }
    }
}
