package dev.relpromo.kit.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An artifact store in an S3 bucket, below an optional key prefix, with the semantics of
 * {@link FileSystemArtifactStore}: objects appear only when complete, and are written once.
 *
 * <p>{@link #write} streams with bounded memory: one part ({@link #partSize}, 8 MiB by default) is buffered at a time
 * while sha512, sha256 and the size are computed. Content that fits into one part is one PutObject. Larger content
 * is a multipart upload to a hidden staging key ({@code <prefix>.staging/<uuid>}, never listed), then a server-side
 * copy to its key carrying the digests (they are only known at the end, and S3 metadata cannot change after
 * upload); a failure aborts the upload, so nothing partial is ever visible. The digests live in the user metadata
 * ({@code x-amz-meta-sha512}, {@code x-amz-meta-sha256}), so {@link #stat} is a HEAD.
 *
 * <p>Write-once is checked with a HEAD before publishing: an existing key with the same sha512 is returned as is,
 * different content fails with a {@link StoreConflictException}. The PutObject also carries {@code If-None-Match: *},
 * which S3 honours; where a server ignores it (and for the server-side copy, which S3 cannot make conditional), two
 * writers racing between the HEAD and the publish of one key can overwrite each other. Deterministic tasks write
 * identical bytes, so the race can only hide a conflict, never corrupt a good object.
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3ArtifactStore.class);
    public static final long DEFAULT_PART_SIZE = 8L << 20;
    /** S3's limit for one CopyObject; above it the copy is a multipart UploadPartCopy. */
    public static final long MAX_SINGLE_COPY = 5L << 30;
    private static final long COPY_PART_SIZE = 1L << 30;
    private static final String SHA512 = "sha512";
    private static final String SHA256 = "sha256";
    private static final String STAGING = ".staging/";

    private final S3Client s3;
    private final String bucket;
    private final String keyPrefix;
    private final String description;
    private final int partSize;
    private final long maxSingleCopy;
    private final long copyPartSize;
    private final boolean ownsClient;

    /**
     * Where and how to reach the bucket. {@code endpoint} is null for AWS itself; {@code accessKey}/{@code secretKey}
     * null for the SDK's default credentials chain.
     */
    public record Options(String bucket, String prefix, URI endpoint, String region, boolean pathStyle,
                          String accessKey, String secretKey) {
        public Options {
            Objects.requireNonNull(bucket, "bucket");
            prefix = prefix == null ? "" : prefix;
            region = region == null || region.isBlank() ? "us-east-1" : region;
        }

        @Override
        public String toString() { // never the secret
            return "S3ArtifactStore.Options[s3://" + bucket + "/" + prefix + ", endpoint=" + endpoint + ", region="
                    + region + ", pathStyle=" + pathStyle + ", accessKey=" + (accessKey == null ? "default chain" : accessKey) + "]";
        }
    }

    /** A store with its own client, which {@link #close} closes. */
    public static S3ArtifactStore open(Options options) {
        return new S3ArtifactStore(client(options), true, options.bucket(), options.prefix(), options.endpoint(),
                DEFAULT_PART_SIZE, MAX_SINGLE_COPY, COPY_PART_SIZE);
    }

    public static S3Client client(Options options) {
        AwsCredentialsProvider credentials = options.accessKey() != null && options.secretKey() != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(options.accessKey(), options.secretKey()))
                : DefaultCredentialsProvider.builder().build();
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder())
                .region(Region.of(options.region()))
                .forcePathStyle(options.pathStyle())
                .credentialsProvider(credentials);
        if (options.endpoint() != null) {
            // S3-compatible servers do not all know the flexible checksums AWS now sends by default
            builder.endpointOverride(options.endpoint())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    /**
     * @param partSize      bytes buffered per upload part (S3 needs at least 5 MiB for all but the last part)
     * @param maxSingleCopy above this size a copy is a multipart UploadPartCopy of {@code copyPartSize} parts
     */
    S3ArtifactStore(S3Client s3, boolean ownsClient, String bucket, String prefix, URI endpoint, long partSize,
                    long maxSingleCopy, long copyPartSize) {
        this.s3 = s3;
        this.ownsClient = ownsClient;
        this.bucket = bucket;
        this.keyPrefix = normalizePrefix(prefix);
        this.description = "s3://" + bucket + "/" + keyPrefix + (endpoint == null ? "" : " (at " + endpoint + ")");
        if (partSize < 1 || partSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("S3 part size " + partSize + " is out of range");
        }
        this.partSize = (int) partSize;
        this.maxSingleCopy = maxSingleCopy;
        this.copyPartSize = copyPartSize;
    }

    /** A store on a client the caller keeps (and closes), with its own part sizes (tests use small ones). */
    public static S3ArtifactStore withClient(S3Client s3, String bucket, String prefix, long partSize, long maxSingleCopy) {
        return new S3ArtifactStore(s3, false, bucket, prefix, null, partSize, maxSingleCopy, partSize);
    }

    private static String normalizePrefix(String prefix) {
        String p = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        if (!p.isEmpty()) {
            StoreKeys.validate(p); // the same rules as a key: no '..', no empty component
        }
        return p.isEmpty() ? "" : p + "/";
    }

    public long partSize() {
        return partSize;
    }

    private String fullKey(String key) {
        return keyPrefix + StoreKeys.validate(key);
    }

    @Override
    public StoredObject write(String key, ContentWriter writer) throws IOException {
        String target = fullKey(key);
        Optional<StoredObject> before = stat(key);
        PartsOutputStream parts = new PartsOutputStream(keyPrefix + STAGING + UUID.randomUUID());
        Digests.HashingOutputStream out = new Digests.HashingOutputStream(parts);
        Digests.Hashed hashed;
        try {
            writer.writeTo(new KeepOpen(out));
            hashed = out.result();
            if (before.isPresent()) {
                parts.abort();
                return sameOrConflict(key, before.get(), hashed.sha512());
            }
            if (parts.uploadId == null) {
                try {
                    s3.putObject(b -> b.bucket(bucket).key(target).metadata(metadata(hashed)).ifNoneMatch("*")
                                    .contentLength((long) parts.filled),
                            RequestBody.fromBytes(java.util.Arrays.copyOf(parts.buffer, parts.filled)));
                } catch (S3Exception e) {
                    if (e.statusCode() == 412 || e.statusCode() == 409) { // someone published first
                        return sameOrConflict(key, stat(key).orElseThrow(() -> e), hashed.sha512());
                    }
                    throw e;
                }
            } else {
                parts.complete();
                try {
                    Optional<StoredObject> now = stat(key);
                    if (now.isPresent()) {
                        return sameOrConflict(key, now.get(), hashed.sha512());
                    }
                    serverCopy(parts.stagingKey, target, hashed.size(), metadata(hashed));
                } finally {
                    s3.deleteObject(b -> b.bucket(bucket).key(parts.stagingKey));
                }
            }
            return new StoredObject(key, hashed.size(), hashed.sha512(), hashed.sha256());
        } catch (IOException | RuntimeException | Error e) {
            parts.abortQuietly(e);
            throw e;
        } finally {
            parts.buffer = null;
        }
    }

    private StoredObject sameOrConflict(String key, StoredObject existing, String ourSha512) {
        if (!existing.sha512().equals(ourSha512)) {
            throw new StoreConflictException(key, existing.sha512(), ourSha512, describe());
        }
        LOG.debug("{} already holds these bytes", key);
        return existing;
    }

    private static Map<String, String> metadata(Digests.Hashed h) {
        return Map.of(SHA512, h.sha512(), SHA256, h.sha256());
    }

    /** Server-side copy with new metadata; one CopyObject up to 5 GiB, UploadPartCopy above. */
    private void serverCopy(String sourceKey, String targetKey, long size, Map<String, String> metadata) {
        if (size <= maxSingleCopy) {
            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(sourceKey).destinationBucket(bucket)
                    .destinationKey(targetKey).metadataDirective(MetadataDirective.REPLACE).metadata(metadata));
            return;
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(targetKey).metadata(metadata)).uploadId();
        try {
            List<CompletedPart> done = new ArrayList<>();
            int number = 1;
            for (long start = 0; start < size; start += copyPartSize, number++) {
                long end = Math.min(size, start + copyPartSize) - 1;
                int n = number;
                String range = "bytes=" + start + "-" + end;
                String etag = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(sourceKey)
                        .destinationBucket(bucket).destinationKey(targetKey).uploadId(uploadId).partNumber(n)
                        .copySourceRange(range)).copyPartResult().eTag();
                done.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(targetKey).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(done).build()));
        } catch (RuntimeException e) {
            abortUpload(targetKey, uploadId, e);
            throw e;
        }
    }

    private void abortUpload(String key, String uploadId, Throwable cause) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public StoredObject copy(String sourceKey, String destinationKey) throws IOException {
        StoredObject source = stat(sourceKey).orElseThrow(() -> missing(sourceKey));
        Optional<StoredObject> existing = stat(destinationKey);
        if (existing.isPresent()) {
            return sameOrConflict(destinationKey, existing.get(), source.sha512());
        }
        serverCopy(fullKey(sourceKey), fullKey(destinationKey), source.size(),
                Map.of(SHA512, source.sha512(), SHA256, source.sha256()));
        return new StoredObject(destinationKey, source.size(), source.sha512(), source.sha256());
    }

    @Override
    public InputStream open(String key) throws IOException {
        String k = fullKey(key);
        try {
            return s3.getObject(b -> b.bucket(bucket).key(k));
        } catch (NoSuchKeyException e) {
            throw missing(key);
        } catch (SdkException e) {
            throw new IOException("cannot read '" + key + "' from " + describe() + ": " + e.getMessage(), e);
        }
    }

    private NoSuchFileException missing(String key) {
        return new NoSuchFileException("artifact-store key '" + key + "' does not exist in " + describe());
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        String k = fullKey(key);
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(k));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("cannot stat '" + key + "' in " + describe() + ": " + e.getMessage(), e);
        }
        String sha512 = head.metadata().get(SHA512);
        String sha256 = head.metadata().get(SHA256);
        if (sha512 != null && sha512.matches("[0-9a-f]{128}") && sha256 != null && sha256.matches("[0-9a-f]{64}")) {
            return Optional.of(new StoredObject(key, head.contentLength(), sha512, sha256));
        }
        // put there by something else than this store: hash it
        try (InputStream in = open(key)) {
            Digests.Hashed h = Digests.hash(in);
            return Optional.of(new StoredObject(key, h.size(), h.sha512(), h.sha256()));
        }
    }

    /** Keys below a prefix (a key or a "directory" of keys), sorted, relative to the store. */
    @Override
    public List<String> list(String prefix) throws IOException {
        String p = prefix.replaceAll("/+$", "");
        List<String> keys = new ArrayList<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(keyPrefix + p)).contents()) {
                String key = o.key().substring(keyPrefix.length());
                if (key.startsWith(STAGING) || key.substring(key.lastIndexOf('/') + 1).startsWith(".")) {
                    continue;
                }
                if (p.isEmpty() || key.equals(p) || key.startsWith(p + "/")) {
                    keys.add(key);
                }
            }
        } catch (SdkException e) {
            throw new IOException("cannot list '" + prefix + "' in " + describe() + ": " + e.getMessage(), e);
        }
        Collections.sort(keys);
        return keys;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        if (ownsClient) {
            s3.close();
        }
    }

    /**
     * Buffers one part; the first full part starts a multipart upload of the staging key, each further full part
     * is uploaded as it fills, so memory stays at one part whatever the size.
     */
    private final class PartsOutputStream extends OutputStream {
        final String stagingKey;
        byte[] buffer = new byte[Math.min(partSize, 1 << 16)];
        int filled;
        String uploadId;
        final List<CompletedPart> parts = new ArrayList<>();

        PartsOutputStream(String stagingKey) {
            this.stagingKey = stagingKey;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (filled == partSize) {
                    uploadPart();
                }
                if (filled == buffer.length) { // grow up to one part: small objects stay small
                    buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(partSize, 2L * buffer.length));
                }
                int n = Math.min(len, buffer.length - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        private void uploadPart() {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(stagingKey)).uploadId();
            }
            int number = parts.size() + 1;
            String etag = s3.uploadPart(b -> b.bucket(bucket).key(stagingKey).uploadId(uploadId).partNumber(number)
                    .contentLength((long) filled), RequestBody.fromBytes(java.util.Arrays.copyOf(buffer, filled))).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            filled = 0;
        }

        void complete() {
            if (filled > 0) {
                uploadPart();
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(stagingKey).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
            uploadId = null;
        }

        void abort() {
            if (uploadId != null) {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(stagingKey).uploadId(uploadId));
                uploadId = null;
            }
        }

        void abortQuietly(Throwable cause) {
            if (uploadId != null) {
                abortUpload(stagingKey, uploadId, cause);
                uploadId = null;
            }
        }
    }

    /** Writers may close the stream they are given; the store still completes the upload itself. */
    private static final class KeepOpen extends OutputStream {
        private final OutputStream out;

        KeepOpen(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {
        }
    }
}
