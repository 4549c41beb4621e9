package dev.relpromo.launcher;

import dev.relpromo.events.Phase;
import dev.relpromo.events.PromotionRequested;
import dev.relpromo.events.ReleaseName;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Request a phase of a release from a running stack (the planner plans it; see 'relpromo status').")
final class PromoteCommand implements Callable<Integer> {
    @Option(names = "--release", required = true, paramLabel = "Product-version-buildN")
    String release;

    @Option(names = "--phase", defaultValue = "promote", description = "promote, push or ship. Default: ${DEFAULT-VALUE}")
    String phase;

    @Option(names = "--partner-repack", negatable = true, description = "Force partner repacks on (or off).")
    Boolean partnerRepack;

    @Option(names = "--eme-free", negatable = true, description = "Force EME-free repacks on (or off).")
    Boolean emeFree;

    @Option(names = "--partner-attribution", negatable = true,
            description = "Force partner attribution on (or off). Default: with partner repacks, never for ESR.")
    Boolean partnerAttribution;

    @Option(names = "--partner-config", paramLabel = "FILE",
            description = {"An inline release_partner_config (YAML or JSON, as in the action's parameters.yml): it",
                    "chooses sub-configs, locales and platforms instead of the repack.cfg files."})
    java.nio.file.Path partnerConfig;

    @Option(names = "--partners", split = ",", paramLabel = "a,b", description = "A subset of partners (release_partners).")
    List<String> partners;

    @Option(names = "--partner-build-number", paramLabel = "N", description = "Publish under vN (a respin).")
    Integer partnerBuildNumber;

    @Option(names = "--release-type", paramLabel = "TYPE", description = "beta, release, release-rc or esr.")
    String releaseType;

    @Option(names = "--eta", paramLabel = "ISO-8601", description = "Ship time (ship phase).")
    String eta;

    @Option(names = "--requested-by", paramLabel = "NAME", defaultValue = "${sys:user.name}",
            description = "Who asks (recorded with the request). Default: ${DEFAULT-VALUE}")
    String requestedBy;

    @picocli.CommandLine.Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        PromotionRequested request = request();
        try (Publisher publisher = client.publisher()) {
            publisher.promotion(request);
        }
        System.out.println("requested " + phase + " of " + release + "; follow it with 'relpromo status " + release + "'");
        return 0;
    }

    /** The promotion event these options describe: every parameter of the real action has an option. */
    PromotionRequested request() {
        ReleaseName.parse(release);
        return new PromotionRequested(release, Phase.of(phase), releaseType, emeFree, partnerRepack,
                partnerConfig == null ? null : InlinePartnerConfigFile.read(partnerConfig), partnerBuildNumber,
                partners, eta, requestedBy == null || requestedBy.isBlank() ? "relpromo" : requestedBy,
                partnerAttribution);
    }
}
