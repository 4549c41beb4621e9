package dev.relpromo.planner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepackConfigParserTest {
    private static final Path FILE = Path.of("partners/acme/desktop/acme-1/repack.cfg");
    private final List<ConfigError> errors = new ArrayList<>();

    private Optional<RepackConfig> parse(String text) {
        return RepackConfigParser.parse(FILE, text.getBytes(StandardCharsets.UTF_8), errors);
    }

    private RepackConfig ok(String text) {
        Optional<RepackConfig> config = parse(text);
        assertThat(errors).isEmpty();
        return config.orElseThrow();
    }

    private List<String> errorsOf(String text) {
        assertThat(parse(text)).isEmpty();
        return errors.stream().map(ConfigError::toString).toList();
    }

    @Test
    void parsesTheEmeFreeExample() {
        RepackConfig c = ok("""
                aus="mozilla-EMEfree"
                dist_id="mozilla-EMEfree"
                dist_version="1.0"
                linux-i686=false
                linux-x86_64=false
                locales="ach af an ar" # truncated for display here
                mac=true
                win32=true
                win64=true
                output_dir="%(platform)s-EME-free/%(locale)s"
                """);
        assertThat(c.aus()).isEqualTo("mozilla-EMEfree");
        assertThat(c.distId()).isEqualTo("mozilla-EMEfree");
        assertThat(c.distVersion()).isEqualTo("1.0");
        assertThat(c.locales()).containsExactly("ach", "af", "an", "ar");
        assertThat(c.platforms()).containsExactlyInAnyOrder(Platform.MACOSX64, Platform.WIN32, Platform.WIN64);
        assertThat(c.outputDir()).isEqualTo("%(platform)s-EME-free/%(locale)s");
        assertThat(c.migrationWizardDisabled()).isFalse();
        assertThat(c.lineOf("mac")).isEqualTo(7);
    }

    @Test
    void skipsBlankAndCommentLinesAndStripsInlineComments() {
        RepackConfig c = ok("""
                # Partner config
                   # indented comment

                dist_id=acme # the distribution id
                s3cfg=
                bucket='net-mozaws' # quoted, then a comment
                deb_section="a # b"
                aus=x#y
                locales=de en-US\t fr
                """);
        assertThat(c.distId()).isEqualTo("acme");
        assertThat(c.s3cfg()).isEmpty();
        assertThat(c.bucket()).isEqualTo("net-mozaws");
        assertThat(c.debSection()).as("# inside quotes is data").isEqualTo("a # b");
        assertThat(c.aus()).as("# not after whitespace is data").isEqualTo("x#y");
        assertThat(c.locales()).containsExactly("de", "en-US", "fr");
    }

    @Test
    void splitsOnTheFirstEqualsSign() {
        RepackConfig c = ok("""
                locales=en-US
                replacement_setup_exe="https://example.com/setup.exe?a=1&b=2"
                """);
        assertThat(c.replacementSetupExe()).isEqualTo("https://example.com/setup.exe?a=1&b=2");
    }

    @Test
    void booleansAreExactlyTrueOrFalseIgnoringCase() {
        RepackConfig c = ok("""
                locales=de
                migrationWizardDisabled=TRUE
                oem=False
                repack_stub_installer="true"
                upload_to_candidates='true'
                publish_to_releases=false
                win64-aarch64=True
                """);
        assertThat(c.migrationWizardDisabled()).isTrue();
        assertThat(c.oem()).isFalse();
        assertThat(c.repackStubInstaller()).isTrue();
        assertThat(c.uploadToCandidates()).isTrue();
        assertThat(c.publishToReleases()).isFalse();
        assertThat(c.platforms()).containsExactly(Platform.WIN64_AARCH64);
    }

    @Test
    void rejectsAnyOtherBoolean() {
        assertThat(errorsOf("locales=de\nmac=yes\nwin32=1\n")).containsExactly(
                FILE + ":2: mac must be true or false, not 'yes'",
                FILE + ":3: win32 must be true or false, not '1'");
    }

    @Test
    void reportsUnknownKeysWithFileAndLine() {
        assertThat(errorsOf("locales=de\n\nfoo=bar\n")).containsExactly(FILE + ":3: unknown key 'foo'");
        assertThat(errors.get(0)).isEqualTo(new ConfigError(FILE, 3, "unknown key 'foo'"));
    }

    @Test
    void reportsDuplicateKeys() {
        assertThat(errorsOf("locales=de\nmac=true\nmac=false\n"))
                .containsExactly(FILE + ":3: duplicate key 'mac' (first set on line 2)");
    }

    @Test
    void reportsMalformedLines() {
        assertThat(errorsOf("locales=de\njust some text\n=value\n")).containsExactly(
                FILE + ":2: malformed line, expected key=value: 'just some text'",
                FILE + ":3: missing key before '='");
    }

    @Test
    void quotesMustBeBalanced() {
        assertThat(errorsOf("locales=de\ndist_id=\"acme\naus='x\"\nbucket=b\"\ndeb_section=\"a\" b\n")).containsExactly(
                FILE + ":2: unbalanced quote: \" is never closed",
                FILE + ":3: unbalanced quote: ' is never closed",
                FILE + ":4: unbalanced quote at the end of value 'b\"'",
                FILE + ":5: unexpected text after the closing quote: 'b'");
    }

    @Test
    void validatesLocales() {
        assertThat(ok("locales=en-US ja-JP-mac es-AR ach\n").locales())
                .containsExactly("en-US", "ja-JP-mac", "es-AR", "ach");
        assertThat(errorsOf("locales=de EN x_y de\n")).containsExactly(
                FILE + ":1: invalid locale 'EN'",
                FILE + ":1: invalid locale 'x_y'",
                FILE + ":1: locale 'de' is listed twice");
    }

    @Test
    void localesAreRequiredAndNotEmpty() {
        assertThat(errorsOf("dist_id=acme\n")).containsExactly(FILE + ": missing required key 'locales'");
        errors.clear();
        assertThat(errorsOf("locales=\"\"\n")).containsExactly(FILE + ":1: locales is empty");
    }

    @Test
    void customLocalesMapToTheirSourceAndMustBeListed() {
        RepackConfig c = ok("locales=de en-GB-x\nlocale.en-GB-x=en-GB\n");
        assertThat(c.customLocales()).containsEntry("en-GB-x", "en-GB");
        assertThat(c.sourceLocale("en-GB-x")).isEqualTo("en-GB");
        assertThat(c.sourceLocale("de")).isEqualTo("de");

        assertThat(errorsOf("locales=de\nlocale.fr-x=fr\nlocale.Bad=de\nlocale.it-x=Bad_\n")).containsExactly(
                FILE + ":2: custom locale 'fr-x' is not listed in locales",
                FILE + ":3: invalid custom locale 'Bad' in key 'locale.Bad'",
                FILE + ":4: invalid source locale 'Bad_' for custom locale 'it-x'");
    }

    @Test
    void replacementSetupExeNeedsASingleLocale() {
        assertThat(errorsOf("locales=de fr\nreplacement_setup_exe=https://x/setup.exe\n")).containsExactly(
                FILE + ":2: replacement_setup_exe cannot be used with more than one locale (2 listed)");
    }

    @Test
    void collectsEveryErrorOfAFile() {
        assertThat(errorsOf("foo=1\nmac=maybe\nlocales=de\nlocales=fr\nbar\n")).hasSize(4);
    }

    @Test
    void parseFileThrowsOneExceptionListingAllErrors(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("repack.cfg"), "foo=1\nlocales=de\nmac=maybe\n");
        assertThatThrownBy(() -> RepackConfigParser.parse(file))
                .isInstanceOf(PartnerConfigException.class)
                .hasMessage(file + ":1: unknown key 'foo'\n" + file + ":3: mac must be true or false, not 'maybe'");
    }
}
