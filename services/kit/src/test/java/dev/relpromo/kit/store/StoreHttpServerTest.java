package dev.relpromo.kit.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's HTTP "CDN" with real requests. */
class StoreHttpServerTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private FileSystemArtifactStore store;
    private StoreHttpServer server;
    private StoredObject object;

    @BeforeEach
    void start() throws IOException {
        store = new FileSystemArtifactStore(dir.resolve("store"));
        object = store.put("pub/firefox/a b+c.txt", "0123456789".getBytes(StandardCharsets.UTF_8));
        server = new StoreHttpServer(store, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + path));
        if (range != null) {
            b.header("Range", range);
        }
        return CLIENT.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesWholeObjectsWithLengthAndTheSha256AsETag() throws Exception {
        HttpResponse<String> r = get("pub/firefox/a%20b+c.txt", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("0123456789");
        assertThat(r.headers().firstValue("Content-Length")).contains("10");
        assertThat(r.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(r.headers().firstValue("ETag")).contains("\"" + object.sha256() + "\"");

        HttpResponse<String> head = CLIENT.send(HttpRequest.newBuilder(URI.create(server.uri() + "pub/firefox/a%20b+c.txt"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).contains("10");
    }

    @Test
    void servesRanges() throws Exception {
        String key = "pub/firefox/a%20b+c.txt";
        assertRange(get(key, "bytes=2-4"), "234", "bytes 2-4/10");
        assertRange(get(key, "bytes=7-"), "789", "bytes 7-9/10");
        assertRange(get(key, "bytes=-3"), "789", "bytes 7-9/10");
        assertRange(get(key, "bytes=8-100"), "89", "bytes 8-9/10");
        assertRange(get(key, "bytes=-100"), "0123456789", "bytes 0-9/10");
        for (String unsatisfiable : new String[] {"bytes=10-", "bytes=10-20", "bytes=-0"}) {
            HttpResponse<String> r = get(key, unsatisfiable);
            assertThat(r.statusCode()).as(unsatisfiable).isEqualTo(416);
            assertThat(r.headers().firstValue("Content-Range")).contains("bytes */10");
        }
        // what is not one well-formed byte range is ignored: the whole object
        for (String ignored : new String[] {"bytes=5-2", "items=1-2", "bytes=1-2,4-5"}) {
            HttpResponse<String> r = get(key, ignored);
            assertThat(r.statusCode()).as(ignored).isEqualTo(200);
            assertThat(r.body()).isEqualTo("0123456789");
        }
    }

    private static void assertRange(HttpResponse<String> r, String body, String contentRange) {
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEqualTo(body);
        assertThat(r.headers().firstValue("Content-Range")).contains(contentRange);
        assertThat(r.headers().firstValue("Content-Length")).contains(Integer.toString(body.length()));
    }

    @Test
    void servesNothingButStoreKeys() throws Exception {
        Files.writeString(dir.resolve("outside.txt"), "secret");
        Files.writeString(dir.resolve("store/pub/.tmp-local.1"), "partial");
        Files.createSymbolicLink(dir.resolve("store/pub/link.txt"), dir.resolve("outside.txt"));
        for (String path : new String[] {"pub/nope.txt", "pub/firefox/.a%20b+c.txt.digests", "pub/.tmp-local.1",
                "pub/firefox", "", "../outside.txt", "pub/%2E%2E/%2E%2E/outside.txt", "pub/link.txt"}) {
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(404);
        }
        HttpResponse<String> post = CLIENT.send(HttpRequest.newBuilder(URI.create(server.uri() + "pub/firefox/a%20b+c.txt"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }
}
