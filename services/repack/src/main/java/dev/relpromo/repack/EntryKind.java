package dev.relpromo.repack;

/** The entry types a repack copies; anything else (devices, FIFOs, sparse files) is refused. */
enum EntryKind {
    FILE, DIRECTORY, SYMLINK, HARDLINK;

    boolean isDirectory() {
        return this == DIRECTORY;
    }
}
