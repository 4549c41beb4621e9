package dev.relpromo.beetmover;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Phase;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.events.params.BeetmoverParams;
import dev.relpromo.events.params.ReleaseRef;
import dev.relpromo.events.params.RepackRef;
import dev.relpromo.kit.failure.TaskFailureException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeCheckTest {
    private static final String RELEASE = "Firefox-130.0-build1";
    private static final String P = "project:releng:beetmover:";
    private final ScopeCheck check = ScopeCheck.defaults();

    private static TaskDefined task(String kind, List<String> scopes) {
        BeetmoverParams params = new BeetmoverParams(new ReleaseRef("firefox", "130.0", 1),
                new RepackRef("partner", "acme/acme-1/de", "acme", "acme-1", "de", 1),
                "partner-repacks/acme/acme-1/v1/linux-x86_64/de", scopes);
        return new TaskDefined(RELEASE, Phase.PROMOTE, TaskIds.of(RELEASE, kind + "-x"), kind + "-x", kind,
                Service.BEETMOVER, null, List.of(), params);
    }

    private static TaskDefined partner(String... scopes) {
        return task(Kinds.PARTNER_BEETMOVER.name(), scopes == null ? null : List.of(scopes));
    }

    private void refused(TaskDefined task, String... message) {
        assertThatThrownBy(() -> check.check(task)).isInstanceOf(TaskFailureException.class)
                .hasMessageContaining(task.taskId()).hasMessageContainingAll(message);
    }

    @Test
    void acceptsOneActionAndOneBucketOfTheKind() {
        assertThatCode(() -> check.check(partner(P + "bucket:release", P + "action:push-to-partner")))
                .doesNotThrowAnyException();
        assertThatCode(() -> check.check(task(Kinds.RELEASE_BEETMOVER_PUSH_TO_RELEASE.name(),
                List.of(P + "action:push-to-releases", P + "bucket:dep")))).doesNotThrowAnyException();
        assertThatCode(() -> check.check(task(Kinds.RELEASE_GENERATE_CHECKSUMS_BEETMOVER.name(),
                List.of(P + "action:push-to-candidates", P + "bucket:nightly")))).doesNotThrowAnyException();
        assertThatCode(() -> check.check(task(Kinds.PARTNER_ATTRIBUTION_BEETMOVER.name(),
                List.of(P + "action:push-to-partner", P + "bucket:release")))).doesNotThrowAnyException();
    }

    @Test
    void refusesATaskWithoutScopes() {
        refused(task(Kinds.PARTNER_BEETMOVER.name(), null), "no scopes");
        refused(partner(), "no scopes");
    }

    @Test
    void refusesAScopeUnderAnotherPrefix() {
        refused(partner(P + "bucket:release", P + "action:push-to-partner", "project:releng:signing:cert:release"),
                "project:releng:signing:cert:release", "prefix");
    }

    @Test
    void refusesAScopeThatIsNeitherActionNorBucket() {
        refused(partner(P + "bucket:release", P + "action:push-to-partner", P + "partner:acme"),
                P + "partner:acme", "neither");
    }

    @Test
    void refusesNoOrTwoActions() {
        refused(partner(P + "bucket:release"), "exactly one " + P + "action:");
        refused(partner(P + "bucket:release", P + "action:push-to-partner", P + "action:push-to-releases"),
                "exactly one " + P + "action:", P + "action:push-to-releases");
    }

    @Test
    void refusesNoOrTwoBuckets() {
        refused(partner(P + "action:push-to-partner"), "exactly one " + P + "bucket:");
        refused(partner(P + "bucket:release", P + "bucket:dep", P + "action:push-to-partner"),
                "exactly one " + P + "bucket:", P + "bucket:dep");
    }

    @Test
    void refusesAnInvalidResourceName() {
        refused(partner(P + "bucket:rel/ease", P + "action:push-to-partner"), P + "bucket:rel/ease", "resource");
        refused(partner(P + "bucket:release", P + "action:"), P + "action:", "resource");
    }

    @Test
    void refusesABucketTheServiceIsNotConfiguredFor() {
        refused(partner(P + "bucket:partner", P + "action:push-to-partner"), P + "bucket:partner", "not configured");
        ScopeCheck releaseOnly = new ScopeCheck(P, Set.of("release"));
        TaskDefined dep = partner(P + "bucket:dep", P + "action:push-to-partner");
        assertThatThrownBy(() -> releaseOnly.check(dep)).isInstanceOf(TaskFailureException.class)
                .hasMessageContaining(P + "bucket:dep");
    }

    @Test
    void refusesAnActionOfAnotherKind() {
        refused(partner(P + "bucket:release", P + "action:push-to-releases"), P + "action:push-to-releases",
                "push-to-partner");
        refused(task(Kinds.RELEASE_BEETMOVER_PUSH_TO_RELEASE.name(),
                List.of(P + "bucket:release", P + "action:push-to-partner")), "push-to-releases");
    }

    @Test
    void aConfiguredPrefixRefusesTheDefaultOne() {
        ScopeCheck staging = new ScopeCheck("project:releng:beetmover-stage:", Set.of("dep"));
        TaskDefined task = partner(P + "bucket:dep", P + "action:push-to-partner");
        assertThatThrownBy(() -> staging.check(task)).isInstanceOf(TaskFailureException.class)
                .hasMessageContaining("project:releng:beetmover-stage:");
    }
}
