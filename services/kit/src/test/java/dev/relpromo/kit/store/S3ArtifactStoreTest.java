package dev.relpromo.kit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.testing.S3ProxyServer;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The store contract against an in-process S3Proxy; every test gets its own key prefix in one bucket. */
class S3ArtifactStoreTest extends ArtifactStoreContract {
    private static final String BUCKET = "relpromo-contract";
    private static S3Client s3;

    @BeforeAll
    static void bucket() {
        s3 = S3ArtifactStore.client(ArtifactStores.s3Options("s3://" + BUCKET, S3ProxyServer.storeSettings()));
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Override
    ArtifactStore newStore() {
        // copies go multipart above one part too, so UploadPartCopy is exercised without 5 GiB objects
        return S3ArtifactStore.withClient(s3, BUCKET, "t-" + UUID.randomUUID(), PART_SIZE, PART_SIZE);
    }

    @Test
    void describesTheBucketAndPrefixButNoSecret() throws IOException {
        ArtifactStore store = ArtifactStores.open("s3://" + BUCKET + "/some/prefix", S3ProxyServer.storeSettings(), "test");
        assertThat(store.describe()).isEqualTo("s3://" + BUCKET + "/some/prefix/ (at " + S3ProxyServer.endpoint() + ")")
                .doesNotContain(S3ProxyServer.SECRET_KEY);
        store.put("k.txt", bytes("v"));
        // the prefix is part of the S3 key, and hidden from the store's keys
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key("some/prefix/k.txt")).metadata())
                .containsEntry("sha512", sha512("v"));
        assertThat(store.list("")).containsExactly("k.txt");
    }

    @Test
    void objectsPutThereByOthersAreHashedOnStat() throws IOException {
        ArtifactStore store = ArtifactStores.open("s3://" + BUCKET + "/foreign-" + UUID.randomUUID(),
                S3ProxyServer.storeSettings(), "test");
        String prefix = store.describe().replaceAll("^s3://[^/]+/| .*$", "");
        s3.putObject(b -> b.bucket(BUCKET).key(prefix + "x.txt"), RequestBody.fromBytes(bytes("foreign")));
        assertThat(store.stat("x.txt").orElseThrow().sha512()).isEqualTo(sha512("foreign"));
    }

    @Test
    void readsTheS3OptionsFromOurNamesThenTheAwsSdkOnes() {
        S3ArtifactStore.Options ours = ArtifactStores.s3Options("s3://bucket/a/b", Map.of("RELPROMO_S3_ENDPOINT",
                "http://ours:9000", "AWS_ENDPOINT_URL", "http://aws:9000", "RELPROMO_S3_REGION", "eu-west-1",
                "AWS_REGION", "us-west-2", "RELPROMO_S3_PATH_STYLE", "false"));
        assertThat(ours).isEqualTo(new S3ArtifactStore.Options("bucket", "a/b", java.net.URI.create("http://ours:9000"),
                "eu-west-1", false, ours.accessKey(), ours.secretKey()));
        S3ArtifactStore.Options aws = ArtifactStores.s3Options("s3://bucket", Map.of("AWS_ENDPOINT_URL", "http://aws:9000",
                "AWS_REGION", "us-west-2", "AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "hidden"));
        assertThat(aws.endpoint()).hasToString("http://aws:9000");
        assertThat(aws.region()).isEqualTo("us-west-2");
        assertThat(aws.pathStyle()).isTrue(); // the default with an endpoint
        assertThat(aws.toString()).contains("accessKey=id").doesNotContain("hidden");
        assertThatThrownBy(() -> ArtifactStores.s3Options("s3://bucket", Map.of("RELPROMO_S3_PATH_STYLE", "yes")))
                .hasMessage("RELPROMO_S3_PATH_STYLE must be true or false, not 'yes'");
    }

    @Test
    void refusesLocationsItCannotOpen() {
        assertThatThrownBy(() -> ArtifactStores.open("s3://Bad_Bucket/x", Map.of(), "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Bad_Bucket' is not an S3 bucket name");
        assertThatThrownBy(() -> ArtifactStores.open("gs://bucket/x", Map.of(), "test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("artifact-store location 'gs://bucket/x' is not supported: give a directory, a file: URI"
                        + " or s3://bucket[/prefix]");
        assertThatThrownBy(() -> ArtifactStores.open("s3://bucket/../x", Map.of(), "test"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
