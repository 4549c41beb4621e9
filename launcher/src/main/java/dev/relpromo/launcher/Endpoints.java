package dev.relpromo.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a running {@code relpromo up} can be reached, recorded in its data directory so that {@code submit-build},
 * {@code promote} and {@code status} find it without flags (the embedded broker's port is not fixed).
 */
record Endpoints(String bootstrapServers, URI statusUri) {
    static final String FILE = "endpoints.properties";

    void write(Path dataDir) throws IOException {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrapServers);
        if (statusUri != null) {
            p.setProperty("status.url", statusUri.toString());
        }
        Path tmp = Files.createDirectories(dataDir).resolve(FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "written by relpromo up; removed when it stops");
        }
        Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Optional<Endpoints> read(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        String status = p.getProperty("status.url");
        return Optional.of(new Endpoints(p.getProperty("bootstrap.servers"), status == null ? null : URI.create(status)));
    }

    static void remove(Path dataDir) throws IOException {
        Files.deleteIfExists(dataDir.resolve(FILE));
    }
}
