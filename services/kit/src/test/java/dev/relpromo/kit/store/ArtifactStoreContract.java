package dev.relpromo.kit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ArtifactStore} does, whatever keeps the bytes. Each implementation's test extends it with a
 * fresh, empty store per test.
 */
abstract class ArtifactStoreContract {
    /** S3's smallest part (S3Proxy enforces it too): "larger than a part" stays cheap. */
    static final int PART_SIZE = 5 << 20;

    @TempDir
    Path scratch;

    /** A fresh, empty store; one that splits uploads (and copies) into parts of {@link #PART_SIZE} if it does. */
    abstract ArtifactStore newStore() throws IOException;

    @Test
    void writesWithDigestsThenOpensStatsAndLists() throws IOException {
        ArtifactStore store = newStore();
        StoredObject o = store.put("pub/firefox/a.txt", bytes("hello"));
        assertThat(o).isEqualTo(new StoredObject("pub/firefox/a.txt", 5, sha512("hello"),
                "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"));
        assertThat(store.stat("pub/firefox/a.txt")).contains(o);
        assertThat(store.exists("pub/firefox/a.txt")).isTrue();
        assertThat(read(store, "pub/firefox/a.txt")).isEqualTo(bytes("hello"));
        store.put("pub/firefox/b/c.txt", new byte[] {1});
        store.put("pubx/d.txt", new byte[] {2});
        store.put("empty.bin", new byte[0]);
        assertThat(store.list("pub")).containsExactly("pub/firefox/a.txt", "pub/firefox/b/c.txt");
        assertThat(store.list("pub/")).containsExactly("pub/firefox/a.txt", "pub/firefox/b/c.txt");
        assertThat(store.list("pub/firefox/a.txt")).containsExactly("pub/firefox/a.txt");
        assertThat(store.list("")).containsExactly("empty.bin", "pub/firefox/a.txt", "pub/firefox/b/c.txt", "pubx/d.txt");
        assertThat(store.list("nothing/here")).isEmpty();
        assertThat(store.stat("empty.bin").orElseThrow().size()).isZero();
    }

    @Test
    void missingKeys() throws IOException {
        ArtifactStore store = newStore();
        assertThat(store.stat("pub/nope")).isEmpty();
        assertThat(store.exists("pub/nope")).isFalse();
        assertThatThrownBy(() -> store.open("pub/nope")).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("'pub/nope'").hasMessageContaining(store.describe());
        assertThatThrownBy(() -> store.copy("pub/nope", "pub/other")).isInstanceOf(NoSuchFileException.class);
        assertThat(store.exists("pub/other")).isFalse();
    }

    @Test
    void putsALocalFile() throws IOException {
        ArtifactStore store = newStore();
        Path file = Files.write(scratch.resolve("f.bin"), bytes("from a file"));
        assertThat(store.put("a/f.bin", file).sha512()).isEqualTo(sha512("from a file"));
        assertThat(read(store, "a/f.bin")).isEqualTo(bytes("from a file"));
    }

    @Test
    void writersMayCloseTheStreamTheyAreGiven() throws IOException {
        ArtifactStore store = newStore();
        store.write("a/closed.bin", out -> {
            out.write(bytes("abc"));
            out.close();
        });
        assertThat(read(store, "a/closed.bin")).isEqualTo(bytes("abc"));
    }

    @Test
    void aWriterThatFailsLeavesNothingVisible() throws IOException {
        ArtifactStore store = newStore();
        store.put("x/keep.bin", bytes("old"));
        assertThatThrownBy(() -> store.write("x/keep.bin", out -> {
            out.write(bytes("partial"));
            throw new IOException("disk full");
        })).hasMessage("disk full");
        byte[] large = random(PART_SIZE + 17, 1);
        assertThatThrownBy(() -> store.write("x/new.bin", out -> {
            out.write(large); // more than a part: already uploading when it fails
            throw new IOException("tool crashed");
        })).hasMessage("tool crashed");
        assertThat(read(store, "x/keep.bin")).isEqualTo(bytes("old"));
        assertThat(store.exists("x/new.bin")).isFalse();
        assertThat(store.list("")).containsExactly("x/keep.bin");
    }

