package dev.relpromo.signing.mac;

import dev.relpromo.kit.failure.TaskFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.stream.Stream;

/**
 * Walks an extracted {@code .app} in one fixed order: depth first, a directory before its children, siblings sorted
 * by name. The manifest and the tar writer both use this walk, so their order is the same on every run and host
 * (directory listing order is not). Only one directory listing is held at a time.
 */
final class BundleTree {
    private BundleTree() {
    }

    @FunctionalInterface
    interface Visitor {
        /** Called for every entry below the {@code .app} (not the {@code .app} itself); {@code file} is on disk. */
        void visit(TreeEntry entry, Path file) throws IOException;
    }

    static void walk(Path appDir, String app, Visitor visitor) throws IOException {
        walk(appDir, "", app, visitor);
    }

    private static void walk(Path dir, String prefix, String app, Visitor visitor) throws IOException {
        List<Path> children;
        try (Stream<Path> listing = Files.list(dir)) {
            children = listing.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        }
        for (Path child : children) {
            String path = prefix + child.getFileName();
            TreeEntry entry = entryOf(child, path, app);
            visitor.visit(entry, child);
            if (entry.type() == TreeEntry.Type.DIRECTORY) {
                walk(child, path + "/", app, visitor);
            }
        }
    }

    private static TreeEntry entryOf(Path file, String path, String app) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            String target = Files.readSymbolicLink(file).toString();
            EntryRules.checkSymlink(app + "/" + path, path, target, app);
            return new TreeEntry(path, TreeEntry.Type.SYMLINK, TreeEntry.SYMLINK_MODE, 0, target);
        }
        if (attributes.isDirectory()) {
            return new TreeEntry(path, TreeEntry.Type.DIRECTORY, TreeEntry.DIRECTORY_MODE, 0, null);
        }
        if (attributes.isRegularFile()) {
            boolean executable = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .permissions().contains(PosixFilePermission.OWNER_EXECUTE);
            return new TreeEntry(path, TreeEntry.Type.FILE, TreeEntry.fileMode(executable), attributes.size(), null);
        }
        throw new TaskFailureException("bundle entry '" + app + "/" + path
                + "' is not a regular file, directory or symlink (a device, FIFO or socket), which a bundle never holds");
    }
}
