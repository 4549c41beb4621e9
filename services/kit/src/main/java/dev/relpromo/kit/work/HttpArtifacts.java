package dev.relpromo.kit.work;

import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.events.Artifact;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/**
 * Streams {@code http(s):} artifacts (the real pipeline's builds) with a plain GET. Redirects are followed only to
 * locations that are themselves allowed build sources; a server error or throttling is transient (retried), any
 * other status fails the task.
 */
final class HttpArtifacts {
    private static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(2);

    private HttpArtifacts() {
    }

    /** One client for the process: it is thread-safe and holds the connection pool. */
    private static final class Client {
        static final HttpClient INSTANCE = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    static InputStream get(Artifact artifact, URI allowed, BuildSources sources) throws IOException {
        URI uri = allowed;
        for (int hop = 0; ; hop++) {
            HttpResponse<InputStream> response;
            try {
                response = Client.INSTANCE.send(HttpRequest.newBuilder(uri).timeout(RESPONSE_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while fetching " + uri);
            }
            int status = response.statusCode();
            if (status == 200) {
                return response.body();
            }
            response.body().close();
            if (REDIRECTS.contains(status) && hop < MAX_REDIRECTS) {
                String location = response.headers().firstValue("Location").orElseThrow(() -> new TaskFailureException(
                        "artifact " + artifact.name() + ": " + response.uri() + " answered HTTP " + status
                                + " without a Location"));
                URI next = response.uri().resolve(location);
                uri = sources.allowedUrl(artifact, next, next + " (a redirect from " + response.uri() + ")");
            } else if (status >= 500 || status == 429 || status == 408) {
                throw new IOException("artifact " + artifact.name() + ": GET " + uri + " answered HTTP " + status);
            } else {
                throw new TaskFailureException("artifact " + artifact.name() + ": GET " + uri + " answered HTTP "
                        + status + (REDIRECTS.contains(status) ? " after " + MAX_REDIRECTS + " redirects" : ""));
            }
        }
    }
}
