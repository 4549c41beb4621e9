package dev.relpromo.kit.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.ReleaseName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrettyNamesTest {
    private static final ReleaseName FIREFOX_130 = ReleaseName.parse("Firefox-130.0-build1");

    @ParameterizedTest
    @CsvSource({
            "target.tar.bz2,                firefox-130.0.tar.bz2",
            "target.tar.bz2.asc,            firefox-130.0.tar.bz2.asc",
            "target.tar.xz,                 firefox-130.0.tar.xz",
            "target.tar.xz.asc,             firefox-130.0.tar.xz.asc",
            "target.installer.exe,          Firefox Setup 130.0.exe",
            "target.installer.exe.asc,      Firefox Setup 130.0.exe.asc",
            "target.stub-installer.exe,     Firefox Installer.exe",
            "target.stub-installer.exe.asc, Firefox Installer.exe.asc",
            "target.dmg,                    Firefox 130.0.dmg",
            "target.dmg.asc,                Firefox 130.0.dmg.asc",
            "target.checksums,              firefox-130.0.checksums.beet",
    })
    void publishedNames(String artifact, String pretty) {
        assertThat(PrettyNames.of(artifact, FIREFOX_130)).contains(pretty);
    }

    @Test
    void usesTheReleaseVersion() {
        assertThat(PrettyNames.of("target.dmg", ReleaseName.parse("Firefox-131.0b9-build2"))).contains("Firefox 131.0b9.dmg");
        assertThat(PrettyNames.of("target.tar.xz", ReleaseName.parse("Firefox-140.0.1-build3")))
                .contains("firefox-140.0.1.tar.xz");
    }

    @ParameterizedTest
    @ValueSource(strings = {"KEY", "target.zip", "target.tar.gz", "target.checksums.asc", "target.tar.xz.sig",
            "setup.exe", "target.dmg.asc.asc", "Target.dmg"})
    void othersAreNotPublished(String artifact) {
        assertThat(PrettyNames.of(artifact, FIREFOX_130)).isEmpty();
    }
}
