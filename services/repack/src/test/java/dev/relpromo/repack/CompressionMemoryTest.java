package dev.relpromo.repack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CompressionMemoryTest {

    @Test
    void concurrentRepacksShareTheHeapAndWaitWhenItIsTaken() throws Exception {
        CompressionMemory memory = new CompressionMemory(1000);

        CompressionMemory.Grant first = memory.reserve(300, 2);
        CompressionMemory.Grant second = memory.reserve(300, 4);
        assertThat(first.threads()).isEqualTo(2);
        assertThat(second.threads()).isEqualTo(1); // what is left: 400

        CompletableFuture<CompressionMemory.Grant> third = CompletableFuture.supplyAsync(() -> {
            try {
                return memory.reserve(300, 4);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // 100 left, less than a thread: it waits
        org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(200)).atMost(java.time.Duration.ofSeconds(2))
                .until(() -> !third.isDone());
        memory.release(first);
        assertThat(third.get(5, TimeUnit.SECONDS).threads()).isEqualTo(2);
        memory.release(second);
    }

    @Test
    void aHeapTooSmallForOneThreadStillGetsOne() throws Exception {
        assertThat(new CompressionMemory(100).reserve(300, 2).threads()).isEqualTo(1);
    }
}
