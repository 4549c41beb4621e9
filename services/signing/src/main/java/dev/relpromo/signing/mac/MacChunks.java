package dev.relpromo.signing.mac;

import dev.relpromo.kit.failure.TaskFailureException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Chunk rules shared by the backends, and the work-directory layout of one chunk. */
public final class MacChunks {
    /** {@code repacks-per-chunk: 5} of the mac-signing kinds (reference §2.5). */
    public static final int MAX_SIZE = 5;

    private MacChunks() {
    }

    /** Refuses an empty chunk, one larger than {@value #MAX_SIZE}, or one naming a repack twice. */
    public static void check(List<MacBundle> chunk) {
        if (chunk.isEmpty() || chunk.size() > MAX_SIZE) {
            throw new TaskFailureException("a mac signing chunk holds 1 to " + MAX_SIZE + " repacks, not "
                    + chunk.size());
        }
        Set<String> ids = new HashSet<>();
        for (MacBundle bundle : chunk) {
            if (!ids.add(bundle.repackId())) {
                throw new TaskFailureException("repack " + bundle.repackId() + " appears twice in the mac signing chunk");
            }
        }
    }

    /**
     * The empty scratch directory of the {@code index}-th bundle (0-based), {@code <workDir>/bundle-<index+1>}.
     * Named by position, not repack id, because ids contain slashes. Left-overs of an earlier run are removed.
     */
    public static Path bundleDir(Path workDir, int index) throws IOException {
        Path dir = workDir.resolve("bundle-" + (index + 1));
        deleteTree(dir);
        return Files.createDirectories(dir);
    }

    /** Deletes a tree without following symlinks (a bundle's links must never lead the deletion elsewhere). */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                dir.toFile().setWritable(true, true); // a tool may leave read-only directories behind
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
