package dev.relpromo.kit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a local directory, and what only the file system store does (temporaries, sidecars). */
class FileSystemArtifactStoreTest extends ArtifactStoreContract {
    @TempDir
    Path root;

    private int stores;

    @Override
    ArtifactStore newStore() throws IOException {
        return new FileSystemArtifactStore(root.resolve("contract-" + ++stores));
    }

    @Test
    void aWriterThatFailsLeavesNoTemporaryFile() throws IOException {
        FileSystemArtifactStore store = new FileSystemArtifactStore(root);
        store.put("x/keep.bin", "old".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store.write("x/keep.bin", out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(root.resolve("x/keep.bin"))).isEqualTo("old");
        try (Stream<Path> files = Files.list(root.resolve("x"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp-"));
        }
    }

    @Test
    void aSecondWriteOfIdenticalBytesLeavesTheFileUntouched() throws IOException {
        FileSystemArtifactStore store = new FileSystemArtifactStore(root);
        StoredObject first = store.put("a/b.bin", bytes("same"));
        FileTime written = Files.getLastModifiedTime(root.resolve("a/b.bin"));

        assertThat(store.put("a/b.bin", bytes("same"))).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(root.resolve("a/b.bin"))).isEqualTo(written);
        assertThat(hiddenFiles(root.resolve("a"))).containsExactly(".b.bin.digests");
    }

    @Test
    void aSecondWriteOfDifferentBytesLeavesTheFileAndItsSidecar() throws IOException {
        FileSystemArtifactStore store = new FileSystemArtifactStore(root);
        StoredObject first = store.put("a/b.bin", bytes("first"));
        String second = Digests.hash(new java.io.ByteArrayInputStream(bytes("second"))).sha512();

        assertThatThrownBy(() -> store.put("a/b.bin", bytes("second")))
                .isInstanceOf(StoreConflictException.class)
                .hasMessage("artifact-store key 'a/b.bin' in " + store.describe() + " already holds different content"
                        + " (sha512 " + first.sha512() + "); refusing to replace it with sha512 " + second
                        + " (stored objects are written once)");
        assertThat(Files.readString(root.resolve("a/b.bin"))).isEqualTo("first");
        assertThat(store.stat("a/b.bin")).contains(first);
        assertThat(hiddenFiles(root.resolve("a"))).containsExactly(".b.bin.digests");
    }

    @Test
    void concurrentWritersOfOneKeyCannotOverwriteEachOther() throws Exception {
        FileSystemArtifactStore store = new FileSystemArtifactStore(root);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // both writers have streamed their content before either publishes it
            for (boolean identical : new boolean[] {true, false}) {
                String key = "race/" + identical + ".bin";
                CountDownLatch bothWritten = new CountDownLatch(2);
                List<Future<StoredObject>> writes = new ArrayList<>();
                for (String content : identical ? List.of("x", "x") : List.of("x", "y")) {
                    writes.add(pool.submit(() -> store.write(key, out -> {
                        out.write(bytes(content));
                        bothWritten.countDown();
                        awaitQuietly(bothWritten);
                    })));
                }
                List<Object> outcomes = new ArrayList<>();
                for (Future<StoredObject> w : writes) {
                    try {
                        outcomes.add(w.get(30, TimeUnit.SECONDS));
                    } catch (java.util.concurrent.ExecutionException e) {
                        outcomes.add(e.getCause());
                    }
                }
                String stored = Files.readString(root.resolve(key));
                if (identical) {
                    assertThat(outcomes).allMatch(o -> o instanceof StoredObject so && so.size() == 1)
                            .first().isEqualTo(outcomes.get(1));
                } else {
                    assertThat(outcomes).filteredOn(o -> o instanceof StoreConflictException).hasSize(1);
                    assertThat(outcomes).filteredOn(o -> o instanceof StoredObject).singleElement()
                            .isEqualTo(store.stat(key).orElseThrow());
                    assertThat(stored).isIn("x", "y");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(hiddenFiles(root.resolve("race"))).containsExactlyInAnyOrder(".true.bin.digests", ".false.bin.digests");
    }

    @Test
    void aSidecarThatNoLongerMatchesItsObjectIsNotTrusted() throws IOException {
        FileSystemArtifactStore store = new FileSystemArtifactStore(root);
        store.put("a/b.bin", bytes("before"));
        Path object = root.resolve("a/b.bin");
        // the object changes behind the sidecar: same size, other bytes, a later mtime
        Files.write(object, bytes("after!"));
        Files.setLastModifiedTime(object, FileTime.from(Instant.now().plusSeconds(5)));
        Digests.Hashed now = Digests.hashFile(object);

        assertThat(store.stat("a/b.bin")).contains(new StoredObject("a/b.bin", 6, now.sha512(), now.sha256()));
        // the re-hash is remembered for the object as it is now
        assertThat(Files.readString(object.resolveSibling(".b.bin.digests"))).contains(now.sha512());
        assertThat(store.stat("a/b.bin").orElseThrow().sha512()).isEqualTo(now.sha512());
    }

    @Test
    void theSidecarRecordsTheSizeAndMtimeOfThePublishedObject() throws IOException {
        FileSystemArtifactStore store = new FileSystemArtifactStore(root);
        StoredObject o = store.put("a/b.bin", bytes("content"));
        Path object = root.resolve("a/b.bin");
        long mtime = Files.getLastModifiedTime(object).to(TimeUnit.NANOSECONDS);

        assertThat(Files.readString(object.resolveSibling(".b.bin.digests")))
                .isEqualTo("v2 7 " + mtime + " " + o.sha512() + " " + o.sha256() + "\n");
        // a sidecar written before the object (or for an older object of the same size) does not match its mtime
        Files.write(object, bytes("CONTENT"));
        Files.setLastModifiedTime(object, FileTime.from(mtime + 1_000_000, TimeUnit.NANOSECONDS));
        assertThat(store.stat("a/b.bin").orElseThrow().sha512()).isNotEqualTo(o.sha512());
    }

    @Test
    void startUpCleaningRemovesThisInstancesAndAbandonedTemporariesOnly() throws IOException {
        FileSystemArtifactStore mine = new FileSystemArtifactStore(root, "worker-1");
        FileSystemArtifactStore other = new FileSystemArtifactStore(root, "worker.1");
        mine.put("a/kept.bin", bytes("kept"));
        // what interrupted writes leave: a temporary file of each instance, an old one, a sidecar without object
        Path dir = root.resolve("a");
        Path myLeftover = Files.write(dir.resolve(".tmp-" + SafeNames.encode("worker-1", 24) + ".1234"), bytes("partial"));
        Path othersLive = Files.write(dir.resolve(".tmp-" + SafeNames.encode("worker.1", 24) + ".5678"), bytes("writing"));
        Path abandoned = Files.write(dir.resolve(".tmp-" + SafeNames.encode("gone", 24) + ".9abc"), bytes("old"));
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path orphanSidecar = Files.write(dir.resolve(".lost.bin.digests"), bytes("v2 1 1 x y"));
        assertThat(mine.list("")).containsExactly("a/kept.bin");

        assertThat(mine.cleanTemporaries()).isEqualTo(3);

        assertThat(myLeftover).doesNotExist();
        assertThat(abandoned).doesNotExist();
        assertThat(orphanSidecar).doesNotExist();
        assertThat(othersLive).exists();
        assertThat(hiddenFiles(dir)).containsExactlyInAnyOrder(".kept.bin.digests", othersLive.getFileName().toString());
        assertThat(other.cleanTemporaries()).isEqualTo(1);
        assertThat(hiddenFiles(dir)).containsExactly(".kept.bin.digests");
        assertThat(mine.stat("a/kept.bin").orElseThrow().size()).isEqualTo(4);
    }

    private static List<String> hiddenFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).sorted().toList();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
