package dev.relpromo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.kinds.Availability;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.events.kinds.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind the planner plans (the catalogue's kinds: the planner's {@code PlannedKindsTest} pins that it plans
 * exactly those) is completed by someone: a worker service module's handler, the graph (pseudo-kinds) or a
 * build-completed event (external). The launcher's classpath holds every service module.
 */
class KindHandlersTest {
    private static final String P = "release-partner-repack";
    private static final String E = "release-eme-free-repack";

    /**
     * Planned and tracked, but no service handles them in this version (the EME-free checksums). A service that
     * starts handling one must mark it runnable in the catalogue and remove it here.
     */
    private static final Set<String> PLANNED_WITHOUT_HANDLER = Set.of();

    private static List<ServiceHandlers.Found> handlers;

    @BeforeAll
    static void scan() {
        handlers = ServiceHandlers.all();
    }

    @Test
    void everyRunnableWorkerKindHasExactlyOneHandlerInItsOwnersModule() {
        Map<String, List<String>> handlerModules = new TreeMap<>();
        Map<String, List<String>> owners = new TreeMap<>();
        Kinds.all().stream().filter(TaskKind::needsHandler).forEach(kind -> {
            owners.put(kind.name(), List.of(kind.owner().id()));
            handlerModules.put(kind.name(), handlers.stream().filter(h -> h.kinds().contains(kind.name()))
                    .map(h -> h.service().id()).toList());
        });
        assertThat(owners).hasSize(19);
        assertThat(handlerModules).as("the service modules with a handler for each runnable kind").isEqualTo(owners);
    }

    @Test
    void everyHandledKindIsARunnableCatalogueKindOfTheHandlersService() {
        assertThat(handlers).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (ServiceHandlers.Found h : handlers) {
            String handler = h.handler().getName() + " (" + h.service().id() + " module)";
            if (h.kinds().isEmpty()) {
                problems.add(handler + " declares no kinds");
            }
            for (String name : new TreeSet<>(h.kinds())) {
                Optional<TaskKind> kind = Kinds.byName(name);
                if (kind.isEmpty()) {
                    problems.add(handler + " handles " + name + ", which is not in the kind catalogue");
                } else if (kind.get().owner() != h.service()) {
                    problems.add(handler + " handles " + name + ", which the catalogue gives to "
                            + kind.get().owner().id());
                } else if (kind.get().availability() != Availability.RUNNABLE) {
                    problems.add(handler + " handles " + name + ": mark it RUNNABLE in the catalogue and remove it"
                            + " from PLANNED_WITHOUT_HANDLER");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void thePlannedOnlyKindsAreExactlyTheOnesWithoutAServiceYet() {
        Set<String> handled = handlers.stream().flatMap(h -> h.kinds().stream()).collect(Collectors.toSet());
        Set<String> withoutHandler = Kinds.all().stream().filter(k -> k.owner().isWorker())
                .map(TaskKind::name).filter(name -> !handled.contains(name)).collect(Collectors.toSet());
        assertThat(withoutHandler).containsExactlyInAnyOrderElementsOf(PLANNED_WITHOUT_HANDLER);
        assertThat(Kinds.all()).filteredOn(k -> k.availability() == Availability.PLANNED).extracting(TaskKind::name)
                .containsExactlyInAnyOrderElementsOf(PLANNED_WITHOUT_HANDLER);
    }

    @Test
    void graphAndExternalKindsAreLeftToTheGraph() {
        assertThat(Kinds.all()).filteredOn(k -> !k.owner().isWorker()).extracting(TaskKind::name)
                .containsExactly("build-signing", P + "-chunking-dummy")
                .allSatisfy(name -> assertThat(handlers).noneMatch(h -> h.kinds().contains(name)));
    }
}
