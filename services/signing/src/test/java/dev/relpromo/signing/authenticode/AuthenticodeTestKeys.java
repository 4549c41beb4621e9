package dev.relpromo.signing.authenticode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** One Authenticode keys directory for the whole test JVM: two RSA-3072 keys cost a second or two. */
public final class AuthenticodeTestKeys {
    private static Path keyDir;

    private AuthenticodeTestKeys() {
    }

    public static synchronized Path sharedKeyDir() {
        if (keyDir == null) {
            try {
                Path root = Files.createTempDirectory("relpromo-authenticode-keys");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
                keyDir = root.resolve("keys");
                LocalAuthenticodeKeys.loadOrCreate(keyDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keyDir;
    }

    public static Path caFile() {
        return sharedKeyDir().resolve(LocalAuthenticodeKeys.CA_CERTIFICATE_FILE);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at JVM exit
        }
    }
}
