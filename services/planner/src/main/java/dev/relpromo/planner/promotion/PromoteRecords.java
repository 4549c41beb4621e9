package dev.relpromo.planner.promotion;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.kit.store.StoreKeys;
import dev.relpromo.kit.store.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Promote records in the artifact store: {@code releng/promotions/<product>/<version>/build<N>/promote-<plan>.json},
 * keyed by plan id, so a replayed promote writes the same bytes (a no-op) and a respin adds a record.
 */
public final class PromoteRecords {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PromoteRecords() {
    }

    public static String dir(ReleaseName release) {
        return StoreKeys.join("releng/promotions", release.productPath(), release.version(),
                "build" + release.buildNumber());
    }

    public static String key(ReleaseName release, String plan) {
        return StoreKeys.join(dir(release), "promote-" + plan + ".json");
    }

    public static byte[] render(PromoteRecord record) throws IOException {
        return JSON.writeValueAsBytes(record);
    }

    /** Stores the record (identical bytes already there: a no-op). */
    public static StoredObject store(ArtifactStore store, ReleaseName release, PromoteRecord record)
            throws IOException {
        return store.put(key(release, record.plan()), render(record));
    }

    /** Every promote record of the release, oldest partner build first (then by plan id). */
    public static List<PromoteRecord> read(ArtifactStore store, ReleaseName release) throws IOException {
        List<PromoteRecord> records = new ArrayList<>();
        for (String key : store.list(dir(release) + "/")) {
            if (!key.substring(key.lastIndexOf('/') + 1).matches("promote-[0-9a-f]+\\.json")) {
                continue;
            }
            try (InputStream in = store.open(key)) {
                records.add(JSON.readValue(in, PromoteRecord.class));
            } catch (IOException e) {
                throw new IOException("promote record " + key + " in " + store.describe() + " is unreadable: "
                        + e.getMessage(), e);
            }
        }
        records.sort(Comparator.comparingInt(PromoteRecord::partnerBuildNumber).thenComparing(PromoteRecord::plan));
        return records;
    }
}
