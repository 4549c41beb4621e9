package dev.relpromo.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Platform;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.WorkItem;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import dev.relpromo.kit.work.ArtifactResolver;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.signing.mac.LocalManifestMacSigner;
import dev.relpromo.signing.mac.MacBundle;
import dev.relpromo.signing.mac.MacSigningBackend;
import dev.relpromo.signing.mac.NotarizedBundle;
import dev.relpromo.signing.mac.SignedBundle;
import dev.relpromo.signing.mac.TestBundles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mac signing and notarization of chunks with the local backend: one result per chunk, in chunk order. */
class MacChunkHandlersTest {
    private static final String REPACK_KIND = "release-partner-repack";
    private static final String MANIFEST = "Firefox.app/Contents/_CodeSignature/relpromo-local-manifest.json";
    private static final List<String> CHUNK = List.of("acme/acme-1/de", "acme/acme-1/fr", "beta/beta-2/en-US");

    @TempDir
    Path tmp;
    private FileSystemArtifactStore store;
    private TaskContext context;
    private MacSigningHandler signing;
    private MacNotarizationHandler notarization;

    @BeforeEach
    void setUp() throws Exception {
        store = new FileSystemArtifactStore(tmp.resolve("store"));
        context = new TaskContext(store, Files.createDirectories(tmp.resolve("work")), new ArtifactResolver(store));
        LocalManifestMacSigner backend = new LocalManifestMacSigner(TestBundles.signer());
        signing = new MacSigningHandler(backend);
        notarization = new MacNotarizationHandler(backend);
    }

    @Test
    void aChunkOfThreeGivesOneResultWithEachSignedBundleInChunkOrder() throws Exception {
        List<TaskCompleted> repacks = repacks(CHUNK);
        // the graph hands upstream results over in any order; the result follows the chunk
        WorkItem item = signingWork(CHUNK, List.of(repacks.get(2), repacks.get(0), repacks.get(1)));

        List<Artifact> out = signing.handle(item, context);

        List<Artifact> expected = new ArrayList<>();
        for (String id : CHUNK) {
            expected.add(store.stat(key(id, "signed/target.tar.gz")).orElseThrow().asArtifact(id + "/target.tar.gz"));
        }
        assertThat(out).containsExactlyElementsOf(expected);
        for (int i = 0; i < CHUNK.size(); i++) {
            Path signed = store.pathOf(out.get(i).storeKey());
            assertThat(TestBundles.content(signed, MANIFEST)).contains("\"apple_valid\": false");
            String locale = CHUNK.get(i).substring(CHUNK.get(i).lastIndexOf('/') + 1);
            assertThat(TestBundles.content(signed, "Firefox.app/Contents/Info.plist")).isEqualTo("<plist>" + locale
                    + "</plist>\n");
            assertThat(store.list(key(CHUNK.get(i), ""))).as("the unsigned repack is untouched")
                    .containsExactly(key(CHUNK.get(i), "signed/target.tar.gz"), key(CHUNK.get(i), "target.tar.gz"));
            assertThat(store.stat(key(CHUNK.get(i), "target.tar.gz")).orElseThrow().asArtifact("target.tar.gz"))
                    .isEqualTo(repacks.get(i).artifacts().get(0));
        }
        assertThat(signing.handle(item, context)).as("a rerun writes the same bytes").isEqualTo(out);
    }

    @Test
    void idsWhoseLabelsCollideAreStillMatchedByTheirRepackKeys() throws Exception {
        // both labels end in -a-b-c-de: the store key, not the label, tells them apart
        List<String> chunk = List.of("a-b/c/de", "a/b-c/de");

        List<Artifact> out = signing.handle(signingWork(chunk, repacks(chunk)), context);

        assertThat(out).extracting(Artifact::name).containsExactly("a-b/c/de/target.tar.gz", "a/b-c/de/target.tar.gz");
        assertThat(out).extracting(Artifact::storeKey).containsExactly(key("a-b/c/de", "signed/target.tar.gz"),
                key("a/b-c/de", "signed/target.tar.gz"));
    }

