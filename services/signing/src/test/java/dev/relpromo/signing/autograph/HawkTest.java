package dev.relpromo.signing.autograph;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** The test vector of the Hawk specification (README, "Payload Validation"). */
class HawkTest {
    private static final HawkCredentials SPEC = new HawkCredentials("dh37fgj492je",
            "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn");
    private static final URI RESOURCE = URI.create("http://example.com:8000/resource/1?b=1&a=2");

    @Test
    void payloadHashOfTheSpecExample() {
        MessageDigest digest = Hawk.startPayload("text/plain");
        digest.update("Thank you for flying Hawk".getBytes(StandardCharsets.UTF_8));

        assertThat(Hawk.finishPayload(digest)).isEqualTo("Yi9LfIIFRtBEPt74PVmbTF/xVAwPn7ub15ePICfgnuY=");
    }

    @Test
    void contentTypeParametersAreNotHashed() {
        MessageDigest plain = Hawk.startPayload("application/json");
        MessageDigest withCharset = Hawk.startPayload("Application/JSON; charset=utf-8");

        assertThat(Hawk.finishPayload(withCharset)).isEqualTo(Hawk.finishPayload(plain));
    }

    @Test
    void macOfTheSpecExample() {
        String normalized = Hawk.normalized("post", RESOURCE, 1353832234L, "j4h3g2",
                "Yi9LfIIFRtBEPt74PVmbTF/xVAwPn7ub15ePICfgnuY=", "some-app-ext-data");

        assertThat(normalized).isEqualTo("hawk.1.header\n1353832234\nj4h3g2\nPOST\n/resource/1?b=1&a=2\nexample.com\n"
                + "8000\nYi9LfIIFRtBEPt74PVmbTF/xVAwPn7ub15ePICfgnuY=\nsome-app-ext-data\n");
        assertThat(Hawk.mac(SPEC, normalized)).isEqualTo("aSe1DERmZuRl3pI36/9BdZmnErTw3sNzOOAUlfeKjVw=");
    }

    @Test
    void headerWithoutExtAndDefaultPorts() {
        String header = Hawk.header(SPEC, "POST", URI.create("https://autograph.example/sign/data"), 1353832234L,
                "j4h3g2", "hash=");

        assertThat(header).isEqualTo("Hawk id=\"dh37fgj492je\", ts=\"1353832234\", nonce=\"j4h3g2\", hash=\"hash=\", mac=\""
                + Hawk.mac(SPEC, "hawk.1.header\n1353832234\nj4h3g2\nPOST\n/sign/data\nautograph.example\n443\nhash=\n\n")
                + "\"");
        assertThat(SPEC).hasToString("HawkCredentials[id=dh37fgj492je]");
    }
}
