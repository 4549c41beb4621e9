package dev.relpromo.events.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.relpromo.events.Service;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.params.BeetmoverParams;
import dev.relpromo.events.params.BuildParams;
import dev.relpromo.events.params.RepackParams;
import dev.relpromo.events.params.SigningParams;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KindsTest {
    private static final String P = "release-partner-repack";
    private static final String E = "release-eme-free-repack";

    @Test
    void catalogueListsEveryKindOnceInGraphOrder() {
        assertThat(Kinds.all()).extracting(TaskKind::name).containsExactly(
                "build-signing",
                P, P + "-mac-signing", P + "-mac-notarization", P + "-repackage", P + "-chunking-dummy",
                P + "-repackage-signing", P + "-beetmover",
                E, E + "-mac-signing", E + "-mac-notarization", E + "-repackage", E + "-repackage-signing",
                E + "-beetmover", E + "-beetmover-checksums",
                "release-partner-attribution", "release-partner-attribution-beetmover",
                "release-generate-checksums", "release-generate-checksums-signing",
                "release-generate-checksums-beetmover", "release-beetmover-push-to-release");
        assertThat(Kinds.all()).extracting(TaskKind::name).doesNotHaveDuplicates();
    }

    /** A constant left out of {@link Kinds#all()} would be planned but never checked against a handler. */
    @Test
    void everyPublicConstantIsInTheCatalogue() {
        List<Object> constants = Arrays.stream(Kinds.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == TaskKind.class)
                .map(KindsTest::value).toList();
        assertThat(constants).hasSize(21).containsExactlyInAnyOrderElementsOf(Kinds.all());
    }

    @Test
    void ownersAreWorkerServicesExceptTheGraphsPseudoKindAndTheExternalBuildSigning() {
        assertThat(Kinds.all()).filteredOn(k -> !k.owner().isWorker()).extracting(TaskKind::name, TaskKind::owner)
                .containsExactly(
                        tuple("build-signing", Service.EXTERNAL),
                        tuple(P + "-chunking-dummy", Service.GRAPH));
        assertThat(Kinds.all()).filteredOn(k -> !k.owner().isWorker())
                .allSatisfy(k -> assertThat(k.availability()).isEqualTo(Availability.RUNNABLE))
                .noneMatch(TaskKind::needsHandler);
        assertThat(Kinds.ownedBy(Service.SIGNING)).extracting(TaskKind::name).containsExactly(
                P + "-mac-signing", P + "-mac-notarization", P + "-repackage-signing",
                E + "-mac-signing", E + "-mac-notarization", E + "-repackage-signing",
                "release-generate-checksums-signing");
    }

    @Test
    void everyPlatformsPartnerChainAndTheChecksumsRunInThisVersionAndOnlyThePushWaits() {
        assertThat(Kinds.all()).filteredOn(TaskKind::needsHandler).extracting(TaskKind::name).containsExactly(
                P, P + "-mac-signing", P + "-mac-notarization", P + "-repackage", P + "-repackage-signing",
                P + "-beetmover",
                E, E + "-mac-signing", E + "-mac-notarization", E + "-repackage", E + "-repackage-signing",
                E + "-beetmover", E + "-beetmover-checksums", "release-partner-attribution",
                "release-partner-attribution-beetmover", "release-generate-checksums",
                "release-generate-checksums-signing", "release-generate-checksums-beetmover",
                "release-beetmover-push-to-release");
        assertThat(Kinds.all()).filteredOn(k -> k.availability() == Availability.PLANNED).isEmpty();
    }

    @Test
    void onlyTheReleaseChecksumsFanInWithoutUpstreamResults() {
        assertThat(Kinds.all()).filteredOn(k -> Kinds.carriesNoUpstreamResults(k.name())).extracting(TaskKind::name)
                .containsExactly("release-generate-checksums");
    }

    @Test
    void kindsOfAStackShareItsPrefixAndEachStageIsTheSameOnBothStacks() {
        for (TaskKind partner : Kinds.all().stream().filter(k -> k.name().startsWith(P)).toList()) {
            String stage = partner.name().substring(P.length());
            Kinds.byName(E + stage).ifPresent(emeFree -> {
                assertThat(emeFree.owner()).as(stage).isEqualTo(partner.owner());
                assertThat(emeFree.availability()).as(stage).isEqualTo(partner.availability());
                assertThat(emeFree.produces()).as(stage).isEqualTo(partner.produces());
            });
        }
        assertThat(Kinds.byName(E + "-chunking-dummy")).isEmpty();
        assertThat(Kinds.byName(P + "-beetmover-checksums")).isEmpty();
    }

    @Test
    void artifactsNameTheContractBetweenStages() {
        assertThat(Kinds.BUILD_SIGNING.produces()).containsExactly("target.tar.xz", "target.tar.bz2", "target.tar.gz",
                "target.zip", "setup.exe", "setup-stub.exe", "target-stub.zip", "target.installer.exe");
        assertThat(Kinds.PARTNER_REPACK.produces()).containsExactly("target.tar.xz", "target.tar.bz2", "target.tar.gz",
                "target.zip", "setup.exe", "setup-stub.exe", "target-stub.zip");
        assertThat(Kinds.PARTNER_ATTRIBUTION.produces()).containsExactly("target.installer.exe");
        assertThat(Kinds.PARTNER_CHUNKING_DUMMY.produces()).containsExactly("target.tar.xz", "target.tar.bz2");
        assertThat(Kinds.PARTNER_REPACKAGE_SIGNING.produces()).containsExactly("target.tar.xz", "target.tar.xz.asc",
                "target.tar.bz2", "target.tar.bz2.asc", "target.dmg", "target.dmg.asc", "target.installer.exe",
                "target.installer.exe.asc", "target.stub-installer.exe", "target.stub-installer.exe.asc", "KEY");
        assertThat(Kinds.PARTNER_BEETMOVER.produces()).containsExactly("KEY", "target.checksums");
        // what a stage signs or publishes is what its upstream stage produced
        assertThat(Kinds.PARTNER_REPACK.produces()).containsAll(Kinds.PARTNER_CHUNKING_DUMMY.produces());
        assertThat(Kinds.PARTNER_REPACKAGE_SIGNING.produces()).containsAll(Kinds.PARTNER_CHUNKING_DUMMY.produces());
        assertThat(Kinds.all()).filteredOn(TaskKind::needsHandler)
                .allSatisfy(k -> assertThat(k.produces()).as(k.name()).isNotEmpty());
        // parameters are typed by the owning service
        assertThat(Kinds.BUILD_SIGNING.params()).isEqualTo(BuildParams.class);
        assertThat(Kinds.PARTNER_REPACK.params()).isEqualTo(RepackParams.class);
        assertThat(Kinds.EME_FREE_MAC_SIGNING.params()).isEqualTo(SigningParams.class);
        assertThat(Kinds.PARTNER_BEETMOVER.params()).isEqualTo(BeetmoverParams.class);
        assertThat(Kinds.all()).extracting(TaskKind::per).allSatisfy(per -> assertThat(per).isNotBlank());
    }

    @Test
    void lookupsByName() {
        assertThat(Kinds.named(P + "-beetmover")).isSameAs(Kinds.PARTNER_BEETMOVER);
        assertThat(TaskIds.EXTERNAL_SIGNING_KIND).isEqualTo(Kinds.BUILD_SIGNING.name());
        assertThat(Kinds.byName("release-partner-repack-nope")).isEmpty();
        assertThatThrownBy(() -> Kinds.named("release-partner-repack-nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown task kind 'release-partner-repack-nope' (known: [build-signing, "
                        + P + ", ");
    }

    @Test
    void badEntriesAreRefusedWithTheirName() {
        assertThatThrownBy(() -> kind("Release_Repack", Service.REPACK, Availability.RUNNABLE))
                .hasMessage("task kind name 'Release_Repack' must be lower-case words joined by '-'");
        assertThatThrownBy(() -> kind("x-dummy", Service.GRAPH, Availability.PLANNED))
                .hasMessage("task kind x-dummy is completed by graph, which is always there: it cannot be planned only");
        assertThatThrownBy(() -> kind("x-repack", null, Availability.RUNNABLE))
                .isInstanceOf(NullPointerException.class).hasMessage("task kind x-repack: owner");
        assertThat(kind("x-repack", Service.REPACK, Availability.PLANNED).needsHandler()).isFalse();
        assertThat(kind("x-repack", Service.REPACK, Availability.RUNNABLE).needsHandler()).isTrue();
    }

    private static TaskKind kind(String name, Service owner, Availability availability) {
        return new TaskKind(name, owner, availability, "one x", List.of("x"), "does x");
    }

    private static Object value(Field f) {
        try {
            return f.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
