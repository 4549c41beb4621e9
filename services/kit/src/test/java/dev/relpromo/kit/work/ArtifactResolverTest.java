package dev.relpromo.kit.work;

import dev.relpromo.kit.failure.TaskFailureException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.relpromo.events.Artifact;
import dev.relpromo.kit.store.Digests;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactResolverTest {
    private static final byte[] BUILD = "pretend this is target.tar.xz".getBytes(StandardCharsets.UTF_8);
    private static final String HINT = "allow it with --build-source DIR|URL";

    @TempDir
    Path tmp;
    private Path builds;
    private Path outside;
    private FileSystemArtifactStore store;
    private HttpServer http;

    @BeforeEach
    void setUp() throws IOException {
        builds = Files.createDirectories(tmp.resolve("builds"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        store = new FileSystemArtifactStore(tmp.resolve("store"));
        Files.write(builds.resolve("target.tar.xz"), BUILD);
        Files.write(outside.resolve("secret"), BUILD);
    }

    @AfterEach
    void stopHttp() {
        if (http != null) {
            http.stop(0);
        }
    }

    private ArtifactResolver resolver(List<String> sources) {
        return new ArtifactResolver(store, BuildSources.parse(sources, HINT));
    }

    private static Artifact artifact(String uri, byte[] content) throws IOException {
        Digests.Hashed h = Digests.hash(new ByteArrayInputStream(content));
        return new Artifact("target.tar.xz", uri, h.sha512(), h.size());
    }

    private static String allowed(Path root) {
        return "; work items may reference only the artifact store (store:) and the build sources: directories ["
                + root + "], URL prefixes [] (" + HINT + ")";
    }

    @Test
    void readsAFileBelowABuildSourceAndAStoreKey() throws IOException {
        ArtifactResolver resolver = resolver(List.of(builds.toString()));
        try (InputStream in = resolver.open(artifact(builds.resolve("target.tar.xz").toUri().toString(), BUILD))) {
            assertThat(in.readAllBytes()).isEqualTo(BUILD);
        }
        Artifact stored = store.put("releng/x/target.tar.xz", BUILD).asArtifact("target.tar.xz");
        Path fetched = resolver.fetch(stored, tmp.resolve("work/input/target.tar.xz"));
        assertThat(fetched).hasBinaryContent(BUILD);
    }

    @Test
    void refusesFilesOutsideTheBuildSourcesBeforeReadingThem() throws IOException {
        ArtifactResolver resolver = resolver(List.of(builds.toString()));
        String outsideUri = outside.resolve("secret").toUri().toString();
        assertThatThrownBy(() -> resolver.open(artifact(outsideUri, BUILD)))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("refusing to read artifact target.tar.xz: " + outsideUri + " is outside the build sources"
                        + allowed(builds));

        // '..' is resolved before the check
        String dotDot = "file://" + builds + "/../outside/secret";
        assertThatThrownBy(() -> resolver.open(artifact(dotDot, BUILD)))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("refusing to read artifact target.tar.xz: " + dotDot + " is outside the build sources"
                        + allowed(builds));

        // a symlink inside the root that points outside it
        Path link = Files.createSymbolicLink(builds.resolve("escape.tar.xz"), outside.resolve("secret"));
        String linkUri = link.toUri().toString();
        assertThatThrownBy(() -> resolver.open(artifact(linkUri, BUILD)))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("refusing to read artifact target.tar.xz: " + linkUri + " resolves (through a symbolic link) to "
                        + outside.toRealPath().resolve("secret") + ", outside the build sources" + allowed(builds));

        // and with no build sources at all, only the store
        assertThatThrownBy(() -> new ArtifactResolver(store).open(artifact(builds.resolve("target.tar.xz").toUri().toString(), BUILD)))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContaining("is outside the build sources; work items may reference only the artifact store"
                        + " (store:) and the build sources: none (only the artifact store) (configure it as a build source)");
    }

    @Test
    void refusesArtifactsWithoutDigestOrSizeAndUnsupportedSchemes() throws IOException {
        ArtifactResolver resolver = resolver(List.of(builds.toString()));
        String uri = builds.resolve("target.tar.xz").toUri().toString();
        assertThatThrownBy(() -> resolver.open(new Artifact("target.tar.xz", uri, null, BUILD.length)))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("refusing to read artifact target.tar.xz (" + uri + "): it has no valid sha512 and size"
                        + " (sha512 null, size " + BUILD.length + "), so its content could not be verified");
        Artifact good = artifact(uri, BUILD);
        assertThatThrownBy(() -> resolver.open(new Artifact(good.name(), uri, good.sha512(), -1)))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContaining("it has no valid sha512 and size");
        assertThatThrownBy(() -> resolver.requireReadable(Artifact.stored("KEY", "releng/signing/KEY", null, 3)))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContaining("refusing to read artifact KEY (store:releng/signing/KEY): it has no valid sha512");

        for (String other : List.of("ftp://example.com/target.tar.xz", "jar:file:/x.jar!/a", "s3://bucket/key")) {
            assertThatThrownBy(() -> resolver.open(artifact(other, BUILD))).as(other)
                    .isInstanceOf(TaskFailureException.class)
                    .hasMessage("refusing to read artifact target.tar.xz: " + other + " uses an unsupported scheme"
                            + allowed(builds));
        }
        assertThatThrownBy(() -> resolver.open(artifact("store:../escape", BUILD)))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContaining("refusing to read artifact target.tar.xz: artifact-store key '../escape'");
    }

    @Test
    void verifiedReadsFailOnAWrongSizeOrDigest() throws IOException {
        ArtifactResolver resolver = resolver(List.of(builds.toString()));
        String uri = builds.resolve("target.tar.xz").toUri().toString();
        Artifact good = artifact(uri, BUILD);
        String actual = good.sha512();

        Artifact shorter = new Artifact(good.name(), uri, good.sha512(), BUILD.length - 1);
        try (InputStream in = resolver.open(shorter)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(TaskFailureException.class)
                    .hasMessage("artifact target.tar.xz (" + uri + ") does not match what was published: read more than"
                            + " the " + (BUILD.length - 1) + " bytes its producer published");
        }
        Artifact longer = new Artifact(good.name(), uri, good.sha512(), BUILD.length + 1);
        try (InputStream in = resolver.open(longer)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(TaskFailureException.class)
                    .hasMessage("artifact target.tar.xz (" + uri + ") does not match what was published: read "
                            + BUILD.length + " bytes with sha512 " + actual + ", but its producer published "
                            + (BUILD.length + 1) + " bytes with sha512 " + actual);
        }
        Artifact otherDigest = new Artifact(good.name(), uri, "0".repeat(128), BUILD.length);
        try (InputStream in = resolver.open(otherDigest)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(TaskFailureException.class)
                    .hasMessage("artifact target.tar.xz (" + uri + ") does not match what was published: read "
                            + BUILD.length + " bytes with sha512 " + actual + ", but its producer published "
                            + BUILD.length + " bytes with sha512 " + "0".repeat(128));
        }
        Path target = tmp.resolve("work/input/target.tar.xz");
        assertThatThrownBy(() -> resolver.fetch(otherDigest, target)).isInstanceOf(TaskFailureException.class);
        assertThat(target.getParent()).isEmptyDirectory();
    }

    @Test
    void verifyRemainderChecksWhatAConsumerLeftUnread() throws IOException {
        Artifact claimed = new Artifact("KEY", "store:k/KEY", "0".repeat(128), 3);
        store.put("k/KEY", "abc".getBytes(StandardCharsets.US_ASCII));
        try (VerifiedInputStream in = new ArtifactResolver(store).open(claimed)) {
            assertThat(in.read()).isEqualTo('a');
            assertThatThrownBy(in::verifyRemainder).isInstanceOf(TaskFailureException.class)
                    .hasMessageContaining("read 3 bytes with sha512 ");
        }
    }

    @Test
    void readsHttpUrlsBelowAnAllowedPrefixOnly() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/builds/target.tar.xz")) {
                exchange.sendResponseHeaders(200, BUILD.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(BUILD);
                }
            } else if (path.startsWith("/builds/redirect-")) {
                exchange.getResponseHeaders().add("Location", path.substring("/builds/redirect-".length()));
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        http.start();
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        ArtifactResolver resolver = resolver(List.of(base + "/builds"));
        String allowedUrls = "; work items may reference only the artifact store (store:) and the build sources:"
                + " directories [], URL prefixes [" + base + "/builds/] (" + HINT + ")";

        try (InputStream in = resolver.open(artifact(base + "/builds/target.tar.xz", BUILD))) {
            assertThat(in.readAllBytes()).isEqualTo(BUILD);
        }
        // a redirect stays within the build sources
        try (InputStream in = resolver.open(artifact(base + "/builds/redirect-/builds/target.tar.xz", BUILD))) {
            assertThat(in.readAllBytes()).isEqualTo(BUILD);
        }
        for (String refused : List.of(base + "/other/target.tar.xz", base + "/builds2/target.tar.xz",
                "http://localhost:" + http.getAddress().getPort() + "/builds/target.tar.xz",
                "https://127.0.0.1:" + http.getAddress().getPort() + "/builds/target.tar.xz")) {
            assertThatThrownBy(() -> resolver.open(artifact(refused, BUILD))).as(refused)
                    .isInstanceOf(TaskFailureException.class)
                    .hasMessage("refusing to read artifact target.tar.xz: " + refused + " is outside the build sources"
                            + allowedUrls);
        }
        assertThatThrownBy(() -> resolver.open(artifact(base + "/builds/%2e%2e/other/x", BUILD)))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContaining("is not a plain http(s) URL");
        assertThatThrownBy(() -> resolver.open(artifact(base + "/builds/redirect-/other/x", BUILD)))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("refusing to read artifact target.tar.xz: " + base + "/other/x (a redirect from " + base
                        + "/builds/redirect-/other/x) is outside the build sources" + allowedUrls);
        assertThatThrownBy(() -> resolver.open(artifact(base + "/builds/missing", BUILD)))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("artifact target.tar.xz: GET " + base + "/builds/missing answered HTTP 404");
    }

    @Test
    void parsesBuildSourcesAndRefusesBadOnes() {
        BuildSources sources = BuildSources.parse(List.of(builds + ",https://Archive.Example.org/pub", "http://h:8080/"), null);
        assertThat(sources.directories()).containsExactly(builds);
        assertThat(sources.urlPrefixes()).extracting(Object::toString)
                .containsExactly("https://archive.example.org/pub/", "http://h:8080/");
        assertThatThrownBy(() -> BuildSources.parse(List.of(tmp.resolve("nope").toString()), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("build source '" + tmp.resolve("nope") + "' is neither an existing directory nor an http(s) URL prefix");
        assertThatThrownBy(() -> BuildSources.parse(List.of("https://user@h/x"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be http(s)://host[:port]/path without user info");
    }
}
