package dev.relpromo.signing.autograph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.failure.TransientTaskException;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls an Autograph server (reference §5.3): {@code POST <base>/sign/data} and {@code POST <base>/sign/hash}, each
 * with a JSON array of one request {@code {"input": base64, "keyid": ..., "options": {...}}}, authenticated with a
 * Hawk header whose payload hash covers the body. The answer is {@code 201 Created} with an array in request order.
 *
 * <p>The request body is spooled to a temporary file while its Hawk hash is computed, then streamed from it, as
 * signingscript does: a 100 MB installer is base64-encoded on disk, never in memory.
 *
 * <p>Failures: a refused request (4xx, including 401 for wrong credentials) is a {@link TaskFailureException}, a
 * server error, 429 or a network failure a {@link TransientTaskException} (the worker retries those with backoff,
 * so this client does not retry by itself). Messages name the URL, the Hawk id and the status, never the key.
 */
public final class AutographClient {
    private static final Logger LOG = LoggerFactory.getLogger(AutographClient.class);
    public static final String CONTENT_TYPE = "application/json";
    private static final int ERROR_EXCERPT = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final HawkCredentials credentials;
    private final Duration timeout;
    private final HttpClient http;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param baseUrl the server, e.g. {@code https://autograph.example/} (endpoints are resolved below it)
     * @param timeout for connecting and for each whole request
     */
    public AutographClient(URI baseUrl, HawkCredentials credentials, Duration timeout) {
        this(baseUrl, credentials, timeout,
                HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build(),
                Clock.systemUTC());
    }

    AutographClient(URI baseUrl, HawkCredentials credentials, Duration timeout, HttpClient http, Clock clock) {
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.timeout = timeout;
        this.http = http;
        this.clock = clock;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * {@code /sign/data}: signs everything read from {@code data} and returns the response's {@code signature} as
     * is (for a {@code gpg2} signer, an armored detached OpenPGP signature).
     *
     * @param keyId the signer on the server; {@code null} for the Hawk id's default signer
     * @param options signer options; empty for none
     */
    public String signData(InputStream data, String keyId, Map<String, String> options) throws IOException {
        return call("sign/data", data, keyId, options, "signature");
    }

    /**
     * {@code /sign/hash}: has a digest signed and returns the raw signature bytes (the response's base64
     * {@code signature}, decoded). For an RSA signer that is PKCS#1 v1.5 over the DigestInfo of {@code digest}.
     */
    public byte[] signHash(byte[] digest, String keyId) throws IOException {
        String signature = call("sign/hash", new ByteArrayInputStream(digest), keyId, Map.of(), "signature");
        try {
            return Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new TaskFailureException("Autograph " + baseUrl.resolve("sign/hash")
                    + " returned a signature that is not base64", e);
        }
    }

    private String call(String endpoint, InputStream input, String keyId, Map<String, String> options, String field)
            throws IOException {
        URI url = baseUrl.resolve(endpoint);
        Path body = Files.createTempFile("relpromo-autograph-", ".json");
        try {
            String payloadHash = spoolRequest(body, input, keyId, options);
            String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(9));
            long ts = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .header("Content-Type", CONTENT_TYPE)
                    .header("Accept", CONTENT_TYPE)
                    .header("Authorization", Hawk.header(credentials, "POST", url, ts, nonce, payloadHash))
                    .POST(HttpRequest.BodyPublishers.ofFile(body))
                    .build();
            long started = System.nanoTime();
            HttpResponse<byte[]> response = send(request, url);
            LOG.debug("Autograph POST {} as '{}' (key id {}): HTTP {} in {} ms", url, credentials.id(), keyId,
                    response.statusCode(), (System.nanoTime() - started) / 1_000_000);
            requireSuccess(url, response);
            return field(url, response.body(), field);
        } finally {
            Files.deleteIfExists(body);
        }
    }

    /** Writes the JSON request to {@code body} and returns the Hawk payload hash of exactly those bytes. */
    private String spoolRequest(Path body, InputStream input, String keyId, Map<String, String> options)
            throws IOException {
        MessageDigest hawk = Hawk.startPayload(CONTENT_TYPE);
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(body)), hawk)) {
            out.write("[{\"input\":\"".getBytes(StandardCharsets.US_ASCII));
            try (OutputStream base64 = Base64.getEncoder().wrap(new KeepOpen(out))) {
                input.transferTo(base64);
            }
            out.write('"');
            if (keyId != null) {
                out.write((",\"keyid\":" + JSON.writeValueAsString(keyId)).getBytes(StandardCharsets.UTF_8));
            }
            if (!options.isEmpty()) {
                out.write((",\"options\":" + JSON.writeValueAsString(options)).getBytes(StandardCharsets.UTF_8));
            }
            out.write("}]".getBytes(StandardCharsets.US_ASCII));
        }
        return Hawk.finishPayload(hawk);
    }

    private HttpResponse<byte[]> send(HttpRequest request, URI url) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while calling Autograph " + url);
        } catch (IOException e) {
            throw new TransientTaskException("Autograph POST " + url + " failed: " + e, e);
        }
    }

    private void requireSuccess(URI url, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String message = "Autograph POST " + url + " as '" + credentials.id() + "' answered HTTP " + status
                + describe(status) + ": " + excerpt(response.body());
        if (status >= 500 || status == 429) {
            throw new TransientTaskException(message, null);
        }
        throw new TaskFailureException(message);
    }

    private static String describe(int status) {
        return switch (status) {
            case 401 -> " (Unauthorized: the Hawk id or key is wrong, or the clock is off)";
            case 403 -> " (Forbidden: this Hawk id may not use that key id)";
            default -> "";
        };
    }

    private String field(URI url, byte[] body, String field) {
        JsonNode first;
        try {
            JsonNode answers = JSON.readTree(body);
            first = answers != null && answers.isArray() && answers.size() == 1 ? answers.get(0) : null;
        } catch (IOException e) {
            throw new TaskFailureException("Autograph " + url + " answered with invalid JSON: " + excerpt(body), e);
        }
        JsonNode value = first == null ? null : first.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new TaskFailureException("Autograph " + url + " answered without a '" + field + "' in a one-element"
                    + " array: " + excerpt(body));
        }
        return value.asText();
    }

    /** The start of an error body, printable only; the server's words, which never contain our key. */
    private String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, ERROR_EXCERPT), StandardCharsets.UTF_8)
                .replaceAll("[^\\x20-\\x7E]", " ").trim();
        String key = new String(credentials.key(), StandardCharsets.UTF_8);
        text = text.replace(key, "<redacted>"); // defensive: should a server ever echo it
        return text.isEmpty() ? "(empty body)" : text + (body.length > ERROR_EXCERPT ? "..." : "");
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Lets the base64 encoder write its final padding on close without closing the body file. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    @Override
    public String toString() {
        return "AutographClient[" + baseUrl + ", " + credentials + "]";
    }
}
