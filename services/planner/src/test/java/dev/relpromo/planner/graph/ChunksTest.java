package dev.relpromo.planner.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChunksTest {
    private static List<Integer> sizes(int n) {
        List<Integer> items = IntStream.range(0, n).boxed().toList();
        List<List<Integer>> chunks = Chunks.chunkify(items, Chunks.REPACKS_PER_CHUNK);
        assertThat(chunks.stream().flatMap(List::stream).toList()).as("order and content kept").isEqualTo(items);
        return chunks.stream().map(List::size).toList();
    }

    @Test
    void splitsEvenlyWithEarlierChunksOneLarger() {
        assertThat(sizes(93)).hasSize(19).containsExactly(5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 4);
        assertThat(sizes(6)).containsExactly(3, 3);
        assertThat(sizes(11)).containsExactly(4, 4, 3);
        assertThat(sizes(5)).containsExactly(5);
        assertThat(sizes(1)).containsExactly(1);
        assertThat(sizes(0)).isEmpty();
    }
}
