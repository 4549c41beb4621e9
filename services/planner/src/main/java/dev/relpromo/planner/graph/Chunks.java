package dev.relpromo.planner.graph;

import dev.relpromo.events.kinds.Kinds;
import java.util.ArrayList;
import java.util.List;

/** Splitting repack ids into mac-signing chunks, as {@code mozbuild.chunkify} does in the real pipeline. */
public final class Chunks {
    private Chunks() {
    }

    /** {@code repacks-per-chunk} of the real mac-signing kinds. */
    public static final int REPACKS_PER_CHUNK = Kinds.REPACKS_PER_CHUNK;

    /**
     * {@code ceil(n / max)} chunks of near-equal size, the earlier chunks one larger: 93 items with max 5 give
     * 19 chunks, 17 of 5 and 2 of 4 (not 18 of 5 and one of 3).
     */
    public static <T> List<List<T>> chunkify(List<T> items, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("chunk size must be positive, not " + max);
        }
        int n = items.size();
        int chunks = (n + max - 1) / max;
        List<List<T>> result = new ArrayList<>(chunks);
        int start = 0;
        for (int i = 0; i < chunks; i++) {
            int size = n / chunks + (i < n % chunks ? 1 : 0);
            result.add(List.copyOf(items.subList(start, start + size)));
            start += size;
        }
        return result;
    }
}
