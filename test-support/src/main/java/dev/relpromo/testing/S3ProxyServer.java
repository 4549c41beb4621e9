package dev.relpromo.testing;

import java.net.URI;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * One in-process, in-memory S3 (S3Proxy) per JVM on an ephemeral loopback port, for the S3 artifact store's tests.
 * It is started on first use and lives until the JVM exits; tests keep apart by bucket or key prefix.
 */
public final class S3ProxyServer {
    public static final String ACCESS_KEY = "relpromo-test";
    public static final String SECRET_KEY = "relpromo-test-secret";

    private static URI endpoint;

    private S3ProxyServer() {
    }

    /** The endpoint of the shared server, started on the first call. */
    public static synchronized URI endpoint() {
        if (endpoint == null) {
            endpoint = start();
        }
        return endpoint;
    }

    /** The settings {@code ArtifactStores.open} reads for an {@code s3://} location served by this server. */
    public static Map<String, String> storeSettings() {
        return Map.of("RELPROMO_S3_ENDPOINT", endpoint().toString(), "RELPROMO_S3_PATH_STYLE", "true",
                "RELPROMO_S3_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }

    private static URI start() {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            // start() returns before Jetty has bound its port
            while (!"STARTED".equals(proxy.getState())) {
                if ("FAILED".equals(proxy.getState())) {
                    throw new IllegalStateException("S3Proxy failed to start");
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-process S3Proxy", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.stop();
            } catch (Exception e) {
                // the JVM is exiting
            }
        }, "s3proxy-stop"));
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }
}
