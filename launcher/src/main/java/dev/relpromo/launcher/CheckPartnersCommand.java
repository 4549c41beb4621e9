package dev.relpromo.launcher;

import dev.relpromo.planner.PartnerCheck;
import dev.relpromo.planner.PlannerException;
import dev.relpromo.planner.config.PartnerConfigSource;
import dev.relpromo.planner.rules.EnablementThresholds;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check-partners", mixinStandardHelpOptions = true,
        description = "Validate a partner configuration and list the repacks it would produce per platform.")
final class CheckPartnersCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "A partner configuration as 'repo sync' leaves it (default.xml + partner repos).")
    Path dir;

    @Option(names = "--version", paramLabel = "V", description = "Release version, for the enablement defaults (e.g. 135.0, 136.0b9).")
    String version;

    @Option(names = "--eme-free-config", paramLabel = "DIR",
            description = "EME-free's own manifest directory (default: the mozilla-EME-free repo of DIR).")
    Path emeFreeConfig;

    @Override
    public Integer call() {
        try {
            System.out.print(PartnerCheck.check(PartnerConfigSource.directories(dir, emeFreeConfig).load(), version,
                    EnablementThresholds.DEFAULTS).render());
            return 0;
        } catch (PlannerException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }
}
