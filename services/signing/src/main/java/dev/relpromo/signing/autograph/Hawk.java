package dev.relpromo.signing.autograph;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hawk request authentication (version 1, SHA-256), the scheme Autograph checks: a payload hash over
 * {@code hawk.1.payload\n<content-type>\n<body>\n}, and a MAC (HMAC-SHA256 with the shared key) over
 * {@code hawk.1.header\n<ts>\n<nonce>\n<METHOD>\n<path?query>\n<host>\n<port>\n<hash>\n<ext>\n}, with an
 * empty {@code ext} (what mohawk sends for signingscript). The header carries id, ts, nonce, hash and mac, quoted.
 */
final class Hawk {
    private Hawk() {
    }

    /** A SHA-256 digest already fed with the payload prefix; the caller adds the body, then {@link #finishPayload}. */
    static MessageDigest startPayload(String contentType) {
        MessageDigest digest = sha256();
        digest.update(("hawk.1.payload\n" + baseContentType(contentType) + "\n").getBytes(StandardCharsets.UTF_8));
        return digest;
    }

    /** Base64 of the payload hash, after the body went into {@code digest}. */
    static String finishPayload(MessageDigest digest) {
        digest.update((byte) '\n');
        return Base64.getEncoder().encodeToString(digest.digest());
    }

    /** The {@code Authorization} header value for one request. */
    static String header(HawkCredentials credentials, String method, URI uri, long ts, String nonce,
            String payloadHash) {
        String mac = mac(credentials, normalized(method, uri, ts, nonce, payloadHash, ""));
        return "Hawk id=\"" + credentials.id() + "\", ts=\"" + ts + "\", nonce=\"" + nonce + "\", hash=\""
                + payloadHash + "\", mac=\"" + mac + "\"";
    }

    /** The string the MAC covers; {@code ext} is always empty in our requests (kept for the spec's test vector). */
    static String normalized(String method, URI uri, long ts, String nonce, String payloadHash, String ext) {
        String resource = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            resource += "?" + uri.getRawQuery();
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return "hawk.1.header\n" + ts + "\n" + nonce + "\n" + method.toUpperCase(Locale.ROOT) + "\n" + resource + "\n"
                + uri.getHost().toLowerCase(Locale.ROOT) + "\n" + port + "\n" + payloadHash + "\n" + ext + "\n";
    }

    static String mac(HawkCredentials credentials, String normalized) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(credentials.key(), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(hmac.doFinal(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** Hawk hashes the media type only, lower case, without parameters such as {@code charset}. */
    private static String baseContentType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
