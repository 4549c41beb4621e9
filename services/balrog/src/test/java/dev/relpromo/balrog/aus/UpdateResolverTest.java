package dev.relpromo.balrog.aus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relpromo.balrog.Blobs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UpdateResolverTest {
    private static final String OLD = "20240801000000";
    private static final String NEW = "20240901000000";
    private final Map<String, JsonNode> blobs = Map.of(
            "Firefox-129.0-build1", Blobs.release("129.0", OLD, null),
            "Firefox-130.0-build1", Blobs.release("130.0", NEW, "Firefox-129.0-build1"));
    private final AtomicInteger dice = new AtomicInteger(0);
    private final UpdateResolver resolver = new UpdateResolver(name -> Optional.ofNullable(blobs.get(name)), dice::get, Set.of());

    /** Production: release serves 129; the test channels already point at 130 (rules-to-update). */
    private final List<Rule> rules = List.of(
            Rule.of(100, "Firefox", "release", "Firefox-129.0-build1").withRuleId(145),
            Rule.of(200, "Firefox", "release-localtest", "Firefox-130.0-build1").withRuleId(146),
            Rule.of(200, "Firefox", "release-cdntest", "Firefox-130.0-build1").withRuleId(147));

    private UpdateQuery from129(String channel) {
        return UpdateQuery.of("Firefox", "129.0", OLD, Blobs.WIN64, "de", channel);
    }

    @Test
    void olderBuildOnLocaltestIsOfferedTheNewReleaseWithArchiveUrls() {
        String xml = UpdateXml.render(resolver.resolve(rules, from129("release-localtest")));
        assertThat(xml).isEqualTo("""
                <?xml version="1.0"?>
                <updates>
                    <update appVersion="130.0" buildID="20240901000000" detailsURL="https://www.mozilla.org/de/firefox/130.0/releasenotes/" displayVersion="130.0" type="minor">
                        <patch type="complete" URL="https://archive.mozilla.org/pub/firefox/candidates/130.0-candidates/build1/update/win64/de/firefox-130.0.complete.mar" hashFunction="sha512" hashValue="c03201" size="60000000"/>
                        <patch type="partial" URL="https://archive.mozilla.org/pub/firefox/candidates/130.0-candidates/build1/update/win64/de/firefox-129.0-130.0.partial.mar" hashFunction="sha512" hashValue="p03201" size="9000000"/>
                    </update>
                </updates>
                """);
    }

    @Test
    void theSameBuildOnReleaseIsNotOfferedAnything() {
        // release maps to 129.0 build OLD: the query is that very build, so shouldServeUpdate says no.
        assertThat(resolver.resolve(rules, from129("release"))).isEmpty();
        assertThat(UpdateXml.render(Optional.empty())).isEqualTo("<?xml version=\"1.0\"?>\n<updates>\n</updates>\n");
    }

    @Test
    void noUpdateToAnOlderOrEqualVersion() {
        assertThat(UpdateResolver.shouldServeUpdate(from129("x"), "129.0", OLD)).isFalse();
        assertThat(UpdateResolver.shouldServeUpdate(from129("x"), "128.0", "20250101000000")).isFalse();
        assertThat(UpdateResolver.shouldServeUpdate(from129("x"), "129.0", NEW)).isTrue();
        assertThat(UpdateResolver.shouldServeUpdate(from129("x"), "130.0", "20200101000000")).isTrue();
    }

    @Test
    void cckChannelFallsBackToReleaseRulesAndReleaseFileUrls() {
        List<Rule> shipped = List.of(Rule.of(100, "Firefox", "release", "Firefox-130.0-build1").withRuleId(145));
        UpdateQuery partner = from129("release-cck-mozilla-EMEfree").withDistribution("mozilla-EMEfree");
        UpdateXml.Update update = resolver.resolve(shipped, partner).orElseThrow();
        // No "release-cck-..." or "release" block: the "*" bouncer URLs, placeholders filled in.
        assertThat(update.patches()).extracting(UpdateXml.Patch::url).containsExactly(
                "https://download.mozilla.org/?product=firefox-130.0-complete&os=win64&lang=de",
                "https://download.mozilla.org/?product=firefox-130.0-partial-129.0&os=win64&lang=de");
    }

    @Test
    void fileUrlsFirstExistingBlockWinsChannelThenFallbackThenStar() {
        com.fasterxml.jackson.databind.node.ObjectNode blob = Blobs.release("130.0", NEW, null);
        ((com.fasterxml.jackson.databind.node.ObjectNode) blob.get("fileUrls")).putObject("release").putObject("completes").put("*", "https://release.example/%LOCALE%.mar");
        Map<String, JsonNode> own = Map.of("Firefox-130.0-build1", blob);
        UpdateResolver r = new UpdateResolver(name -> Optional.ofNullable(own.get(name)), () -> 0, Set.of());
        List<Rule> shipped = List.of(Rule.of(100, "Firefox", "release*", "Firefox-130.0-build1").withRuleId(1));
        assertThat(r.resolve(shipped, from129("release-cck-acme")).orElseThrow().patches().get(0).url())
                .isEqualTo("https://release.example/de.mar");
        assertThat(r.resolve(shipped, from129("release-localtest")).orElseThrow().patches().get(0).url())
                .startsWith("https://archive.mozilla.org/");
        assertThat(r.resolve(shipped, from129("release-beta-ish")).orElseThrow().patches().get(0).url())
                .startsWith("https://download.mozilla.org/");
    }

    @Test
    void aliasedBuildTargetUsesItsPlatform() {
        UpdateQuery aliased = UpdateQuery.of("Firefox", "129.0", OLD, Blobs.WIN64_ALIAS, "en-US", "release-localtest");
        assertThat(resolver.resolve(rules, aliased).orElseThrow().patches().get(0).url()).contains("/win64/en-US/");
        UpdateQuery unknown = UpdateQuery.of("Firefox", "129.0", OLD, "Linux_x86_64-gcc3", "en-US", "release-localtest");
        assertThat(resolver.resolve(rules, unknown)).isEmpty();
    }

    @Test
    void backgroundRateRollsTheInjectedDiceAndFallsBack() {
        List<Rule> throttled = List.of(Rule.of(100, "Firefox", "release", "Firefox-130.0-build1")
                .withFallback("Firefox-129.0-build1", 25).withRuleId(145));
        dice.set(24);
        assertThat(resolver.resolve(throttled, from129("release"))).map(u -> u.attributes().get("appVersion")).contains("130.0");
        dice.set(25); // rand >= rate: the fallback mapping, which is this very build: nothing
        assertThat(resolver.resolve(throttled, from129("release"))).isEmpty();
        assertThat(resolver.resolve(throttled, from129("release").withForce(1))).isPresent();
        dice.set(0);
        assertThat(resolver.resolve(throttled, from129("release").withForce(-1))).isEmpty();
        List<Rule> noFallback = List.of(Rule.of(100, "Firefox", "release", "Firefox-130.0-build1").withFallback(null, 0).withRuleId(1));
        assertThat(resolver.resolve(noFallback, from129("release"))).isEmpty();
    }

    @Test
    void partialOnlyForItsFromBuild() {
        UpdateQuery otherBuild = UpdateQuery.of("Firefox", "129.0", "20240802000000", Blobs.WIN64, "de", "release-localtest");
        assertThat(resolver.resolve(rules, otherBuild).orElseThrow().patches()).extracting(UpdateXml.Patch::type)
                .containsExactly("complete");
    }

    @Test
    void forbiddenDomainDropsThePatch() {
        UpdateResolver strict = new UpdateResolver(name -> Optional.ofNullable(blobs.get(name)), () -> 0, Set.of("download.mozilla.org"));
        assertThat(strict.resolve(rules, from129("release-localtest"))).isEmpty();
    }

    @Test
    void pinnedInstallPastItsPinGetsThePinnedReleaseOrTheUsualOneWithoutAPin() {
        Map<String, JsonNode> withDot = new java.util.HashMap<>(blobs);
        withDot.put("Firefox-129.0.2-build1", Blobs.release("129.0.2", "20240815000000", null));
        UpdateResolver pinned = new UpdateResolver(name -> Optional.ofNullable(withDot.get(name)), () -> 0, Set.of(),
                (product, channel, pin) -> product.equals("Firefox") && channel.equals("release") && pin.equals("129.")
                        ? Optional.of("Firefox-129.0.2-build1") : Optional.empty());
        List<Rule> shipped = List.of(Rule.of(100, "Firefox", "release", "Firefox-130.0-build1").withRuleId(145));
        UpdateQuery query = from129("release-cck-acme").withPin("129.");
        assertThat(pinned.resolve(shipped, query).orElseThrow().attributes().get("appVersion")).isEqualTo("129.0.2");
        assertThat(pinned.resolve(shipped, query.withPin("130.")).orElseThrow().attributes().get("appVersion")).isEqualTo("130.0");
        assertThat(pinned.resolve(shipped, query.withPin("128.")).orElseThrow().attributes().get("appVersion"))
                .as("no pin registered: keep users up to date").isEqualTo("130.0");
        assertThat(UpdateQuery.fallbackChannel("release-cck-acme-sysaddon")).isEqualTo("release-sysaddon");
    }

    @Test
    void nullMappingGivesNoUpdate() {
        assertThat(resolver.resolve(List.of(Rule.of(500, "Firefox", "release-localtest", null).withRuleId(9)),
                from129("release-localtest"))).isEmpty();
    }
}
