package dev.relpromo.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReleaseNameTest {
    @Test
    void parsesReleaseBetaAndEsrNames() {
        ReleaseName r = ReleaseName.parse("Firefox-130.0-build1");
        assertThat(r.product()).isEqualTo("Firefox");
        assertThat(r.productPath()).isEqualTo("firefox");
        assertThat(r.version()).isEqualTo("130.0");
        assertThat(r.buildNumber()).isEqualTo(1);
        assertThat(r.impliedReleaseType()).isEqualTo("release");
        assertThat(ReleaseName.parse("Firefox-131.0b9-build2").betaNumber()).isEqualTo(9);
        assertThat(ReleaseName.parse("Firefox-128.3.0esr-build1").impliedReleaseType()).isEqualTo("esr");
        assertThat(ReleaseName.parse("Firefox-130.0.1-build3").toString()).isEqualTo("Firefox-130.0.1-build3");
    }

    @Test
    void rejectsMalformedNames() {
        assertThatThrownBy(() -> ReleaseName.parse("firefox-130.0")).hasMessageContaining("<Product>-<version>-build<N>");
        assertThatThrownBy(() -> ReleaseName.parse("Firefox-130.0-build0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReleaseName.parse("Firefox-../x-build1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linuxArchiveChangesAfter134() {
        assertThat(Platform.linuxArchive("134.0")).isEqualTo("tar.bz2");
        assertThat(Platform.linuxArchive("135.0b1")).isEqualTo("tar.xz");
    }
}
