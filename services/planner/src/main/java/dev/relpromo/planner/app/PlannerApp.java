package dev.relpromo.planner.app;

import dev.relpromo.kit.app.RelpromoService;
import dev.relpromo.kit.app.RunningService;
import dev.relpromo.kit.app.ServiceContext;
import dev.relpromo.events.kinds.BeetmoverScopes;
import dev.relpromo.planner.Planner;
import dev.relpromo.planner.config.PartnerConfigSource;
import dev.relpromo.planner.service.PlannerService;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The planner as a relpromo service. Settings: {@code partners} (the partner configuration directory,
 * {@code RELPROMO_PARTNERS}), {@code eme-free-config} (EME-free's own manifest directory,
 * {@code RELPROMO_EME_FREE_CONFIG}; unset: the {@code mozilla-EME-free} repo of the partner configuration),
 * {@code attribution} (an {@code attribution_config.yml}, {@code RELPROMO_ATTRIBUTION}), {@code auto-promote}
 * (default true when a partner configuration is given) and {@code beetmover-bucket} (the bucket scope of every
 * beetmover task, default {@code release}; {@code dep} for staging).
 */
public final class PlannerApp implements RelpromoService {
    @Override
    public String name() {
        return "planner";
    }

    @Override
    public int startOrder() {
        return 20;
    }

    @Override
    public RunningService start(ServiceContext context) {
        Optional<Path> partners = context.settings().path("partners");
        Path emeFree = context.settings().path("eme-free-config").orElse(null);
        PartnerConfigSource source = partners.map(dir -> PartnerConfigSource.directories(dir, emeFree)).orElse(() -> {
            throw new IllegalStateException("no partner configuration directory is configured (--partners, "
                    + "RELPROMO_PARTNERS)");
        });
        boolean autoPromote = partners.isPresent() && context.settings().bool("auto-promote", true);
        Planner rules = new Planner(source, context.store())
                .withBeetmoverBucket(context.settings().string("beetmover-bucket").orElse(BeetmoverScopes.RELEASE_BUCKET));
        Optional<Path> attribution = context.settings().path("attribution");
        PlannerService planner = new PlannerService(context.kafka(),
                attribution.isPresent() ? rules.withAttribution(attribution.get()) : rules, autoPromote,
                context.pipeline());
        planner.start();
        return planner;
    }
}
