package dev.relpromo.balrog.aus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleMatchingTest {
    private final UpdateQuery query = UpdateQuery.of("Firefox", "129.0", "20240801000000", "WINNT_x86_64-msvc", "de", "release");

    @Test
    void highestPriorityWins() {
        Rule low = Rule.of(10, "Firefox", "release", "low").withRuleId(1);
        Rule high = Rule.of(90, "Firefox", "release", "high").withRuleId(2);
        Rule otherProduct = Rule.of(100, "Thunderbird", "release", "tb").withRuleId(3);
        assertThat(RuleMatching.bestRule(List.of(low, high, otherProduct), query)).map(Rule::mapping).contains("high");
    }

    @Test
    void channelGlobAndCckFallback() {
        assertThat(RuleMatching.matchChannel("release*", "release-localtest")).isTrue();
        assertThat(RuleMatching.matchChannel("release", "release-cck-mozilla-EMEfree")).isTrue();
        assertThat(RuleMatching.matchChannel("release", "release-localtest")).isFalse();
        assertThat(RuleMatching.matchChannel("beta", "release-cck-beta")).isFalse();
        // A glob shorter than 3 characters is taken literally, as in Balrog.
        assertThat(RuleMatching.matchChannel("r*", "release")).isFalse();
        assertThat(RuleMatching.matchChannel(null, "anything")).isTrue();
        assertThat(UpdateQuery.fallbackChannel("release-cck-mozilla-EMEfree")).isEqualTo("release");
    }

    @Test
    void versionOperatorsAndLists() {
        assertThat(RuleMatching.matchVersion("<130.0", "129.0")).isTrue();
        assertThat(RuleMatching.matchVersion("<130.0", "130.0")).isFalse();
        assertThat(RuleMatching.matchVersion("<=130.0", "130.0")).isTrue();
        assertThat(RuleMatching.matchVersion(">=128.0", "130.0b3")).isTrue();
        assertThat(RuleMatching.matchVersion(">130.0", "130.0.1")).isTrue();
        assertThat(RuleMatching.matchVersion("=129.0", "129.0")).isTrue();
        assertThat(RuleMatching.matchVersion("115.0,<72.0", "115.0")).isTrue();
        assertThat(RuleMatching.matchVersion("115.0,<72.0", "71.0")).isTrue();
        assertThat(RuleMatching.matchVersion("115.0,<72.0", "100.0")).isFalse();
        assertThat(RuleMatching.matchVersion("<130.0", "garbage")).isFalse();
    }

    @Test
    void buildIDMemoryOsVersionAndCsvFields() {
        assertThat(RuleMatching.matchBuildID("<20240901000000", "20240801000000")).isTrue();
        assertThat(RuleMatching.matchBuildID(">=20240901000000", "20240801000000")).isFalse();
        assertThat(RuleMatching.matchBuildID("20240801000000", "20240801000000")).isTrue();
        assertThat(RuleMatching.matchMemory("<2048", 1024)).isTrue();
        assertThat(RuleMatching.matchMemory("<2048", null)).isFalse();
        assertThat(RuleMatching.matchOsVersion("Windows_NT 6.1,Windows_NT 6.0", "Windows_NT 6.1.0.0 (x64)")).isTrue();
        assertThat(RuleMatching.matchOsVersion("Windows_NT 10&&(x64)", "Windows_NT 10.0.0.0 (x86)")).isFalse();
        assertThat(RuleMatching.matchOsVersion("Windows_NT 10&&(x64)", "Windows_NT 10.0.0.0 (x64)")).isTrue();
        assertThat(RuleMatching.matchCsv("de,fr", "de")).isTrue();
        assertThat(RuleMatching.matchCsv("de,fr", "d")).isFalse();
        assertThat(RuleMatching.matchBoolean(null, null)).isTrue();
        assertThat(RuleMatching.matchBoolean(true, null)).isFalse();
        assertThat(RuleMatching.matchBoolean(false, false)).isTrue();
    }

    @Test
    void localeAndBuildTargetNarrowARule() {
        Rule germanOnly = Rule.of(50, "Firefox", "release", "de-only").withLocale("en-US,de").withRuleId(1);
        Rule linuxOnly = Rule.of(60, "Firefox", "release", "linux").withBuildTarget("Linux_x86_64-gcc3").withRuleId(2);
        assertThat(RuleMatching.bestRule(List.of(germanOnly, linuxOnly), query)).map(Rule::mapping).contains("de-only");
        assertThat(RuleMatching.bestRule(List.of(linuxOnly), query)).isEmpty();
    }

    @Test
    void parsesTheV6Path() {
        UpdateQuery q = UpdateQuery.parse("/update/6/Firefox/129.0/20240801000000/WINNT_x86_64-msvc-x64/de/"
                + "release-cck-mozilla-EMEfree/Windows_NT%2010.0.0.0%20(x64)/ISET:SSE4_2,MEM:16384,JAWS:0/mozilla-EMEfree/1.0/update.xml",
                "force=1");
        assertThat(q.product()).isEqualTo("Firefox");
        assertThat(q.buildTarget()).isEqualTo("WINNT_x86_64-msvc-x64");
        assertThat(q.channel()).isEqualTo("release-cck-mozilla-EMEfree");
        assertThat(q.fallbackChannel()).isEqualTo("release");
        assertThat(q.osVersion()).isEqualTo("Windows_NT 10.0.0.0 (x64)");
        assertThat(q.instructionSet()).isEqualTo("SSE4_2");
        assertThat(q.memory()).isEqualTo(16384);
        assertThat(q.jaws()).isFalse();
        assertThat(q.distribution()).isEqualTo("mozilla-EMEfree");
        assertThat(q.distVersion()).isEqualTo("1.0");
        assertThat(q.force()).isEqualTo(1);
    }
}
