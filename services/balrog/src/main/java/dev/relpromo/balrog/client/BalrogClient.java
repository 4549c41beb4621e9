package dev.relpromo.balrog.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Balrog admin API as balrogscript uses it: releases (v2), rules, scheduled rule changes and their signoffs.
 * 5xx answers and connection errors are retried with backoff, 4xx are not; a stale {@code data_version} is a
 * {@link DataVersionConflictException}, which {@link #updateRelease} answers by re-reading and merging again.
 */
public final class BalrogClient {
    private static final Logger LOG = LoggerFactory.getLogger(BalrogClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Pauses between attempts; tests pass one that records instead of sleeping. */
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /**
     * A release as read: its product, blob and Balrog's {@code data_versions} ({@code "."} for the base, one per
     * {@code platforms.<target>.locales.<locale>}), which the next write sends back as {@code old_data_versions}.
     */
    public record ReleaseState(String name, String product, ObjectNode blob, ObjectNode dataVersions) {
        /** The base's data version. */
        public int dataVersion() {
            return dataVersions.path(".").asInt();
        }
    }

    private final URI base;
    private final Supplier<Optional<String>> bearerToken;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final HttpClient http;
    private final int conflictRetries;

    /**
     * @param bearerToken supplies the token per request (a refreshing OAuth provider, or a fixed one); empty sends
     *                    no Authorization header
     */
    public BalrogClient(URI base, Supplier<Optional<String>> bearerToken, RetryPolicy retry, Sleeper sleeper) {
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        this.bearerToken = bearerToken;
        this.retry = retry;
        this.sleeper = sleeper;
        this.conflictRetries = 5;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public static BalrogClient withToken(URI base, String token, RetryPolicy retry) {
        return new BalrogClient(base, () -> Optional.of(token), retry, Thread::sleep);
    }

    // ---- releases

    public Optional<ReleaseState> release(String name) {
        return get("v2/releases/" + encode(name)).map(body -> new ReleaseState(name, body.path("product").asText(),
                (ObjectNode) body.get("blob"), (ObjectNode) body.get("data_versions")));
    }

    /**
     * Sets a release to {@code blob} (v2 {@code PUT}); {@code oldDataVersions} is what {@link #release} returned, or
     * null for a new release. Returns the data versions after the write.
     */
    public ObjectNode putRelease(String name, String product, JsonNode blob, JsonNode oldDataVersions) {
        ObjectNode body = JSON.createObjectNode().put("product", product);
        body.set("blob", blob);
        if (oldDataVersions != null) {
            body.set("old_data_versions", oldDataVersions);
        }
        return (ObjectNode) send("PUT", "v2/releases/" + encode(name), body);
    }

    /**
     * Deep-merges {@code blobPart} into an existing release server-side (v2 {@code POST}, what submit-locale sends);
     * only the parts it changes need their version in {@code oldDataVersions}.
     */
    public ObjectNode postRelease(String name, JsonNode blobPart, JsonNode oldDataVersions) {
        ObjectNode body = JSON.createObjectNode();
        body.set("blob", blobPart);
        body.set("old_data_versions", oldDataVersions == null ? JSON.createObjectNode() : oldDataVersions);
        return (ObjectNode) send("POST", "v2/releases/" + encode(name), body);
    }

    /**
     * Reads the release (an empty blob if there is none), applies {@code change} and writes it with the versions it
     * read; when another writer changed a part first (409), reads again and reapplies, as balrogscript's
     * get-merge-put does. Returns the data versions after the write.
     */
    public ObjectNode updateRelease(String name, String product, UnaryOperator<ObjectNode> change) {
        for (int attempt = 1; ; attempt++) {
            Optional<ReleaseState> current = release(name);
            ObjectNode blob = current.map(r -> r.blob().deepCopy()).orElseGet(JSON::createObjectNode);
            try {
                return putRelease(name, product, change.apply(blob), current.map(ReleaseState::dataVersions).orElse(null));
            } catch (DataVersionConflictException e) {
                if (attempt >= conflictRetries) {
                    throw e;
                }
                LOG.info("release {} changed under us ({}); re-reading", name, e.getMessage());
            }
        }
    }

    /** {@link #updateRelease} with a deep merge of {@code blobPart}. */
    public ObjectNode mergeRelease(String name, String product, JsonNode blobPart) {
        return updateRelease(name, product, blob -> {
            deepMerge(blob, blobPart);
            return blob;
        });
    }

    /** Pins installs of {@code version} (e.g. {@code 130.}) on a product/channel to this release (submit-toplevel). */
    public void setPinnable(String name, String product, String channel, String version) {
        send("PUT", "v2/releases/" + encode(name) + "/pinnable",
                JSON.createObjectNode().put("product", product).put("channel", channel).put("version", version));
    }

    public static void deepMerge(ObjectNode target, JsonNode part) {
        part.properties().forEach(f -> {
            JsonNode existing = target.get(f.getKey());
            if (existing instanceof ObjectNode existingObject && f.getValue().isObject()) {
                deepMerge(existingObject, f.getValue());
            } else {
                target.set(f.getKey(), f.getValue().deepCopy());
            }
        });
    }

    // ---- rules

    public List<ObjectNode> rules() {
        List<ObjectNode> rules = new ArrayList<>();
        get("rules").orElseThrow().path("rules").forEach(r -> rules.add((ObjectNode) r));
        return rules;
    }

    public Optional<ObjectNode> rule(String idOrAlias) {
        return get("rules/" + encode(idOrAlias)).map(r -> (ObjectNode) r);
    }

    public long createRule(JsonNode rule) {
        return send("POST", "rules", rule).path("rule_id").asLong();
    }

    /** Changes the named fields of a rule (legacy {@code POST /rules/<id>}); returns the new data version. */
    public int updateRule(String idOrAlias, JsonNode fields, int dataVersion) {
        ObjectNode body = fields.deepCopy();
        body.put("data_version", dataVersion);
        return send("POST", "rules/" + encode(idOrAlias), body).path("new_data_version").asInt();
    }

    // ---- scheduled rule changes

    /** {@code change} carries change_type, when (ms epoch), rule_id and data_version for updates, and the rule fields. */
    public ObjectNode scheduleRuleChange(JsonNode change) {
        return (ObjectNode) send("POST", "scheduled_changes/rules", change);
    }

    public List<ObjectNode> scheduledRuleChanges() {
        List<ObjectNode> changes = new ArrayList<>();
        get("scheduled_changes/rules").orElseThrow().path("scheduled_changes").forEach(c -> changes.add((ObjectNode) c));
        return changes;
    }

    public ObjectNode signOff(long scId, String role) {
        return (ObjectNode) send("POST", "scheduled_changes/rules/" + scId + "/signoffs", JSON.createObjectNode().put("role", role));
    }

    public void revokeSignoff(long scId, String username) {
        send("DELETE", "scheduled_changes/rules/" + scId + "/signoffs?username=" + encode(username), null);
    }

    // ---- plumbing

    private Optional<JsonNode> get(String path) {
        try {
            return Optional.of(send("GET", path, null));
        } catch (BalrogClientException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private JsonNode send(String method, String path, JsonNode body) {
        URI uri = base.resolve(path);
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json");
            bearerToken.get().ifPresent(token -> request.header("Authorization", "Bearer " + token));
            if (body != null) {
                request.header("Content-Type", "application/json");
                request.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            String failure;
            BalrogClientException last;
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                String text = new String(response.body(), StandardCharsets.UTF_8);
                if (status / 100 == 2) {
                    return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
                }
                String message = method + " " + uri.getPath() + " answered " + status + ": " + text;
                if (status == 409) {
                    throw new DataVersionConflictException(message);
                }
                if (status < 500) {
                    throw new BalrogClientException(status, message, null);
                }
                failure = message;
                last = new BalrogClientException(status, message, null);
            } catch (IOException e) {
                failure = method + " " + uri.getPath() + " failed: " + e;
                last = new BalrogClientException(-1, failure, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BalrogClientException(-1, method + " " + uri.getPath() + " interrupted", e);
            }
            if (attempt >= retry.attempts()) {
                throw new BalrogClientException(last.status(), failure + " (after " + attempt + " attempts)", last.getCause());
            }
            long backoff = retry.backoff(attempt);
            LOG.warn("{}; retrying in {} ms ({} of {})", failure, backoff, attempt, retry.attempts());
            try {
                sleeper.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BalrogClientException(-1, failure + " (interrupted while backing off)", e);
            }
        }
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
