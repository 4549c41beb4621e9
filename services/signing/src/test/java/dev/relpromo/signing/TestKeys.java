package dev.relpromo.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** One key directory for the whole test JVM: RSA-3072 generation costs about a second, so tests share it. */
final class TestKeys {
    private static Path keyDir;

    private TestKeys() {
    }

    static synchronized Path sharedKeyDir() {
        if (keyDir == null) {
            try {
                Path root = Files.createTempDirectory("relpromo-signing-keys");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
                keyDir = root.resolve("keys");
                LocalKeyDirectory.loadOrCreate(keyDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keyDir;
    }

    static LocalGpgSigner sharedSigner() throws IOException {
        return LocalGpgSigner.fromKeyDirectory(sharedKeyDir());
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at JVM exit
        }
    }
}
