package dev.relpromo.repack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CompressionMemoryTest {

    @Test
    void concurrentRepacksShareTheHeapAndWaitWhenItIsTaken() throws Exception {
        CompressionMemory memory = new CompressionMemory(1000);

        CompressionMemory.Grant first = memory.reserve(300, 4);
        CompressionMemory.Grant second = memory.reserve(300, 4);
        assertThat(first.threads()).isEqualTo(3);
        assertThat(second.threads()).isEqualTo(1); // 100 left: less than a thread, but the others hold memory

        CompletableFuture<CompressionMemory.Grant> third = CompletableFuture.supplyAsync(() -> {
            try {
                return memory.reserve(300, 4);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(100);
        assertThat(third).isNotDone(); // 0 left: waits
        memory.release(first);
        assertThat(third.get(5, TimeUnit.SECONDS).threads()).isEqualTo(3);
    }

    @Test
    void aHeapTooSmallForOneThreadStillGetsOne() throws Exception {
        assertThat(new CompressionMemory(100).reserve(300, 2).threads()).isEqualTo(1);
    }
}
