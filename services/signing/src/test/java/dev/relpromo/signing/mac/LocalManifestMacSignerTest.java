package dev.relpromo.signing.mac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.signing.LocalGpgSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalManifestMacSignerTest {
    private static final String MANIFEST = "Firefox.app/Contents/_CodeSignature/relpromo-local-manifest.json";

    @TempDir
    Path tmp;
    private LocalGpgSigner signer;
    private LocalManifestMacSigner backend;

    @BeforeEach
    void setUp() throws Exception {
        signer = TestBundles.signer();
        backend = new LocalManifestMacSigner(signer);
    }

    @Test
    void theManifestListsEveryEntryAndSaysItIsNotAppleValid() throws Exception {
        Path input = TestBundles.firefox(tmp.resolve("in/target.tar.gz"), "de");

        SignedBundle signed = backend.sign(List.of(new MacBundle("acme/acme-001/de", input)), tmp.resolve("work")).get(0);

        String expected = "{\n"
                + "  \"format\": \"relpromo-local-mac-manifest/1\",\n"
                + "  \"backend\": \"local\",\n"
                + "  \"apple_valid\": false,\n"
                + "  \"notice\": \"local relpromo signature: NOT an Apple code signature; macOS Gatekeeper will not accept it\",\n"
                + "  \"app\": \"Firefox.app\",\n"
                + "  \"signing_key\": \"" + signer.fingerprint() + "\",\n"
                + "  \"entries\": [\n"
                + "    {\"path\": \"Contents\", \"type\": \"directory\", \"mode\": \"0755\"},\n"
                + "    {\"path\": \"Contents/Info.plist\", \"type\": \"file\", \"mode\": \"0644\", \"size\": 18, \"sha256\": \""
                + sha256("<plist>de</plist>\n") + "\"},\n"
                + "    {\"path\": \"Contents/MacOS\", \"type\": \"directory\", \"mode\": \"0755\"},\n"
                + "    {\"path\": \"Contents/MacOS/firefox\", \"type\": \"file\", \"mode\": \"0755\", \"size\": 17, \"sha256\": \""
                + sha256("#!mach-o firefox\n") + "\"},\n"
                + "    {\"path\": \"Contents/Resources\", \"type\": \"directory\", \"mode\": \"0755\"},\n"
                + "    {\"path\": \"Contents/Resources/distribution\", \"type\": \"directory\", \"mode\": \"0755\"},\n"
                + "    {\"path\": \"Contents/Resources/distribution/distribution.ini\", \"type\": \"file\", \"mode\": \"0644\","
                + " \"size\": 15, \"sha256\": \"" + sha256("[Global]\nid=de\n") + "\"},\n"
                + "    {\"path\": \"Contents/Resources/firefox-bin\", \"type\": \"symlink\", \"mode\": \"0777\","
                + " \"target\": \"../MacOS/firefox\"},\n"
                + "    {\"path\": \"Contents/_CodeSignature\", \"type\": \"directory\", \"mode\": \"0755\"}\n"
                + "  ]\n"
                + "}\n";
        assertThat(TestBundles.content(signed.archive(), MANIFEST)).isEqualTo(expected);
        assertThat(TestBundles.content(signed.archive(), MANIFEST + ".asc"))
                .isEqualTo(new String(signer.signDetached(new java.io.ByteArrayInputStream(
                        expected.getBytes(StandardCharsets.UTF_8))), StandardCharsets.US_ASCII));
        assertThat(signed.summary()).isEqualTo("Firefox.app of acme/acme-001/de: local (not Apple-valid) signature,"
                + " 9 entries in relpromo-local-manifest.json, signed with OpenPGP key " + signer.fingerprint());
        assertThat(signed.archive()).isEqualTo(tmp.resolve("work/bundle-1/signed/target.tar.gz"));
        assertThat(tmp.resolve("work/bundle-1/tree")).doesNotExist();
    }

    @Test
    void theSignedArchiveIsNormalisedAndByteIdenticalOnRerun() throws Exception {
        Path input = TestBundles.firefox(tmp.resolve("in/target.tar.gz"), "de");
        List<MacBundle> chunk = List.of(new MacBundle("acme/acme-001/de", input));

        Path first = backend.sign(chunk, tmp.resolve("work")).get(0).archive();
        byte[] firstBytes = Files.readAllBytes(first);
        // a rerun into the same work dir, a fresh signer re-reading the key, and re-signing the signed output
        Path again = new LocalManifestMacSigner(LocalGpgSigner.fromKeyDirectory(TestBundles.keyDir()))
                .sign(chunk, tmp.resolve("work")).get(0).archive();
        assertThat(Files.readAllBytes(again)).isEqualTo(firstBytes);
        Path resigned = backend.sign(List.of(new MacBundle("acme/acme-001/de", Files.copy(first,
                tmp.resolve("signed-once.tar.gz")))), tmp.resolve("work2")).get(0).archive();
        assertThat(Files.readAllBytes(resigned)).isEqualTo(firstBytes);

        assertThat(TestBundles.gzipMtime(first)).isZero();
        assertThat(TestBundles.listing(first))
                .map(line -> line.replaceFirst("(relpromo-local-manifest\\.json(\\.asc)?) 0 0644 (.*) \\d+$", "$1 0 0644 $3 N"))
                .containsExactly(
                        "Firefox.app/ 5 0755 0/0 / 2000-01-01T00:00:00Z 0",
                        "Firefox.app/Contents/ 5 0755 0/0 / 2000-01-01T00:00:00Z 0",
                        "Firefox.app/Contents/Info.plist 0 0644 0/0 / 2000-01-01T00:00:00Z 18",
                        "Firefox.app/Contents/MacOS/ 5 0755 0/0 / 2000-01-01T00:00:00Z 0",
                        "Firefox.app/Contents/MacOS/firefox 0 0755 0/0 / 2000-01-01T00:00:00Z 17",
                        "Firefox.app/Contents/Resources/ 5 0755 0/0 / 2000-01-01T00:00:00Z 0",
                        "Firefox.app/Contents/Resources/distribution/ 5 0755 0/0 / 2000-01-01T00:00:00Z 0",
                        "Firefox.app/Contents/Resources/distribution/distribution.ini 0 0644 0/0 / 2000-01-01T00:00:00Z 15",
                        "Firefox.app/Contents/Resources/firefox-bin 2 0777 0/0 / 2000-01-01T00:00:00Z 0 -> ../MacOS/firefox",
                        "Firefox.app/Contents/_CodeSignature/ 5 0755 0/0 / 2000-01-01T00:00:00Z 0",
                        "Firefox.app/Contents/_CodeSignature/relpromo-local-manifest.json 0 0644 0/0 / 2000-01-01T00:00:00Z N",
                        "Firefox.app/Contents/_CodeSignature/relpromo-local-manifest.json.asc 0 0644 0/0 / 2000-01-01T00:00:00Z N");
    }

    @Test
    void notarizationChecksTheManifestAndRecordsThatAppleWasNotInvolved() throws Exception {
        Path input = TestBundles.firefox(tmp.resolve("in/target.tar.gz"), "de");
        Path signed = backend.sign(List.of(new MacBundle("acme/acme-001/de", input)), tmp.resolve("sign")).get(0).archive();

        NotarizedBundle notarized = backend.notarize(List.of(new MacBundle("acme/acme-001/de", signed)),
                tmp.resolve("notarize")).get(0);

        assertThat(Files.readAllBytes(notarized.archive())).isEqualTo(Files.readAllBytes(signed));
        assertThat(notarized.record()).isEqualTo(tmp.resolve("notarize/bundle-1/notarization.json"));
        assertThat(Files.readString(notarized.record())).isEqualTo("{\n"
                + "  \"format\": \"relpromo-local-mac-notarization/1\",\n"
                + "  \"backend\": \"local\",\n"
                + "  \"notarized_by_apple\": false,\n"
                + "  \"stapled\": false,\n"
                + "  \"notice\": \"local relpromo check: NO Apple notarization took place and no ticket was stapled;"
                + " macOS Gatekeeper will not accept this bundle\",\n"
                + "  \"app\": \"Firefox.app\",\n"
                + "  \"checked\": \"3 files, 1 symlinks and 5 directories match the local manifest\",\n"
                + "  \"manifest_sha256\": \"" + sha256(TestBundles.content(signed, MANIFEST)) + "\",\n"
                + "  \"signing_key\": \"" + signer.fingerprint() + "\"\n"
                + "}\n");
        assertThat(notarized.summary()).isEqualTo("Firefox.app of acme/acme-001/de: local (not Apple-valid)"
                + " notarization check, 3 files, 1 symlinks and 5 directories match the local manifest;"
                + " not notarized by Apple, nothing stapled");
        assertThat(tmp.resolve("notarize/bundle-1/tree")).doesNotExist();
    }

    @Test
    void aChangedFileFailsNotarizationNamingTheFile() throws Exception {
        Path signed = signFirefox();
        Path tampered = TestBundles.rewrite(signed, tmp.resolve("tampered.tar.gz"), (entry, content, out) ->
                TestBundles.keep(entry, entry.getName().endsWith("distribution.ini") ? "[Global]\nid=evil\n" : content, out));

        assertThatThrownBy(() -> notarize(tampered))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageStartingWith("cannot notarize acme/acme-001/de (local (not Apple-valid)): Firefox.app does"
                        + " not match its local manifest (1 difference): Firefox.app/Contents/Resources/distribution/"
                        + "distribution.ini: size 17, the manifest says 15");
    }

    @Test
    void sameSizeChangesAddedAndMissingFilesAreAllNamed() throws Exception {
        Path signed = signFirefox();
        Path tampered = TestBundles.rewrite(signed, tmp.resolve("tampered.tar.gz"), (entry, content, out) -> {
            if (entry.getName().endsWith("Info.plist")) {
                return; // dropped
            }
            TestBundles.keep(entry, entry.getName().endsWith("MacOS/firefox") ? "#!mach-o FIREFOX\n" : content, out);
            if (entry.getName().endsWith("MacOS/firefox")) {
                out.file("Firefox.app/Contents/MacOS/injected.dylib", "evil", 0755);
            }
        });

        assertThatThrownBy(() -> notarize(tampered))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("cannot notarize acme/acme-001/de (local (not Apple-valid)): Firefox.app does not match its"
                        + " local manifest (3 differences): Firefox.app/Contents/MacOS/firefox: content changed (SHA-256 "
                        + sha256("#!mach-o FIREFOX\n") + ", the manifest says " + sha256("#!mach-o firefox\n") + ");"
                        + " Firefox.app/Contents/MacOS/injected.dylib: not in the manifest (added after signing);"
                        + " Firefox.app/Contents/Info.plist: missing (listed in the manifest)");
    }

    @Test
    void anEditedManifestFailsTheSignatureCheck() throws Exception {
        Path signed = signFirefox();
        Path tampered = TestBundles.rewrite(signed, tmp.resolve("tampered.tar.gz"), (entry, content, out) ->
                TestBundles.keep(entry, entry.getName().equals(MANIFEST) ? content.replace("\"size\": 17", "\"size\": 18")
                        : content, out));

        assertThatThrownBy(() -> notarize(tampered))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("the signature of " + MANIFEST + " of acme/acme-001/de does not verify with the local key "
                        + signer.fingerprint() + ": " + MANIFEST + " of acme/acme-001/de was changed after signing");
    }

    @Test
    void anUnsignedBundleCannotBeNotarized() throws Exception {
        Path unsigned = TestBundles.firefox(tmp.resolve("in/target.tar.gz"), "de");

        assertThatThrownBy(() -> notarize(unsigned))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("cannot notarize acme/acme-001/de (local (not Apple-valid)): " + MANIFEST
                        + " is missing; the bundle was not signed by the local backend");
    }

    @Test
    void aChunkOfFiveGivesFiveOutputsInOrder() throws Exception {
        List<String> locales = List.of("de", "fr", "it", "ja-JP-mac", "pt-BR");
        List<MacBundle> chunk = IntStream.range(0, locales.size()).mapToObj(i -> {
            try {
                return new MacBundle("acme/acme-001/" + locales.get(i),
                        TestBundles.firefox(tmp.resolve("in/" + i + "/target.tar.gz"), locales.get(i)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();

        List<SignedBundle> signed = backend.sign(chunk, tmp.resolve("sign"));
        List<NotarizedBundle> notarized = backend.notarize(
                signed.stream().map(s -> new MacBundle(s.repackId(), s.archive())).toList(), tmp.resolve("notarize"));

        assertThat(signed).extracting(SignedBundle::repackId).containsExactly("acme/acme-001/de", "acme/acme-001/fr",
                "acme/acme-001/it", "acme/acme-001/ja-JP-mac", "acme/acme-001/pt-BR");
        assertThat(signed).extracting(s -> TestBundles.content(s.archive(), "Firefox.app/Contents/Info.plist"))
                .containsExactly("<plist>de</plist>\n", "<plist>fr</plist>\n", "<plist>it</plist>\n",
                        "<plist>ja-JP-mac</plist>\n", "<plist>pt-BR</plist>\n");
        assertThat(notarized).extracting(NotarizedBundle::repackId)
                .containsExactlyElementsOf(signed.stream().map(SignedBundle::repackId).toList());
        assertThat(notarized).extracting(NotarizedBundle::archive).containsExactly(
                tmp.resolve("notarize/bundle-1/notarized/target.tar.gz"), tmp.resolve("notarize/bundle-2/notarized/target.tar.gz"),
                tmp.resolve("notarize/bundle-3/notarized/target.tar.gz"), tmp.resolve("notarize/bundle-4/notarized/target.tar.gz"),
                tmp.resolve("notarize/bundle-5/notarized/target.tar.gz"));
    }

    @Test
    void aChunkOfSixOrWithATwiceNamedRepackIsRefused() throws Exception {
        Path input = TestBundles.firefox(tmp.resolve("in/target.tar.gz"), "de");
        List<MacBundle> six = IntStream.range(0, 6).mapToObj(i -> new MacBundle("acme/acme-001/l" + i, input)).toList();

        assertThatThrownBy(() -> backend.sign(six, tmp.resolve("work")))
                .isInstanceOf(TaskFailureException.class).hasMessage("a mac signing chunk holds 1 to 5 repacks, not 6");
        assertThatThrownBy(() -> backend.sign(List.of(new MacBundle("a/b/de", input), new MacBundle("a/b/de", input)),
                tmp.resolve("work"))).isInstanceOf(TaskFailureException.class)
                .hasMessage("repack a/b/de appears twice in the mac signing chunk");
    }

    private Path signFirefox() throws Exception {
        Path input = TestBundles.firefox(tmp.resolve("in/target.tar.gz"), "de");
        return backend.sign(List.of(new MacBundle("acme/acme-001/de", input)), tmp.resolve("sign")).get(0).archive();
    }

    private void notarize(Path archive) throws Exception {
        backend.notarize(List.of(new MacBundle("acme/acme-001/de", archive)), tmp.resolve("notarize"));
    }

    static String sha256(String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    }
}
