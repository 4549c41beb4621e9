package dev.relpromo.beetmover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Phase;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.kinds.BeetmoverScopes;
import dev.relpromo.events.params.BeetmoverParams;
import dev.relpromo.events.params.PushPartner;
import dev.relpromo.events.params.ReleaseRef;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import dev.relpromo.kit.work.ArtifactResolver;
import dev.relpromo.kit.work.TaskContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushToReleasesHandlerTest {
    private static final String RELEASE = "Firefox-130.0-build1";
    private static final String B = "pub/firefox/candidates/130.0-candidates/build1/";
    private static final String R = "pub/firefox/releases/130.0/";
    private static final String RP = "pub/firefox/releases/partners/";

    @TempDir
    Path tmp;
    private FileSystemArtifactStore store;
    private TaskContext context;
    private final PushToReleasesHandler handler = new PushToReleasesHandler();

    @BeforeEach
    void setUp() throws Exception {
        store = new FileSystemArtifactStore(tmp.resolve("store"));
        context = new TaskContext(store, Files.createDirectories(tmp.resolve("work")), new ArtifactResolver(store));
        put(B + "KEY", "key");
        put(B + "SHA512SUMS", "sums");
        put(B + "linux-x86_64/de/firefox-130.0.tar.xz", "build");
        put(B + "linux-x86_64/en-US/firefox-130.0.checksums", "excluded");
        put(B + "win64-EME-free/de/Firefox Setup 130.0.exe", "eme-free");
        put(B + "beetmover-checksums/win64-EME-free/de/firefox-130.0.checksums.beet", "excluded");
        put(B + "partner-repacks/acme/acme-1/v1/linux-x86_64/de/firefox-130.0.tar.xz", "acme v1");
        put(B + "partner-repacks/bravo/bravo-1/v1/linux-x86_64/de/firefox-130.0.tar.xz", "bravo v1");
        put(B + "partner-repacks/bravo/bravo-1/v2/linux-x86_64/de/firefox-130.0.tar.xz", "bravo v2");
        put(B + "partner-repacks/bravo/bravo-1/v2/linux-x86_64/de/firefox-130.0.tar.xz.asc", "bravo v2 sig");
        put(B + "partner-repacks/charlie/charlie-1/v1/linux-x86_64/de/firefox-130.0.tar.xz", "not published");
    }

    @Test
    void copiesTheBuildDirWithTheExclusionsAndEachPartnerFromItsVn() throws Exception {
        List<Artifact> out = handler.handle(push(new PushPartner("acme", "acme-1", 1),
                new PushPartner("bravo", "bravo-1", 2)), context);

        assertThat(store.list("pub/firefox/releases")).containsExactly(
                R + "KEY", R + "SHA512SUMS", R + "linux-x86_64/de/firefox-130.0.tar.xz",
                R + "win64-EME-free/de/Firefox Setup 130.0.exe",
                RP + "acme/acme-1/130.0/linux-x86_64/de/firefox-130.0.tar.xz",
                RP + "bravo/bravo-1/130.0/linux-x86_64/de/firefox-130.0.tar.xz",
                RP + "bravo/bravo-1/130.0/linux-x86_64/de/firefox-130.0.tar.xz.asc");
        assertThat(read(RP + "bravo/bravo-1/130.0/linux-x86_64/de/firefox-130.0.tar.xz")).isEqualTo("bravo v2");
        assertThat(read(RP + "acme/acme-1/130.0/linux-x86_64/de/firefox-130.0.tar.xz")).isEqualTo("acme v1");

        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("push.json");
            assertThat(a.uri()).endsWith("releng/push/firefox/130.0/build1/push.json");
        });
        String manifest = read("releng/push/firefox/130.0/build1/push.json");
        assertThat(manifest).contains("\"partner_build_number\" : 2", R + "KEY",
                RP + "bravo/bravo-1/130.0/linux-x86_64/de/firefox-130.0.tar.xz.asc");
    }

    @Test
    void aSecondPushIsANoOp() throws Exception {
        List<Artifact> first = handler.handle(push(new PushPartner("bravo", "bravo-1", 2)), context);
        List<String> keys = store.list("pub/firefox/releases");

        List<Artifact> second = handler.handle(push(new PushPartner("bravo", "bravo-1", 2)), context);

        assertThat(store.list("pub/firefox/releases")).isEqualTo(keys);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aConflictFailsBeforeAnyCopyListingEveryConflictingKey() throws Exception {
        put(R + "linux-x86_64/de/firefox-130.0.tar.xz", "other bytes");
        put(RP + "bravo/bravo-1/130.0/linux-x86_64/de/firefox-130.0.tar.xz", "bravo v1");

        assertThatThrownBy(() -> handler.handle(push(new PushPartner("bravo", "bravo-1", 2)), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContainingAll("nothing pushed", "2 file(s)", R + "linux-x86_64/de/firefox-130.0.tar.xz",
                        RP + "bravo/bravo-1/130.0/linux-x86_64/de/firefox-130.0.tar.xz", "never overwritten");
        assertThat(store.list("pub/firefox/releases")).containsExactly(R + "linux-x86_64/de/firefox-130.0.tar.xz",
                RP + "bravo/bravo-1/130.0/linux-x86_64/de/firefox-130.0.tar.xz");
        assertThat(store.list("releng/push")).isEmpty();
    }

    @Test
    void aListedPartnerWithNothingUnderItsVnFailsNamingIt() throws Exception {
        assertThatThrownBy(() -> handler.handle(push(new PushPartner("acme", "acme-1", 2)), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContainingAll("acme/acme-1", "v2", B + "partner-repacks/acme/acme-1/v2/");
        assertThat(store.list("pub/firefox/releases")).isEmpty();
    }

    @Test
    void anEmptyCandidatesDirFails() throws Exception {
        FileSystemArtifactStore empty = new FileSystemArtifactStore(tmp.resolve("empty"));
        TaskContext emptyContext = new TaskContext(empty, tmp.resolve("work"), new ArtifactResolver(empty));
        assertThatThrownBy(() -> handler.handle(push(), emptyContext))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContainingAll("nothing to push", B.substring(0, B.length() - 1));
    }

    private WorkItem push(PushPartner... partners) {
        String kind = PushToReleasesHandler.KIND;
        BeetmoverParams params = BeetmoverParams.push(new ReleaseRef("firefox", "130.0", 1),
                BeetmoverScopes.forKind(kind, "release"), List.of(partners));
        TaskDefined task = new TaskDefined(RELEASE, Phase.PUSH, TaskIds.of(RELEASE, kind), kind, kind,
                Service.BEETMOVER, null, List.of(), params);
        return new WorkItem(task, 1, List.of());
    }

    private void put(String key, String content) throws Exception {
        store.put(key, content.getBytes(StandardCharsets.UTF_8));
    }

    private String read(String key) throws Exception {
        try (var in = store.open(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
