package dev.relpromo.beetmover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReleaseExcludesTest {
    private static final String B = "pub/firefox/candidates/130.0-candidates/build1/";

    @ParameterizedTest
    @ValueSource(strings = {
            "linux-x86_64/en-US/firefox-130.0.tests.tar.gz",
            "linux-x86_64/en-US/firefox-130.0.crashreporter-symbols.zip",
            "win64/en-US/firefox-130.0.zip",
            "win64/en-US/firefox-130.0.zip.asc",
            "logs/linux-x86_64/build.log",
            "linux-x86_64/en-US/firefox-130.0.txt",
            "partner-repacks/acme/acme-1/v1/linux-x86_64/de/firefox-130.0.tar.xz",
            "linux-x86_64/en-US/firefox-130.0.checksums",
            "linux-x86_64/en-US/firefox-130.0.checksums.asc",
            "linux-x86_64/logs/x",
            "linux-x86_64/en-US/firefox-130.0.json",
            "linux-x86_64/en-US/buildhub.json",
            "host/bin/mar",
            "mar-tools/linux64/mar",
            "contrib/x",
            "beetmover-checksums/win64-EME-free/de/firefox-130.0.checksums.beet"})
    void excludes(String relative) {
        assertThat(ReleaseExcludes.excluded(B + relative)).as(relative).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "linux-x86_64/de/firefox-130.0.tar.xz",
            "linux-x86_64/de/firefox-130.0.tar.xz.asc",
            "win64-EME-free/de/Firefox Setup 130.0.exe",
            "mac-EME-free/en-US/Firefox 130.0.dmg",
            "jsshell/jsshell-linux-x86_64.zip",
            "KEY",
            "SHA512SUMS",
            "SHA512SUMS.asc",
            "SHA256SUMMARY"})
    void keeps(String relative) {
        assertThat(ReleaseExcludes.excluded(B + relative)).as(relative).isFalse();
    }
}
