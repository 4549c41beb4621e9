package dev.relpromo.graph.http;

import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.kit.health.Health;
import dev.relpromo.kit.health.HealthIndicator;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.List;
import java.util.Map;

/**
 * {@code /health}: every component of the process with its state. 503 when any component is DOWN, so a load
 * balancer or an orchestrator's probe sees a half-dead process as dead; RECOVERING components keep the process
 * up (they are replacing their clients or retrying) but show in the body.
 */
@Controller
public class HealthController {
    private final HealthIndicator components;

    public HealthController(HealthIndicator components) {
        this.components = components;
    }

    @Get(value = "/health", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> health() {
        List<Health> all = components.health();
        Health.Status overall = all.stream().anyMatch(Health::isDown) ? Health.Status.DOWN
                : all.stream().anyMatch(h -> h.status() == Health.Status.RECOVERING) ? Health.Status.RECOVERING
                : Health.Status.UP;
        String body = EventCodec.json(Map.of("status", overall, "components", all));
        return HttpResponse.<String>status(overall == Health.Status.DOWN ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
                .body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