    @Test
    void objectsLargerThanAPartStreamInParts() throws IOException {
        ArtifactStore store = newStore();
        byte[] content = random(2 * PART_SIZE + 12345, 2);
        StoredObject o = store.write("big/blob.bin", out -> {
            for (int off = 0; off < content.length; off += 1000) { // small writes, as tools do
                out.write(content, off, Math.min(1000, content.length - off));
            }
        });
        Digests.Hashed expected = Digests.hash(new ByteArrayInputStream(content));
        assertThat(o).isEqualTo(new StoredObject("big/blob.bin", content.length, expected.sha512(), expected.sha256()));
        assertThat(store.stat("big/blob.bin")).contains(o);
        assertThat(read(store, "big/blob.bin")).isEqualTo(content);
        assertThat(store.list("big")).containsExactly("big/blob.bin");
        // a part-sized object is one part exactly
        byte[] onePart = random(PART_SIZE, 3);
        assertThat(store.put("big/one.bin", onePart).size()).isEqualTo(PART_SIZE);
        assertThat(read(store, "big/one.bin")).isEqualTo(onePart);
        assertThat(store.put("big/blob.bin", content)).isEqualTo(o); // write-once holds for large objects too
    }

    @Test
    void refusesKeysThatCouldEscapeTheStore() throws IOException {
        ArtifactStore store = newStore();
        for (String bad : new String[] {"/etc/passwd", "../x", "a/../../x", "a//b", "a\\b", "a/./b", "", "a/"}) {
            assertThatThrownBy(() -> store.put(bad, new byte[0])).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.stat(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.open(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void refusesHiddenFileNamesWhichTheStoreReservesForItself() throws IOException {
        ArtifactStore store = newStore();
        store.put("a/b.bin", bytes("x"));
        for (String bad : List.of("a/.b.bin.digests", "a/.tmp-local.1", ".x")) {
            assertThatThrownBy(() -> store.put(bad, bytes("y"))).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("artifact-store key '" + bad + "' names a hidden file (starting with '.'), which the"
                            + " store reserves for its temporary files and digests");
            assertThatThrownBy(() -> store.stat(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aSecondWriteOfIdenticalBytesReturnsTheExistingObject() throws IOException {
        ArtifactStore store = newStore();
        StoredObject first = store.put("a/b.bin", bytes("same"));
        assertThat(store.put("a/b.bin", bytes("same"))).isEqualTo(first);
        assertThat(store.list("a")).containsExactly("a/b.bin");
    }

    @Test
    void aSecondWriteOfDifferentBytesFailsNamingTheKeyAndBothDigests() throws IOException {
        ArtifactStore store = newStore();
        StoredObject first = store.put("a/b.bin", bytes("first"));

        assertThatThrownBy(() -> store.put("a/b.bin", bytes("second")))
                .isInstanceOf(StoreConflictException.class)
                .hasMessage("artifact-store key 'a/b.bin' in " + store.describe() + " already holds different content"
                        + " (sha512 " + first.sha512() + "); refusing to replace it with sha512 " + sha512("second")
                        + " (stored objects are written once)");
        assertThat(read(store, "a/b.bin")).isEqualTo(bytes("first"));
        assertThat(store.stat("a/b.bin")).contains(first);
    }

    @Test
    void copiesWithTheWriteOnceRules() throws IOException {
        ArtifactStore store = newStore();
        StoredObject source = store.put("releng/a.bin", bytes("artifact"));
        StoredObject copied = store.copy("releng/a.bin", "pub/a.bin");
        assertThat(copied).isEqualTo(new StoredObject("pub/a.bin", source.size(), source.sha512(), source.sha256()));
        assertThat(store.stat("pub/a.bin")).contains(copied);
        assertThat(read(store, "pub/a.bin")).isEqualTo(bytes("artifact"));
        assertThat(store.copy("releng/a.bin", "pub/a.bin")).isEqualTo(copied);

        store.put("releng/other.bin", bytes("other"));
        assertThatThrownBy(() -> store.copy("releng/other.bin", "pub/a.bin")).isInstanceOf(StoreConflictException.class)
                .hasMessageContaining("'pub/a.bin'");
        assertThat(read(store, "pub/a.bin")).isEqualTo(bytes("artifact"));
    }

    @Test
    void copiesObjectsLargerThanAPart() throws IOException {
        ArtifactStore store = newStore();
        byte[] content = random(2 * PART_SIZE + 99, 4);
        StoredObject source = store.put("releng/big.bin", content);
        StoredObject copied = store.copy("releng/big.bin", "pub/big.bin");
        assertThat(copied.sha512()).isEqualTo(source.sha512());
        assertThat(store.stat("pub/big.bin")).contains(copied);
        assertThat(read(store, "pub/big.bin")).isEqualTo(content);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String sha512(String s) throws IOException {
        return Digests.hash(new ByteArrayInputStream(bytes(s))).sha512();
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] read(ArtifactStore store, String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }
}
