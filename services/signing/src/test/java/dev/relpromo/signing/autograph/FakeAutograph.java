package dev.relpromo.signing.autograph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.relpromo.signing.GpgSigner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/**
 * An Autograph stand-in on 127.0.0.1 that checks what a real one checks: the Hawk header (payload hash recomputed
 * over the received body, MAC recomputed with the shared key, timestamp skew) with 401 on any mismatch, and the
 * request shape (a one-element JSON array, base64 {@code input}, the expected {@code keyid}) with 400. It signs
 * {@code /sign/data} with an OpenPGP key and {@code /sign/hash} with an RSA key, like gpg2 and authenticode signers.
 * The Hawk checks are written here from the spec, independently of the client's {@code Hawk} class.
 */
final class FakeAutograph implements AutoCloseable {
    static final String HAWK_ID = "relpromo-test";
    private static final Pattern HAWK = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String hawkKey;
    private final String keyId;
    private final GpgSigner gpg;
    private final PrivateKey rsa;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int forcedStatus;

    record Received(String path, String authorization, JsonNode request) {
    }

    private FakeAutograph(String hawkKey, String keyId, GpgSigner gpg, PrivateKey rsa) throws IOException {
        this.hawkKey = hawkKey;
        this.keyId = keyId;
        this.gpg = gpg;
        this.rsa = rsa;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sign/", this::handle);
        server.start();
    }

    static FakeAutograph start(String hawkKey, String keyId, GpgSigner gpg, PrivateKey rsa) throws IOException {
        return new FakeAutograph(hawkKey, keyId, gpg, rsa);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Makes every following request fail with {@code status} (after authentication). */
    void failWith(int status) {
        forcedStatus = status;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (!"POST".equals(exchange.getRequestMethod()) || !"application/json".equals(contentType)) {
                respond(exchange, 400, "POST application/json expected");
                return;
            }
            String refused = checkHawk(authorization, exchange, contentType, body);
            if (refused != null) {
                respond(exchange, 401, "authorization verification failed: " + refused);
                return;
            }
            JsonNode request = JSON.readTree(body);
            received.add(new Received(path, authorization, request));
            if (forcedStatus != 0) {
                respond(exchange, forcedStatus, "forced failure");
                return;
            }
            if (!request.isArray() || request.size() != 1 || !request.get(0).path("input").isTextual()
                    || !keyId.equals(request.get(0).path("keyid").asText())) {
                respond(exchange, 400, "expected [{input, keyid=" + keyId + "}], got " + request);
                return;
            }
            byte[] input = Base64.getDecoder().decode(request.get(0).get("input").asText());
            ObjectNode answer = JSON.createObjectNode().put("ref", "ref-1").put("signer_id", keyId);
            switch (path) {
                case "/sign/data" -> answer.put("type", "gpg2").put("mode", "")
                        .put("public_key", new String(gpg.armoredPublicKey(), StandardCharsets.US_ASCII))
                        .put("signature", new String(gpg.signDetached(new ByteArrayInputStream(input)),
                                StandardCharsets.US_ASCII));
                case "/sign/hash" -> {
                    if (input.length != 32) {
                        respond(exchange, 400, "a SHA-256 digest has 32 bytes, not " + input.length);
                        return;
                    }
                    answer.put("type", "authenticode").put("signature",
                            Base64.getEncoder().encodeToString(signDigest(input)));
                }
                default -> {
                    respond(exchange, 404, "no endpoint " + path);
                    return;
                }
            }
            ArrayNode answers = JSON.createArrayNode().add(answer);
            respond(exchange, 201, JSON.writeValueAsString(answers));
        } catch (Exception e) {
            respond(exchange, 500, e.toString());
        }
    }

    /** Null when the header is right, else why not. */
    private String checkHawk(String authorization, HttpExchange exchange, String contentType, byte[] body)
            throws Exception {
        if (authorization == null || !authorization.startsWith("Hawk ")) {
            return "no Hawk header";
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HAWK.matcher(authorization);
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        if (!fields.keySet().equals(java.util.Set.of("id", "ts", "nonce", "hash", "mac"))) {
            return "Hawk fields " + fields.keySet();
        }
        if (!HAWK_ID.equals(fields.get("id"))) {
            return "unknown id";
        }
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(fields.get("ts"))) > 60) {
            return "stale timestamp";
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(("hawk.1.payload\n" + contentType + "\n").getBytes(StandardCharsets.UTF_8));
        sha.update(body);
        sha.update((byte) '\n');
        String hash = Base64.getEncoder().encodeToString(sha.digest());
        if (!hash.equals(fields.get("hash"))) {
            return "payload hash mismatch";
        }
        String normalized = "hawk.1.header\n" + fields.get("ts") + "\n" + fields.get("nonce") + "\nPOST\n"
                + exchange.getRequestURI().getRawPath() + "\n127.0.0.1\n" + server.getAddress().getPort() + "\n"
                + hash + "\n\n";
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(hawkKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String mac = Base64.getEncoder().encodeToString(hmac.doFinal(normalized.getBytes(StandardCharsets.UTF_8)));
        return mac.equals(fields.get("mac")) ? null : "mac mismatch";
    }

    /** What an Autograph RSA signer does with /sign/hash: PKCS#1 v1.5 over the DigestInfo of the digest. */
    private byte[] signDigest(byte[] sha256) throws Exception {
        Signature raw = Signature.getInstance("NONEwithRSA");
        raw.initSign(rsa);
        raw.update(new DigestInfo(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE), sha256)
                .getEncoded("DER"));
        return raw.sign();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 201 ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
