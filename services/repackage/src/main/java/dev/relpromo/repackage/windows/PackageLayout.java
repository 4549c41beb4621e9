package dev.relpromo.repackage.windows;

import java.util.Set;

/**
 * What a package zip may hold, and where its entries go in the 7z: the {@code firefox/} tree becomes
 * {@code core/} (the directory the setup program installs from), root files stay at the root.
 */
enum PackageLayout {
    /** {@code target.zip}: the {@code firefox/} tree and nothing else. */
    INSTALLER("target.zip", Set.of()),
    /** {@code target-stub.zip}: {@code partner.ini} at the root and a (normally empty) {@code firefox/} directory. */
    STUB("target-stub.zip", Set.of("partner.ini"));

    static final String PACKAGE_DIR = "firefox";
    static final String CORE_DIR = "core";

    private final String expectedName;
    private final Set<String> rootFiles;

    PackageLayout(String expectedName, Set<String> rootFiles) {
        this.expectedName = expectedName;
        this.rootFiles = rootFiles;
    }

    /** Whether an entry (checked name, without trailing slash) belongs in this package. */
    boolean allows(String path, boolean directory) {
        if (path.equals(PACKAGE_DIR)) {
            return directory;
        }
        return path.startsWith(PACKAGE_DIR + "/") || !directory && rootFiles.contains(path);
    }

    /** What the package may hold, for messages. */
    String describe() {
        String tree = "the " + PACKAGE_DIR + "/ tree";
        return rootFiles.isEmpty() ? expectedName + " holds only " + tree
                : expectedName + " holds only " + tree + " and " + String.join(", ", rootFiles.stream().sorted().toList());
    }

    /** The entry's name in the 7z: {@code firefox/x} → {@code core/x}. */
    static String archiveName(String path) {
        if (path.equals(PACKAGE_DIR)) {
            return CORE_DIR;
        }
        return path.startsWith(PACKAGE_DIR + "/") ? CORE_DIR + path.substring(PACKAGE_DIR.length()) : path;
    }
}
