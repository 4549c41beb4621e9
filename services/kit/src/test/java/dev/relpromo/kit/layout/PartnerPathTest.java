package dev.relpromo.kit.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.kit.failure.TaskFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartnerPathTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "partner-repacks/acme/acme-1/v1/linux-x86_64/de",
            "partner-repacks/qwant/qwant-001/v1/linux-i686/de",
            "partner-repacks/softonic/softonic-004/v1/win32/de",
            "partner-repacks/acme/acme-1/v12/win64/en-US",
            "partner-repacks/acme/acme-1/v1/win64-aarch64/fr",
            "partner-repacks/acme/acme-1/v1/mac/ja-JP-mac",
            "partner-repacks/a.b/c..d/v1/win32/de.x",
            "win32-EME-free/de",
            "win64-EME-free/en-US",
            "win64-aarch64-EME-free/de",
            "mac-EME-free/en-US",
            "beetmover-checksums/win64-EME-free/de",
    })
    void accepts(String path) {
        assertThat(PartnerPath.isLegal(path)).isTrue();
        assertThat(PartnerPath.of(path).value()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "partner-repacks/acme/acme-1/v1/linux-aarch64/de",   // not a partner platform
            "partner-repacks/acme/acme-1/vX/linux-x86_64/de",    // non-numeric vN
            "partner-repacks/acme/acme-1/v/linux-x86_64/de",
            "partner-repacks/acme/acme-1/1/linux-x86_64/de",
            "partner-repacks/../acme-1/v1/win32/de",             // . and .. components
            "partner-repacks/acme/./v1/win32/de",
            "partner-repacks/acme/acme-1/v1/win32/..",
            "partner-repacks/acme/acme-1/v1/win32/.",
            "partner-repacks/ac%2Fme/acme-1/v1/win32/de",        // % (encoded separators)
            "partner-repacks/acme/acme-1/v1/win32/d%65",
            "partner-repacks/acme/v1/win32/de",                  // missing sub-partner
            "partner-repacks/acme/acme-1/v1/win32/de/extra",
            "partner-repacks/acme/acme-1/v1/win32/de/",
            "/partner-repacks/acme/acme-1/v1/win32/de",
            "pub/partner-repacks/acme/acme-1/v1/win32/de",
            "win32-EME-free/de.x",                               // . in an EME-free locale
            "win32-EME-free/..",
            "win32-EME-free/",
            "win32-EME-free/de/extra",
            "linux-x86_64-EME-free/de",                          // no Linux EME-free
            "beetmover-checksums/partner-repacks/acme/acme-1/v1/win32/de",
            "partner-repacks/acme/acme-1/v1/win32/de\n",         // control characters and backslashes
            "partner-repacks/acme/acme-1/v1/win32/d\\e",
            "",
    })
    void rejects(String path) {
        assertThat(PartnerPath.isLegal(path)).isFalse();
        assertThatThrownBy(() -> PartnerPath.of(path))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("Illegal partner path " + path + " !");
    }

    @Test
    void rejectsNull() {
        assertThat(PartnerPath.isLegal(null)).isFalse();
        assertThatThrownBy(() -> PartnerPath.of(null)).isInstanceOf(TaskFailureException.class);
    }

    @Test
    void resolvesFilesBelowIt() {
        assertThat(PartnerPath.of("win32-EME-free/de").resolve("Firefox Setup 130.0.exe"))
                .isEqualTo("win32-EME-free/de/Firefox Setup 130.0.exe");
    }
}