    @Test
    void aChunkWhoseRepacksAndUpstreamsDoNotMatchOneToOneIsRefused() throws Exception {
        List<TaskCompleted> upstreams = repacks(List.of("acme/acme-1/de", "acme/acme-1/fr", "acme/acme-1/it"));
        String task = SigningWork.RELEASE + "/release-partner-repack-mac-signing-macosx64-shippable-1";

        assertThatThrownBy(() -> signing.handle(signingWork(CHUNK, upstreams), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("refusing release-partner-repack-mac-signing task " + task + ": its chunk " + CHUNK
                        + " and its upstreams do not match one to one: no target.tar.gz for [beta/beta-2/en-US];"
                        + " upstream archives of repacks outside the chunk: [acme/acme-1/it]");
        assertThatThrownBy(() -> signing.handle(signingWork(CHUNK, upstreams.subList(0, 2)), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageEndingWith("do not match one to one: no target.tar.gz for [beta/beta-2/en-US]");
        TaskCompleted twice = upstreams.get(0);
        assertThatThrownBy(() -> signing.handle(signingWork(List.of("acme/acme-1/de"),
                List.of(twice, SigningWork.completed(REPACK_KIND, Platform.MACOSX64, "other", twice.artifacts()))),
                context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageEndingWith(": two upstreams publish target.tar.gz for repack acme/acme-1/de");
        assertThat(store.list("releng")).noneMatch(k -> k.contains("/signed/"));
    }

    @Test
    void anUpstreamThatIsNotAMacRepackIsRefused() throws Exception {
        Artifact linux = store.put("releng/partner/firefox/130.0/build1/v1/acme/acme-1/linux-x86_64/de/target.tar.gz",
                "not mac".getBytes(StandardCharsets.UTF_8)).asArtifact("target.tar.gz");
        TaskCompleted upstream = SigningWork.completed(REPACK_KIND, Platform.MACOSX64, "acme/acme-1/de", List.of(linux));

        assertThatThrownBy(() -> signing.handle(signingWork(List.of("acme/acme-1/de"), List.of(upstream)), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageEndingWith(": upstream " + upstream.taskId() + "'s target.tar.gz is at " + linux.storeKey()
                        + ", not at a mac repack's key …/<partner>/<sub-config>/mac/<locale>/target.tar.gz");
        TaskCompleted eme = SigningWork.completed("release-eme-free-repack", Platform.MACOSX64, "acme/acme-1/de",
                List.of(linux));
        assertThatThrownBy(() -> signing.handle(signingWork(List.of("acme/acme-1/de"), List.of(eme)), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageEndingWith(": upstream " + eme.taskId() + " is of kind release-eme-free-repack, expected "
                        + REPACK_KIND);
    }

    @Test
    void notarizationRecordsEveryRepackAndSaysNoAppleNotarizationTookPlace() throws Exception {
        TaskCompleted signed = signedChunk(CHUNK);

        List<Artifact> out = notarization.handle(notarizationWork(CHUNK, signed), context);

        List<Artifact> expected = new ArrayList<>();
        for (int i = 0; i < CHUNK.size(); i++) {
            String id = CHUNK.get(i);
            expected.add(signed.artifacts().get(i)); // the local backend passes the archive on byte for byte
            expected.add(store.stat(key(id, "notarized/notarization.json")).orElseThrow()
                    .asArtifact(id + "/notarization.json"));
        }
        assertThat(out).containsExactlyElementsOf(expected);
        for (String id : CHUNK) {
            String record = new String(store.open(key(id, "notarized/notarization.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(record).contains("\"backend\": \"local\"", "\"notarized_by_apple\": false", "\"stapled\": false",
                    "NO Apple notarization took place");
            assertThat(store.exists(key(id, "notarized/target.tar.gz"))).as("no copy of unchanged bytes").isFalse();
        }
        assertThat(notarization.handle(notarizationWork(CHUNK, signed), context)).isEqualTo(out);
    }

    @Test
    void aTamperedSignedBundleFailsNotarizationAndNothingIsRecorded() throws Exception {
        TaskCompleted signed = signedChunk(CHUNK);
        Path original = store.pathOf(signed.artifacts().get(1).storeKey());
        Path tampered = TestBundles.rewrite(original, tmp.resolve("tampered.tar.gz"), (entry, content, out) ->
                TestBundles.keep(entry, entry.getName().endsWith("distribution.ini") ? content + "evil=1\n" : content, out));
        // a signing result that points at bytes its manifest does not describe (the store itself is write-once)
        Artifact bad = store.put("releng/tampered/acme/acme-1/mac/fr/signed/target.tar.gz", tampered)
                .asArtifact("acme/acme-1/fr/target.tar.gz");
        TaskCompleted withTampered = new TaskCompleted(signed.release(), signed.phase(), signed.taskId(),
                signed.label(), signed.kind(), 1, List.of(signed.artifacts().get(0), bad, signed.artifacts().get(2)));

        assertThatThrownBy(() -> notarization.handle(notarizationWork(CHUNK, withTampered), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageStartingWith("cannot notarize acme/acme-1/fr (local (not Apple-valid)): ")
                .hasMessageContaining("distribution.ini");
        assertThat(store.list("releng")).noneMatch(k -> k.contains("/notarized/"));
    }

    @Test
    void anArchiveTheNotaryChangedIsStoredBesideTheRecord() throws Exception {
        TaskCompleted signed = signedChunk(CHUNK.subList(0, 1));
        MacSigningBackend stapling = new StaplingBackend(new LocalManifestMacSigner(TestBundles.signer()));

        List<Artifact> out = new MacNotarizationHandler(stapling).handle(notarizationWork(CHUNK.subList(0, 1), signed),
                context);

        String id = CHUNK.get(0);
        assertThat(out).containsExactly(
                store.stat(key(id, "notarized/target.tar.gz")).orElseThrow().asArtifact(id + "/target.tar.gz"),
                store.stat(key(id, "notarized/notarization.json")).orElseThrow().asArtifact(id + "/notarization.json"));
        assertThat(store.open(key(id, "notarized/target.tar.gz")).readAllBytes()).endsWith(StaplingBackend.TICKET);
    }

    @Test
    void notarizationRefusesAnUpstreamThatDoesNotCoverTheChunk() throws Exception {
        TaskCompleted signed = signedChunk(CHUNK.subList(0, 2));
        String task = SigningWork.RELEASE + "/release-partner-repack-mac-notarization-macosx64-shippable-1";

        assertThatThrownBy(() -> notarization.handle(notarizationWork(CHUNK, signed), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("refusing release-partner-repack-mac-notarization task " + task + ": its chunk " + CHUNK
                        + " and its upstreams do not match one to one: no target.tar.gz for [beta/beta-2/en-US]");
        assertThatThrownBy(() -> notarization.handle(SigningWork.macChunk(MacNotarizationHandler.PARTNER_KIND,
                "partner", 1, CHUNK, List.of()), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("refusing release-partner-repack-mac-notarization task " + task + ": it needs exactly one"
                        + " upstream (its release-partner-repack-mac-signing chunk), not 0");
    }

    /** {@code releng/partner/firefox/130.0/build1/v1/<partner>/<sub>/mac/<locale>/<rest>}. */
    private static String key(String repackId, String rest) {
        return SigningWork.repackKey(Platform.MACOSX64, repackId, "x").replaceAll("x$", rest);
    }

    /** One completed mac repack per id, its target.tar.gz a small Firefox.app of that locale, stored. */
    private List<TaskCompleted> repacks(List<String> ids) throws Exception {
        List<TaskCompleted> repacks = new ArrayList<>();
        for (String id : ids) {
            Path archive = TestBundles.firefox(tmp.resolve("in").resolve(id).resolve("target.tar.gz"),
                    id.substring(id.lastIndexOf('/') + 1));
            Artifact stored = store.put(key(id, "target.tar.gz"), archive).asArtifact("target.tar.gz");
            repacks.add(SigningWork.completed(REPACK_KIND, Platform.MACOSX64, id, List.of(stored)));
        }
        return repacks;
    }

    /** The signing chunk's result, as notarization receives it. */
    private TaskCompleted signedChunk(List<String> ids) throws Exception {
        List<Artifact> artifacts = signing.handle(signingWork(ids, repacks(ids)), context);
        return SigningWork.completed(MacSigningHandler.PARTNER_KIND, Platform.MACOSX64, "1", artifacts);
    }

    private static WorkItem signingWork(List<String> ids, List<TaskCompleted> upstreams) {
        return SigningWork.macChunk(MacSigningHandler.PARTNER_KIND, "partner", 1, ids, upstreams);
    }

    private static WorkItem notarizationWork(List<String> ids, TaskCompleted signed) {
        return SigningWork.macChunk(MacNotarizationHandler.PARTNER_KIND, "partner", 1, ids, List.of(signed));
    }

    /** A backend whose notarization changes the archive, as stapling a ticket does. */
    private record StaplingBackend(MacSigningBackend local) implements MacSigningBackend {
        static final byte[] TICKET = "stapled ticket".getBytes(StandardCharsets.UTF_8);

        @Override
        public String id() {
            return "stapling-test";
        }

        @Override
        public String label() {
            return "stapling test backend";
        }

        @Override
        public List<SignedBundle> sign(List<MacBundle> chunk, Path workDir) throws IOException {
            return local.sign(chunk, workDir);
        }

        @Override
        public List<NotarizedBundle> notarize(List<MacBundle> chunk, Path workDir) throws IOException {
            List<NotarizedBundle> stapled = new ArrayList<>();
            for (NotarizedBundle n : local.notarize(chunk, workDir)) {
                Files.write(n.archive(), TICKET, StandardOpenOption.APPEND);
                stapled.add(n);
            }
            return stapled;
        }
    }
}
