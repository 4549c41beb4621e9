package dev.relpromo.signing;

import dev.relpromo.testing.SystemTools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyDirectoryTest {

    @Test
    void createsTheKeyOnceAndReloadsItLater() throws Exception {
        Path dir = TestKeys.sharedKeyDir();
        Path secret = dir.resolve(LocalKeyDirectory.SECRET_KEY_FILE);
        byte[] secretBytes = Files.readAllBytes(secret);
        FileTime written = Files.getLastModifiedTime(secret);

        OpenPgpKey first = LocalKeyDirectory.loadOrCreate(dir);
        OpenPgpKey again = LocalKeyDirectory.loadOrCreate(dir);

        assertThat(again.fingerprint()).isEqualTo(first.fingerprint()).matches("[0-9A-F]{40}");
        assertThat(again.creationTime()).isEqualTo(first.creationTime());
        assertThat(Files.readAllBytes(secret)).isEqualTo(secretBytes);
        assertThat(Files.getLastModifiedTime(secret)).isEqualTo(written);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(first.publicKey().getBitStrength()).isEqualTo(3072);
        assertThat(Files.readAllBytes(dir.resolve(LocalKeyDirectory.PUBLIC_KEY_FILE)))
                .isEqualTo(first.armoredPublicKey());
        assertThat(new String(first.armoredPublicKey(), StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n")
                .doesNotContain("Version:")
                .doesNotContain("PRIVATE");
        assertThat(first).hasToString("OpenPgpKey[" + first.fingerprint() + "]");
    }

    @Test
    void restoresAMissingPublicKeyFromTheSecretKey() throws Exception {
        Path dir = TestKeys.sharedKeyDir();
        Path publicKey = dir.resolve(LocalKeyDirectory.PUBLIC_KEY_FILE);
        byte[] published = Files.readAllBytes(publicKey);
        Files.delete(publicKey);

        LocalKeyDirectory.loadOrCreate(dir);

        assertThat(Files.readAllBytes(publicKey)).isEqualTo(published);
    }

    @Test
    void identityAndFingerprintAsGpgSeesThem(@TempDir Path gpgHome) throws Exception {
        assumeTrue(SystemTools.has("gpg"),
                "gpg not found on PATH: skipping the check with the system gpg");
        OpenPgpKey key = LocalKeyDirectory.loadOrCreate(TestKeys.sharedKeyDir());
        try (SystemGpg gpg = SystemGpg.withHome(gpgHome.resolve("gnupg"))) {
            assertThat(gpg.importKey(TestKeys.sharedKeyDir().resolve("KEY")).exitCode()).isZero();
            String keys = gpg.listKeys().output();
            assertThat(keys).contains("fpr:::::::::" + key.fingerprint() + ":")
                    .contains("::" + LocalKeyDirectory.DEFAULT_IDENTITY + "::")
                    .contains(":3072:1:"); // RSA, 3072 bits
        }
    }

    /**
     * Two threads here and a second JVM start on the same empty directory at the same moment: one key is created
     * and everyone ends up with it.
     */
    @Test
    void concurrentFirstRunsCreateOneKey(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("keys");
        Process other = startProbe(dir);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (BufferedReader probeOut = new BufferedReader(
                new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
             Writer probeIn = new OutputStreamWriter(other.getOutputStream(), StandardCharsets.UTF_8)) {
            assertThat(readUntil(probeOut, "READY")).isNotNull();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> local = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                local.add(threads.submit(() -> {
                    go.await();
                    return LocalKeyDirectory.loadOrCreate(dir).fingerprint();
                }));
            }
            probeIn.write("go\n");
            probeIn.flush();
            go.countDown();

            String otherLine = readUntil(probeOut, "FINGERPRINT=");
            assertThat(other.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(other.exitValue()).isZero();
            String fingerprint = local.get(0).get(120, TimeUnit.SECONDS);
            assertThat(local.get(1).get(120, TimeUnit.SECONDS)).isEqualTo(fingerprint);
            assertThat(otherLine).isEqualTo("FINGERPRINT=" + fingerprint);
        } finally {
            threads.shutdownNow();
            other.destroy();
        }
        assertThat(LocalKeyDirectory.loadOrCreate(dir).fingerprint())
                .isEqualTo(LocalKeyDirectory.loadOrCreate(dir).fingerprint());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                    .containsExactlyInAnyOrder(LocalKeyDirectory.SECRET_KEY_FILE, LocalKeyDirectory.PUBLIC_KEY_FILE,
                            ".lock");
        }
    }

    private static Process startProbe(Path dir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KeyDirectoryProbe.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String readUntil(BufferedReader in, String prefix) throws IOException {
        for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
    }
}
