package dev.relpromo.kit.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.ReleaseName;
import org.junit.jupiter.api.Test;

class ReleasesLayoutTest {
    private final ReleasesLayout layout = new ReleasesLayout(ReleaseName.parse("Firefox-130.0-build2"));

    @Test
    void releasesHaveNoBuildNumberAndPartnersTheirOwnTree() {
        assertThat(layout.releaseDir()).isEqualTo("pub/firefox/releases/130.0");
        assertThat(layout.destination("win64-EME-free/de/Firefox Setup 130.0.exe"))
                .isEqualTo("pub/firefox/releases/130.0/win64-EME-free/de/Firefox Setup 130.0.exe");
        assertThat(layout.partnerDir("acme", "acme-1")).isEqualTo("pub/firefox/releases/partners/acme/acme-1/130.0");
        assertThat(layout.pushManifest()).isEqualTo("releng/push/firefox/130.0/build2/push.json");
    }
}
