package dev.relpromo.signing.mac;

/**
 * One entry of an extracted bundle as the manifest and the packer see it.
 *
 * @param path   relative to the {@code .app} directory, {@code /}-separated ({@code Contents/MacOS/firefox})
 * @param type   what it is
 * @param mode   the normalised permission bits: files 0644 or 0755, directories 0755, symlinks 0777
 * @param size   bytes of a file, 0 otherwise
 * @param target a symlink's target, null otherwise
 */
record TreeEntry(String path, Type type, int mode, long size, String target) {
    static final int FILE_MODE = 0644;
    static final int EXECUTABLE_MODE = 0755;
    static final int DIRECTORY_MODE = 0755;
    static final int SYMLINK_MODE = 0777;

    enum Type {
        DIRECTORY("directory"), FILE("file"), SYMLINK("symlink");

        final String json;

        Type(String json) {
            this.json = json;
        }

        static Type fromJson(String value) {
            for (Type type : values()) {
                if (type.json.equals(value)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("unknown entry type '" + value + "'");
        }
    }

    /** Modes are normalised to "executable or not" so that umasks and tools cannot change the signed bytes. */
    static int fileMode(boolean executable) {
        return executable ? EXECUTABLE_MODE : FILE_MODE;
    }

    String octalMode() {
        return String.format("%04o", mode);
    }
}
