package dev.relpromo.kit.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Opens the artifact store a location names: a directory (path or {@code file:} URI) is a
 * {@link FileSystemArtifactStore}, {@code s3://bucket[/prefix]} an {@link S3ArtifactStore}.
 *
 * <p>S3 options come from the settings, else a system property of the same name, else the environment:
 * {@code RELPROMO_S3_ENDPOINT} (an S3-compatible server; unset for AWS; else the AWS SDK's {@code AWS_ENDPOINT_URL_S3}
 * or {@code AWS_ENDPOINT_URL}), {@code RELPROMO_S3_REGION} (else {@code AWS_REGION}, else us-east-1), {@code RELPROMO_S3_PATH_STYLE} (true/false; default
 * true with an endpoint, false without), and {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, else the AWS
 * SDK's default credentials chain.
 */
public final class ArtifactStores {
    public static final String ENDPOINT = "RELPROMO_S3_ENDPOINT";
    public static final String REGION = "RELPROMO_S3_REGION";
    public static final String PATH_STYLE = "RELPROMO_S3_PATH_STYLE";
    public static final String ACCESS_KEY = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_KEY = "AWS_SECRET_ACCESS_KEY";

    private ArtifactStores() {
    }

    public static ArtifactStore open(String location, Map<String, String> settings, String instanceId) throws IOException {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("artifact-store location is empty: give a directory, a file: URI or"
                    + " s3://bucket[/prefix]");
        }
        if (location.startsWith("s3://")) {
            return S3ArtifactStore.open(s3Options(location, settings));
        }
        if (location.startsWith("file:")) {
            return new FileSystemArtifactStore(Path.of(URI.create(location)), instanceId);
        }
        if (location.matches("^[A-Za-z][A-Za-z0-9+.-]+://.*")) {
            throw new IllegalArgumentException("artifact-store location '" + location + "' is not supported: give a"
                    + " directory, a file: URI or s3://bucket[/prefix]");
        }
        return new FileSystemArtifactStore(Path.of(location), instanceId);
    }

    /** Like {@link #open}, for callers that cannot throw IOException. */
    public static ArtifactStore openUnchecked(String location, Map<String, String> settings, String instanceId) {
        try {
            return open(location, settings, instanceId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the artifact store " + location, e);
        }
    }

    static S3ArtifactStore.Options s3Options(String location, Map<String, String> settings) {
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("artifact-store location '" + location + "': '" + bucket
                    + "' is not an S3 bucket name (3-63 lower-case letters, digits, '.' or '-')");
        }
        String endpoint = firstSetting(settings, ENDPOINT, "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL");
        String pathStyle = setting(settings, PATH_STYLE);
        boolean path;
        if (pathStyle == null) {
            path = endpoint != null;
        } else if (pathStyle.toLowerCase(Locale.ROOT).matches("true|false")) {
            path = Boolean.parseBoolean(pathStyle);
        } else {
            throw new IllegalArgumentException(PATH_STYLE + " must be true or false, not '" + pathStyle + "'");
        }
        return new S3ArtifactStore.Options(bucket, prefix, endpoint == null ? null : URI.create(endpoint),
                firstSetting(settings, REGION, "AWS_REGION"), path, setting(settings, ACCESS_KEY), setting(settings, SECRET_KEY));
    }

    /** The first of these names that is set (the AWS SDK's own names come after ours). */
    private static String firstSetting(Map<String, String> settings, String... names) {
        for (String name : names) {
            String v = setting(settings, name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String setting(Map<String, String> settings, String name) {
        String v = settings.get(name);
        if (v == null || v.isBlank()) {
            v = System.getProperty(name);
        }
        if (v == null || v.isBlank()) {
            v = System.getenv(name);
        }
        return v == null || v.isBlank() ? null : v;
    }
}
