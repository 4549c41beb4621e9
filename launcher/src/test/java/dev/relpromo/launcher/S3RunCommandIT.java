package dev.relpromo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.kit.store.ArtifactStores;
import dev.relpromo.kit.store.S3ArtifactStore;
import dev.relpromo.testing.S3ProxyServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code relpromo run --store s3://bucket/prefix} against an in-process S3Proxy: one partner's Linux repacks are
 * published into the bucket, and every file a beetmover's target.checksums lists is there with that sha512.
 */
class S3RunCommandIT {
    private static final String BUCKET = "relpromo-run";

    @TempDir
    Path dir;

    @Test
    void publishesIntoAnS3BucketMatchingTheBeetmoverManifests() throws Exception {
        Map<String, String> s3Settings = S3ProxyServer.storeSettings();
        try (S3Client s3 = S3ArtifactStore.client(new S3ArtifactStore.Options(BUCKET, "", S3ProxyServer.endpoint(),
                "us-east-1", true, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY))) {
            s3.createBucket(b -> b.bucket(BUCKET));
        }
        // the run reads its S3 options like any other process: settings, system properties, then the environment
        s3Settings.forEach(System::setProperty);
        RunCommandIT.Result result;
        try {
            result = RunCommandIT.relpromo("run", "--release", RunCommandIT.RELEASE,
                    "--builds", LinuxRelease.builds(dir, 1024).toString(),
                    "--partners", LinuxRelease.partners(dir).toString(), "--only-partners", "globex",
                    "--store", "s3://" + BUCKET + "/mirror", "--keys", LinuxRelease.sharedKeys().toString(), "--timeout", "PT5M");
        } finally {
            s3Settings.keySet().forEach(System::clearProperty);
        }
        assertThat(result.code()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("Published under pub/firefox/candidates/135.0-candidates/build1 in s3://"
                + BUCKET + "/mirror/");

        ArtifactStore store = ArtifactStores.open("s3://" + BUCKET + "/mirror", s3Settings, "test");
        List<String> manifests = store.list("releng/beetmover").stream().filter(k -> k.endsWith("/target.checksums")).toList();
        assertThat(manifests).isNotEmpty();
        int files = 0;
        for (String manifest : manifests) {
            String text;
            try (InputStream in = store.open(manifest)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            for (String line : text.split("\n")) {
                String[] f = line.split(" ", 4); // <hex> <algo> <size> <path>
                if (f[1].equals("sha512")) {
                    String key = RunCommandIT.CANDIDATES + f[3];
                    assertThat(store.stat(key)).as(key).hasValueSatisfying(o -> {
                        assertThat(o.sha512()).isEqualTo(f[0]);
                        assertThat(o.size()).isEqualTo(Long.parseLong(f[2]));
                    });
                    files++;
                }
            }
        }
        assertThat(files).isGreaterThanOrEqualTo(2);
        assertThat(store.list(RunCommandIT.CANDIDATES + "partner-repacks/globex/globex-eu/v1/linux-x86_64"))
                .contains(RunCommandIT.CANDIDATES + "partner-repacks/globex/globex-eu/v1/linux-x86_64/fr/firefox-135.0.tar.xz");
    }
}
