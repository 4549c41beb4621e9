package dev.relpromo.balrog.mar;

/** One file of a MAR: where its bytes are in the archive, their length, the file mode flags and its path. */
public record MarEntry(long offset, long size, int flags, String name) {
    public MarEntry {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a MAR entry needs a name");
        }
    }
}
