package dev.relpromo.planner.snapshot;

import dev.relpromo.events.Artifact;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.kit.store.Digests;
import dev.relpromo.kit.store.StoreKeys;
import dev.relpromo.kit.store.StoredObject;
import dev.relpromo.planner.config.SubConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The content-addressed snapshot of one sub-config: a deterministic zip of {@code repack.cfg},
 * {@code distribution/**} and {@code extensions/**}, stored at
 * {@code releng/partner-config/<partner>/<sub>/<sha256>.zip}. Repack tasks read the distribution files from it, so a
 * later change to the partner repo cannot change a release that is already promoted (bug 1496530 in the real
 * pipeline).
 *
 * <p>Determinism: entries in sorted order, one fixed DOS timestamp set with {@link ZipEntry#setTimeLocal} (no
 * time-zone conversion and no extended-timestamp extra field), no extra fields, no comment, default (zero) external
 * attributes, and STORED entries — compressed output would depend on the zlib build, stored bytes do not, so equal
 * content gives the same key on every machine. Config files are small, and {@code .xpi} files are zips already.
 */
public final class PartnerConfigSnapshot {
    private PartnerConfigSnapshot() {
    }

    public static final String ARTIFACT_NAME = "partner-config.zip";
    public static final String KEY_PREFIX = "releng/partner-config";
    /** 2000-01-01T00:00:00, as a DOS date-time (which has no time zone). */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0, 0);

    /** The zip bytes, their digests and the content-addressed key they are (or would be) stored at. */
    public record Snapshot(String key, byte[] zip, Digests.Hashed digests) {
        public Artifact asArtifact() {
            return new StoredObject(key, digests.size(), digests.sha512(), digests.sha256()).asArtifact(ARTIFACT_NAME);
        }
    }

    /** Builds the snapshot in memory without storing it (the check-partners report uses this). */
    public static Snapshot of(SubConfig subConfig) {
        byte[] zip = zip(subConfig.files());
        Digests.Hashed digests;
        try {
            digests = Digests.hash(new ByteArrayInputStream(zip));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
        String key = StoreKeys.join(KEY_PREFIX, subConfig.partner(), subConfig.name(), digests.sha256() + ".zip");
        return new Snapshot(key, zip, digests);
    }

    /** Stores the snapshot (unless an object with this content-addressed key exists) and returns it as an artifact. */
    public static Artifact store(SubConfig subConfig, ArtifactStore store) throws IOException {
        Snapshot snapshot = of(subConfig);
        Optional<StoredObject> existing = store.stat(snapshot.key());
        StoredObject stored = existing.isPresent() && existing.get().sha256().equals(snapshot.digests().sha256())
                ? existing.get()
                : store.put(snapshot.key(), snapshot.zip());
        return stored.asArtifact(ARTIFACT_NAME);
    }

    /** A deterministic zip of {@code files} (relative path → content; iterated in sorted order). */
    static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            files.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                try {
                    zip.putNextEntry(storedEntry(e.getKey(), e.getValue()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
        return bytes.toByteArray();
    }

    private static ZipEntry storedEntry(String name, byte[] content) {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        entry.setTimeLocal(ENTRY_TIME);
        return entry;
    }
}
