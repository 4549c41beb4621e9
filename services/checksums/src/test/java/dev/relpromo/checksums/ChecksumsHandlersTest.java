package dev.relpromo.checksums;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Phase;
import dev.relpromo.events.Platform;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.params.ChecksumsParams;
import dev.relpromo.events.params.ReleaseRef;
import dev.relpromo.events.params.RepackRef;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.layout.ChecksumsManifest;
import dev.relpromo.kit.store.Digests;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import dev.relpromo.kit.work.ArtifactResolver;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.testing.SystemTools;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsHandlersTest {
    private static final String RELEASE = "Firefox-130.0-build1";
    private static final String BUILD_DIR = "pub/firefox/candidates/130.0-candidates/build1/";
    private static final String INTERMEDIATE = "releng/beetmover/firefox/130.0/build1/";
    private static final ReleaseRef REF = new ReleaseRef("firefox", "130.0", 1);

    @TempDir
    Path tmp;
    private FileSystemArtifactStore store;
    private TaskContext context;

    @BeforeEach
    void setUp() throws Exception {
        useStore("store");
    }

    private void useStore(String name) throws Exception {
        store = new FileSystemArtifactStore(tmp.resolve(name));
        context = new TaskContext(store, Files.createDirectories(tmp.resolve("work")), new ArtifactResolver(store));
    }

    /** Publishes files into the build dir like a beetmover, and stores its target.checksums; returns the manifest. */
    private Artifact beetmove(String partnerPath, Map<String, String> files) throws Exception {
        List<ChecksumsManifest.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            byte[] bytes = f.getValue().getBytes(StandardCharsets.UTF_8);
            store.put(BUILD_DIR + partnerPath + "/" + f.getKey(), bytes);
            Digests.Hashed h = Digests.hash(new ByteArrayInputStream(bytes));
            entries.add(new ChecksumsManifest.Entry(partnerPath + "/" + f.getKey(), bytes.length, h.sha512(), h.sha256()));
        }
        return store.put(INTERMEDIATE + partnerPath + "/target.checksums",
                ChecksumsManifest.render(entries).getBytes(StandardCharsets.UTF_8)).asArtifact("target.checksums");
    }

    private static WorkItem work(String kind, ChecksumsParams params, List<Artifact> upstream) {
        String label = kind + "-x";
        TaskDefined task = new TaskDefined(RELEASE, Phase.PROMOTE, TaskIds.of(RELEASE, label), label, kind,
                Service.CHECKSUMS, params.repack() == null ? null : Platform.WIN32, List.of(), params);
        List<TaskCompleted> done = upstream.isEmpty() ? List.of() : List.of(new TaskCompleted(RELEASE, Phase.PROMOTE,
                TaskIds.of(RELEASE, "up"), "up", "release-eme-free-repack-beetmover", 1, upstream));
        return new WorkItem(task, 1, done);
    }

    private WorkItem beetmoverChecksums(String platformLocale, Artifact manifest) {
        return work(EmeFreeChecksumsHandler.KIND, new ChecksumsParams(REF,
                new RepackRef("eme-free", "mozilla-EME-free/mozilla-EME-free/de", "mozilla-EME-free",
                        "mozilla-EME-free", "de", 1), "beetmover-checksums/" + platformLocale), List.of(manifest));
    }

    private static WorkItem generate() {
        return work(ReleaseChecksumsHandler.KIND, new ChecksumsParams(REF, null, null), List.of());
    }

    private String text(String key) throws Exception {
        return new String(store.open(key).readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void beetmoverChecksumsPublishesTheManifestAsBeet() throws Exception {
        Artifact manifest = beetmove("win32-EME-free/de", Map.of("Firefox Setup 130.0.exe", "setup"));
        EmeFreeChecksumsHandler handler = new EmeFreeChecksumsHandler();

        List<Artifact> out = handler.handle(beetmoverChecksums("win32-EME-free/de", manifest), context);

        String beet = BUILD_DIR + "beetmover-checksums/win32-EME-free/de/firefox-130.0.checksums.beet";
        assertThat(out).extracting(Artifact::name).containsExactly("target.checksums");
        assertThat(out.get(0).storeKey()).isEqualTo(beet);
        assertThat(store.open(beet).readAllBytes()).isEqualTo(store.open(manifest.storeKey()).readAllBytes());
        assertThat(handler.handle(beetmoverChecksums("win32-EME-free/de", manifest), context)).isEqualTo(out);
    }

    @Test
    void beetmoverChecksumsRefusesOtherPathsAndConflicts() throws Exception {
        Artifact manifest = beetmove("win32-EME-free/de", Map.of("Firefox Setup 130.0.exe", "setup"));
        EmeFreeChecksumsHandler handler = new EmeFreeChecksumsHandler();
        assertThatThrownBy(() -> handler.handle(beetmoverChecksums("win32-EME-free/../x", manifest), context))
                .isInstanceOf(TaskFailureException.class).hasMessageContaining("Illegal partner path");
        assertThatThrownBy(() -> handler.handle(work(EmeFreeChecksumsHandler.KIND,
                new ChecksumsParams(REF, null, "win32-EME-free/de"), List.of(manifest)), context))
                .isInstanceOf(TaskFailureException.class).hasMessageContaining("beetmover-checksums/<platform>");

        store.put(BUILD_DIR + "beetmover-checksums/win32-EME-free/de/firefox-130.0.checksums.beet", new byte[] {1});
        assertThatThrownBy(() -> handler.handle(beetmoverChecksums("win32-EME-free/de", manifest), context))
                .isInstanceOf(TaskFailureException.class).hasMessageContaining("already published");
    }

    @Test
    void sumsFromTheIntermediateManifestsVerifyWithTheRealTools() throws Exception {
        beetmove("partner-repacks/acme/acme-1/v1/linux-x86_64/de", Map.of("firefox-130.0.tar.xz", "linux",
                "firefox-130.0.tar.xz.asc", "sig"));
        beetmove("win64-EME-free/fr", Map.of("Firefox Setup 130.0.exe", "win", "Firefox Setup 130.0.exe.asc", "sig"));
        beetmove("mac-EME-free/en-US", Map.of("Firefox 130.0.dmg", "mac"));

        List<Artifact> out = new ReleaseChecksumsHandler().handle(generate(), context);

        assertThat(out).extracting(Artifact::name)
                .containsExactly("SHA512SUMS", "SHA512SUMMARY", "SHA256SUMS", "SHA256SUMMARY");
        String sha256sums = text(out.get(2).storeKey());
        assertThat(out.get(2).storeKey()).isEqualTo("releng/checksums/firefox/130.0/build1/SHA256SUMS");
        assertThat(sha256sums.lines()).hasSize(3).noneMatch(l -> l.endsWith(".asc"))
                .extracting(l -> l.substring(l.indexOf("  ") + 2)).containsExactly(
                        "mac-EME-free/en-US/Firefox 130.0.dmg",
                        "partner-repacks/acme/acme-1/v1/linux-x86_64/de/firefox-130.0.tar.xz",
                        "win64-EME-free/fr/Firefox Setup 130.0.exe");
        Path buildDir = tmp.resolve("store").resolve(BUILD_DIR); // writing next to the published files, as beetmover will
        for (String name : List.of("SHA256", "SHA512")) {
            Artifact sums = out.stream().filter(a -> a.name().equals(name + "SUMS")).findFirst().orElseThrow();
            Files.write(buildDir.resolve(name + "SUMS"), store.open(sums.storeKey()).readAllBytes());
            String tool = name.toLowerCase() + "sum";
            if (SystemTools.has(tool)) {
                SystemTools.Run run = SystemTools.run(buildDir, tool, "-c", name + "SUMS");
                assertThat(run.exit()).as(run.output()).isZero();
            }
            verifySummary(name, text(out.stream().filter(a -> a.name().equals(name + "SUMMARY")).findFirst()
                    .orElseThrow().storeKey()), text(sums.storeKey()));
        }
        // deterministic: a rerun writes the same bytes (the store would refuse others)
        assertThat(new ReleaseChecksumsHandler().handle(generate(), context)).isEqualTo(out);
    }

    /** Every proof of a SUMMARY verifies against its TREE_HEAD, the leaf being the file's hex digest in SUMS. */
    static void verifySummary(String name, String summary, String sums) {
        Map<String, String> digestByPath = new TreeMap<>();
        sums.lines().forEach(l -> digestByPath.put(l.substring(l.indexOf("  ") + 2), l.substring(0, l.indexOf("  "))));
        List<String> lines = summary.lines().toList();
        assertThat(lines.get(0)).endsWith(" TREE_HEAD");
        byte[] head = HexFormat.of().parseHex(lines.get(0).substring(0, lines.get(0).indexOf(' ')));
        assertThat(lines).hasSize(digestByPath.size() + 1);
        List<String> paths = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String path = line.substring(line.indexOf(' ') + 1);
            paths.add(path);
            byte[] proof = HexFormat.of().parseHex(line.substring(0, line.indexOf(' ')));
            assertThat(InclusionProofVerifier.verify(name.equals("SHA256") ? "SHA-256" : "SHA-512",
                    digestByPath.get(path).getBytes(StandardCharsets.US_ASCII), proof, head)).as(path).isTrue();
        }
        assertThat(paths).containsExactlyElementsOf(digestByPath.keySet());
    }

    @Test
    void beetFilesWinOverTheIntermediateManifests() throws Exception {
        Artifact eme = beetmove("win32-EME-free/de", Map.of("Firefox Setup 130.0.exe", "setup"));
        beetmove("partner-repacks/acme/acme-1/v1/linux-x86_64/de", Map.of("firefox-130.0.tar.xz", "linux"));
        new EmeFreeChecksumsHandler().handle(beetmoverChecksums("win32-EME-free/de", eme), context);

        List<Artifact> out = new ReleaseChecksumsHandler().handle(generate(), context);

        assertThat(text(out.get(0).storeKey()).lines()).singleElement().asString()
                .endsWith("  win32-EME-free/de/Firefox Setup 130.0.exe");
    }

    @Test
    void conflictsBadLinesAndMissingDigestsFailTheTask() throws Exception {
        String a = INTERMEDIATE + "win32-EME-free/de/target.checksums";
        String b = INTERMEDIATE + "win32-EME-free/fr/target.checksums";
        String sha512 = "a".repeat(128);
        String sha256 = "b".repeat(64);
        store.put(a, (sha512 + " sha512 3 x/Firefox Setup 1.exe\n" + sha256 + " sha256 3 x/Firefox Setup 1.exe")
                .getBytes(StandardCharsets.UTF_8));
        store.put(b, (sha512 + " sha512 4 x/Firefox Setup 1.exe").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> new ReleaseChecksumsHandler().handle(generate(), context))
                .isInstanceOf(TaskFailureException.class).hasMessageContaining("conflicting size")
                .hasMessageContaining(a).hasMessageContaining(b);

        useStore("store2");
        store.put(b, (sha512 + " sha512 3 x/Firefox Setup 1.exe\nnot a line").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> new ReleaseChecksumsHandler().handle(generate(), context))
                .isInstanceOf(TaskFailureException.class).hasMessageContaining(b + " line 2");

        useStore("store3");
        store.put(a, (sha512 + " sha512 3 x/Firefox Setup 1.exe").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> new ReleaseChecksumsHandler().handle(generate(), context))
                .isInstanceOf(TaskFailureException.class).hasMessageContaining("missing sha256 for x/Firefox Setup 1.exe");
    }
}
