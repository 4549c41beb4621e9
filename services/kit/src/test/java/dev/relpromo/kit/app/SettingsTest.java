package dev.relpromo.kit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {
    final Map<String, String> config = Map.of("relpromo.repack.concurrency", "3", "relpromo.keys", "/etc/keys");
    final Map<String, String> env = Map.of("RELPROMO_CONCURRENCY", "5", "RELPROMO_PARTNERS", "/srv/partners",
            "RELPROMO_SIGNING_CONCURRENCY", "x");

    Settings settings(String service, Map<String, String> explicit) {
        return new Settings(service, explicit, k -> Optional.ofNullable(config.get(k)), env::get);
    }

    @Test
    void explicitValuesWinThenConfigurationThenTheEnvironmentThenTheDefault() {
        assertThat(settings("repack", Map.of("repack.concurrency", "2")).integer("concurrency", 1, 1)).isEqualTo(2);
        assertThat(settings("repack", Map.of()).integer("concurrency", 1, 1)).isEqualTo(3);
        assertThat(settings("beetmover", Map.of()).integer("concurrency", 1, 1)).isEqualTo(5);
        assertThat(settings("beetmover", Map.of()).path("keys")).hasValueSatisfying(p -> assertThat(p).hasToString("/etc/keys"));
        assertThat(settings("planner", Map.of()).path("partners")).hasValueSatisfying(p -> assertThat(p).hasToString("/srv/partners"));
        assertThat(settings("planner", Map.of()).bool("auto-promote", true)).isTrue();
    }

    @Test
    void aMalformedValueNamesTheKeyAndWhereItCameFrom() {
        assertThatThrownBy(() -> settings("signing", Map.of()).integer("concurrency", 1, 1))
                .hasMessage("environment variable RELPROMO_SIGNING_CONCURRENCY must be a whole number of at least 1, not 'x'");
        assertThatThrownBy(() -> settings("repack", Map.of("auto-promote", "yes")).bool("auto-promote", true))
                .hasMessage("setting auto-promote must be true or false, not 'yes'");
    }
}
