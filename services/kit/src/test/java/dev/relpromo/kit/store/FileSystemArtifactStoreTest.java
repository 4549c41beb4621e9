package dev.relpromo.kit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemArtifactStoreTest {
    @TempDir
    Path root;

    @Test
    void writesAtomicallyWithDigestsAndLists() throws IOException {
        FileSystemArtifactStore store = new FileSystemArtifactStore(root);
        StoredObject o = store.put("pub/firefox/a.txt", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(o.size()).isEqualTo(5);
        assertThat(o.sha256()).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(store.stat("pub/firefox/a.txt")).contains(o);
        try (InputStream in = store.open("pub/firefox/a.txt")) {
            assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        }
        store.put("pub/firefox/b/c.txt", new byte[] {1});
        assertThat(store.list("pub")).containsExactly("pub/firefox/a.txt", "pub/firefox/b/c.txt");
        assertThat(store.stat("pub/nope")).isEmpty();
    }

    @Test
    void aWriterThatFailsLeavesNothingVisible() throws IOException {
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
    void refusesKeysThatCouldEscapeTheStore() throws IOException {
        FileSystemArtifactStore store = new FileSystemArtifactStore(root);
        for (String bad : new String[] {"/etc/passwd", "../x", "a/../../x", "a//b", "a\\b", "a/./b", ""}) {
            assertThatThrownBy(() -> store.put(bad, new byte[0])).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
