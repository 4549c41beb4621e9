package dev.relpromo.repackage.windows;

import dev.relpromo.kit.failure.TaskFailureException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * The entries of a package zip as the 7z will hold them, every one checked before a byte is written: safe names
 * ({@link EntryNames}), only what the {@link PackageLayout} allows, no symlinks or other special files, no two
 * names Windows would extract to the same place, and a declared total within the limit.
 *
 * <p>The result is normalised so that the 7z depends only on names and content: entries sorted by their 7z name,
 * every directory present whether the zip lists it or only implies it, no zip time or attribute carried over.
 */
final class PackageEntries {
    private static final int TYPE_MASK = 0170000;

    private PackageEntries() {
    }

    /**
     * @param zipName how messages name the zip (its path)
     */
    static List<ArchiveItem> read(ZipFile zip, String zipName, PackageLayout layout, SevenZipSettings settings) {
        Map<String, String> entryNames = new HashMap<>();   // collision key → name as written, for duplicates
        Map<String, String> directories = new HashMap<>();  // collision key → path, listed or implied
        Set<String> files = new HashSet<>();                // collision keys
        List<ArchiveItem> items = new ArrayList<>();
        long declared = 0;
        for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
            String name = entry.getName();
            String path = EntryNames.check(name, zipName);
            boolean directory = entry.isDirectory();
            checkType(entry, zipName);
            if (!layout.allows(path, directory)) {
                throw EntryNames.refused(name, zipName, "lies outside " + PackageLayout.PACKAGE_DIR + "/ ("
                        + layout.describe() + ")");
            }
            String key = EntryNames.collisionKey(path);
            String earlier = entryNames.putIfAbsent(key, name);
            if (earlier != null) {
                throw EntryNames.refused(name, zipName, earlier.equals(name) ? "appears twice"
                        : "would overwrite '" + earlier + "' (Windows ignores case and trailing slashes)");
            }
            addParents(path, name, zipName, directories);
            if (directory) {
                addDirectory(path, name, zipName, directories);
                continue;
            }
            if (!zip.canReadEntryData(entry)) {
                throw EntryNames.refused(name, zipName, "is encrypted or uses an unsupported compression method ("
                        + entry.getMethod() + ")");
            }
            if (entry.getSize() < 0) {
                throw EntryNames.refused(name, zipName, "declares no size");
            }
            declared += entry.getSize();
            if (declared > settings.maxUncompressedBytes()) {
                throw new TaskFailureException(zipName + " declares more than " + settings.maxUncompressedBytes()
                        + " bytes of content (at entry '" + name + "'): refusing it");
            }
            files.add(key);
            String origin = "'" + name + "' in " + zipName;
            items.add(ArchiveItem.file(PackageLayout.archiveName(path), entry.getSize(), entry.getCrc(), origin,
                    () -> zip.getInputStream(entry)));
        }
        for (String key : files) {
            if (directories.containsKey(key)) {
                throw EntryNames.refused(entryNames.get(key), zipName, "is a file, but other entries lie inside it");
            }
        }
        if (!directories.containsKey(PackageLayout.PACKAGE_DIR)) {
            throw new TaskFailureException(zipName + " holds no " + PackageLayout.PACKAGE_DIR + "/ directory ("
                    + layout.describe() + ")");
        }
        if (layout == PackageLayout.INSTALLER && files.isEmpty()) {
            throw new TaskFailureException(zipName + " holds no files below " + PackageLayout.PACKAGE_DIR + "/");
        }
        for (String path : directories.values()) {
            items.add(ArchiveItem.directory(PackageLayout.archiveName(path), "'" + path + "/' in " + zipName));
        }
        items.sort(Comparator.comparing(ArchiveItem::name));
        return items;
    }

    private static void checkType(ZipArchiveEntry entry, String zipName) {
        if (entry.isUnixSymlink()) {
            throw EntryNames.refused(entry.getName(), zipName, "is a symlink");
        }
        if (entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX) {
            int type = entry.getUnixMode() & TYPE_MASK;
            if (type != 0 && type != UnixStat.FILE_FLAG && type != UnixStat.DIR_FLAG) {
                throw EntryNames.refused(entry.getName(), zipName, "is not a regular file or directory (mode "
                        + Integer.toOctalString(entry.getUnixMode()) + ")");
            }
        }
    }

    private static void addParents(String path, String name, String zipName, Map<String, String> directories) {
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            addDirectory(path.substring(0, slash), name, zipName, directories);
        }
    }

    private static void addDirectory(String path, String name, String zipName, Map<String, String> directories) {
        String earlier = directories.putIfAbsent(EntryNames.collisionKey(path), path);
        if (earlier != null && !earlier.equals(path)) {
            // "a/x" and "A/y" are one directory on Windows but two in the archive: their order would decide
            throw EntryNames.refused(name, zipName, "lies in '" + path + "', which differs from '" + earlier
                    + "' only in case");
        }
    }
}
