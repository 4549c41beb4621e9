package dev.relpromo.signing.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.signing.mac.MacBundle;
import dev.relpromo.signing.mac.MacSigningBackend;
import dev.relpromo.signing.mac.NotarizedBundle;
import dev.relpromo.signing.mac.SignedBundle;
import dev.relpromo.signing.mac.TestBundles;
import dev.relpromo.signing.mac.config.MacSigningConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandMacSignerTest {
    private static final String SECRET = "hunter2 with spaces";
    private static final String CODE_RESOURCES = "Firefox.app/Contents/_CodeSignature/CodeResources";

    @TempDir
    Path tmp;

    /** A fake rcodesign: checks it got the password as one argument, then writes CodeResources into the bundle. */
    private Path signTool() throws IOException {
        return Scripts.write(tmp.resolve("tools/sign.sh"), String.join("\n",
                "set -e",
                "[ \"$1\" = sign ] || { echo \"unexpected $1\"; exit 64; }",
                "[ \"$3\" = '" + SECRET + "' ] || { echo \"password split: [$3]\"; exit 65; }",
                "bundle=\"$5\"",
                "mkdir -p \"$bundle/Contents/_CodeSignature\"",
                "echo \"CodeResources of $(basename \"$bundle\") for $7\" > \"$bundle/Contents/_CodeSignature/CodeResources\"",
                "echo \"signed $bundle\""));
    }

    private Map<String, String> settings(Path signTool, Path notarizeTool) {
        Map<String, String> settings = new HashMap<>();
        settings.put(MacSigningConfig.BACKEND, "command");
        settings.put(MacSigningConfig.SIGN_COMMAND,
                "{sign_tool} sign --p12-password {p12_password} --bundle {bundle} --app {app}");
        settings.put(MacSigningConfig.NOTARIZE_COMMAND, "{notarize_tool} notary-submit --api-key-file {api_key} --staple {bundle}");
        settings.put(MacSigningConfig.VALUE_PREFIX + "sign_tool", signTool.toString());
        settings.put(MacSigningConfig.VALUE_PREFIX + "notarize_tool", notarizeTool.toString());
        settings.put(MacSigningConfig.VALUE_PREFIX + "p12_password", SECRET);
        settings.put(MacSigningConfig.VALUE_PREFIX + "api_key", tmp.resolve("api-key.json").toString());
        return settings;
    }

    private MacSigningBackend backend(Path signTool, Path notarizeTool) {
        return MacSigningConfig.backend(settings(signTool, notarizeTool), null);
    }

    @Test
    void theToolChangesTheBundleAndTheResultIsRetarredDeterministically() throws Exception {
        MacSigningBackend backend = backend(signTool(), Scripts.write(tmp.resolve("tools/notarize.sh"), "exit 0"));
        List<MacBundle> chunk = List.of(new MacBundle("acme/acme-001/de",
                TestBundles.firefox(tmp.resolve("in/target.tar.gz"), "de")));

        SignedBundle signed = backend.sign(chunk, tmp.resolve("work")).get(0);

        assertThat(TestBundles.content(signed.archive(), CODE_RESOURCES)).isEqualTo("CodeResources of Firefox.app for Firefox.app\n");
        assertThat(TestBundles.content(signed.archive(), "Firefox.app/Contents/Info.plist")).isEqualTo("<plist>de</plist>\n");
        assertThat(TestBundles.listing(signed.archive())).extracting(line -> line.split(" ")[0]).containsExactly(
                "Firefox.app/", "Firefox.app/Contents/", "Firefox.app/Contents/Info.plist", "Firefox.app/Contents/MacOS/",
                "Firefox.app/Contents/MacOS/firefox", "Firefox.app/Contents/Resources/",
                "Firefox.app/Contents/Resources/distribution/", "Firefox.app/Contents/Resources/distribution/distribution.ini",
                "Firefox.app/Contents/Resources/firefox-bin", "Firefox.app/Contents/_CodeSignature/", CODE_RESOURCES);
        assertThat(signed.summary()).isEqualTo("Firefox.app of acme/acme-001/de: signed by the external tool command ({sign_tool})"
                + " (Apple validity depends on that tool and its certificate), 11 entries");
        byte[] first = Files.readAllBytes(signed.archive());
        assertThat(Files.readAllBytes(backend.sign(chunk, tmp.resolve("work")).get(0).archive())).isEqualTo(first);
    }

    @Test
    void aChunkOfFiveGivesFiveOutputsInOrder() throws Exception {
        MacSigningBackend backend = backend(signTool(), Scripts.write(tmp.resolve("tools/notarize.sh"),
                "touch \"$5/Contents/_CodeSignature/stapled-ticket\""));
        List<String> locales = List.of("de", "fr", "it", "ja-JP-mac", "pt-BR");
        List<MacBundle> chunk = IntStream.range(0, 5).mapToObj(i -> new MacBundle("acme/acme-001/" + locales.get(i),
                firefox(tmp.resolve("in/" + i + "/target.tar.gz"), locales.get(i)))).toList();

        List<SignedBundle> signed = backend.sign(chunk, tmp.resolve("sign"));
        List<NotarizedBundle> notarized = backend.notarize(
                signed.stream().map(s -> new MacBundle(s.repackId(), s.archive())).toList(), tmp.resolve("notarize"));

        assertThat(notarized).extracting(NotarizedBundle::repackId).containsExactly("acme/acme-001/de",
                "acme/acme-001/fr", "acme/acme-001/it", "acme/acme-001/ja-JP-mac", "acme/acme-001/pt-BR");
        assertThat(notarized).extracting(n -> TestBundles.content(n.archive(), "Firefox.app/Contents/Info.plist"))
                .containsExactly("<plist>de</plist>\n", "<plist>fr</plist>\n", "<plist>it</plist>\n",
                        "<plist>ja-JP-mac</plist>\n", "<plist>pt-BR</plist>\n");
        assertThat(notarized).extracting(n -> TestBundles.content(n.archive(),
                "Firefox.app/Contents/_CodeSignature/stapled-ticket")).containsOnly("");
        assertThat(Files.readString(notarized.get(0).record())).isEqualTo("{\n"
                + "  \"format\": \"relpromo-command-mac-notarization/1\",\n"
                + "  \"backend\": \"command\",\n"
                + "  \"notarized_by_apple\": null,\n"
                + "  \"notice\": \"notarization and stapling were left to the external tool, which exited 0; relpromo"
                + " did not check Apple's verdict\",\n"
                + "  \"app\": \"Firefox.app\",\n"
                + "  \"command\": \"{notarize_tool} notary-submit --api-key-file {api_key} --staple {bundle}\",\n"
                + "  \"exit_code\": 0\n"
                + "}\n");
    }

    @Test
    void aFailingToolFailsTheTaskWithItsOutputAndWithoutTheSecret() throws Exception {
        Path failing = Scripts.write(tmp.resolve("tools/sign.sh"),
                "echo \"rcodesign: using password $3\"; echo 'error: certificate expired' >&2; exit 2");
        MacSigningBackend backend = backend(failing, failing);

        assertThatThrownBy(() -> backend.sign(List.of(new MacBundle("acme/acme-001/de",
                TestBundles.firefox(tmp.resolve("in/target.tar.gz"), "de"))), tmp.resolve("work")))
                .isInstanceOf(TaskFailureException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .startsWith("mac sign of acme/acme-001/de (Firefox.app) failed: " + failing + " sign --p12-password"
                                + " *** --bundle " + tmp.resolve("work/bundle-1/tree/Firefox.app") + " --app Firefox.app"
                                + " failed with exit code 2 after ")
                        .endsWith("; its output ends with:\nrcodesign: using password ***\nerror: certificate expired")
                        .doesNotContain("hunter2"));
    }

    @Test
    void aHangingToolTimesOut() throws Exception {
        Path hanging = Scripts.write(tmp.resolve("tools/sign.sh"), "echo 'waiting for Apple'; sleep 120");
        Map<String, String> settings = settings(hanging, hanging);
        settings.put(MacSigningConfig.TIMEOUT, "PT1S");

        assertThatThrownBy(() -> MacSigningConfig.backend(settings, null).sign(List.of(new MacBundle("acme/acme-001/de",
                TestBundles.firefox(tmp.resolve("in/target.tar.gz"), "de"))), tmp.resolve("work")))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContaining("--app Firefox.app timed out after PT1S and was killed with its child processes;"
                        + " its output ends with:\nwaiting for Apple")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void aHostileArchiveIsRefusedBeforeTheToolRuns() throws Exception {
        Path marker = tmp.resolve("tool-ran");
        Path tool = Scripts.write(tmp.resolve("tools/sign.sh"), "touch " + marker);
        Path hostile = TestBundles.tar().dir("Firefox.app/").symlink("Firefox.app/Contents", "../../..")
                .writeTo(tmp.resolve("in/target.tar.gz"));

        assertThatThrownBy(() -> backend(tool, tool).sign(List.of(new MacBundle("acme/acme-001/de", hostile)),
                tmp.resolve("work")))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("refusing target.tar.gz of acme/acme-001/de (command ({sign_tool})): archive entry"
                        + " 'Firefox.app/Contents' is a symlink to '../../..', which escapes Firefox.app");
        assertThat(marker).doesNotExist();
    }

    private static Path firefox(Path archive, String locale) {
        try {
            return TestBundles.firefox(archive, locale);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
