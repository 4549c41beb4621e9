package dev.relpromo.repackage.mac;

import static dev.relpromo.repackage.mac.EntryRules.refuse;

import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.repackage.mac.hfs.CatalogNode;
import dev.relpromo.repackage.mac.hfs.ForkExtent;
import dev.relpromo.repackage.mac.hfs.HfsName;
import dev.relpromo.repackage.mac.hfs.HfsVolumeWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Streams the entries of {@code target.tar.gz} into an HFS+ volume: every entry must lie in the one {@code .app}
 * bundle at the root, be a folder, regular file or symlink, and be unique by HFS+'s case-insensitive names. File
 * data goes straight to the volume; only application.ini is kept, for the volume name.
 */
final class BundleStager {
    /** The Finder alias to /Applications; mozbuild removes one found in the input and makes its own. */
    static final String APPLICATIONS_LINK = " ";

    private final DiskImageLimits limits;
    private final HfsVolumeWriter volume;
    private String bundle;
    private byte[] applicationIni;
    private long newestModified = Long.MIN_VALUE;
    private long totalBytes;
    private int entries;

    /** What the archive held. */
    record Staged(String bundle, byte[] applicationIni, long newestModified) {
    }

    BundleStager(DiskImageLimits limits, HfsVolumeWriter volume) {
        this.limits = limits;
        this.volume = volume;
    }

    Staged stage(TarArchiveInputStream tar) throws IOException {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            if (++entries > limits.maxEntries()) {
                throw new TaskFailureException("target.tar.gz has more than " + limits.maxEntries() + " entries");
            }
            add(entry, tar);
        }
        if (bundle == null) {
            throw new TaskFailureException("target.tar.gz holds no .app bundle at its root");
        }
        return new Staged(bundle, applicationIni, newestModified == Long.MIN_VALUE ? 0 : newestModified);
    }

    private void add(TarArchiveEntry entry, InputStream data) throws IOException {
        String name = entry.getName();
        checkType(entry, name);
        List<String> parts = EntryRules.components(name);
        if (parts.isEmpty()) {
            if (!entry.isDirectory()) {
                throw refuse(name, "is not a directory but names the archive root");
            }
            return; // "./": the volume root is made, not copied
        }
        if (parts.size() == 1 && parts.get(0).equals(APPLICATIONS_LINK) && !entry.isDirectory()) {
            return;
        }
        String top = parts.get(0);
        if (bundle == null) {
            if (!top.endsWith(".app") || top.length() <= 4) {
                throw refuse(name, "lies outside the .app bundle (the archive must hold one <Name>.app at its root)");
            }
            bundle = top;
        } else if (!top.equals(bundle)) {
            throw refuse(name, "lies outside the .app bundle '" + bundle + "'");
        }
        if (parts.size() == 1 && !entry.isDirectory()) {
            throw refuse(name, "is the bundle but not a directory");
        }
        long modified = Math.floorDiv(entry.getModTime().getTime(), 1000L);
        newestModified = Math.max(newestModified, modified);
        CatalogNode folder = parentFolder(name, parts, modified);
        HfsName leaf = hfsName(name, parts.get(parts.size() - 1));
        CatalogNode existing = folder.child(leaf);
        int permissions = entry.getMode() & 0777; // setuid, setgid and sticky dropped, as mozbuild's chmod a-st
        if (entry.isDirectory()) {
            if (existing == null) {
                folder.addFolder(leaf, permissions, modified).declare(permissions, modified);
            } else if (existing.kind() == CatalogNode.Kind.FOLDER && !existing.declared()) {
                existing.declare(permissions, modified);
            } else {
                throw duplicate(name, existing);
            }
            return;
        }
        if (existing != null) {
            throw duplicate(name, existing);
        }
        if (entry.isSymbolicLink()) {
            String target = entry.getLinkName();
            EntryRules.checkLinkTarget(name, parts, target);
            ForkExtent fork = volume.writeFork(target.getBytes(StandardCharsets.UTF_8));
            folder.addSymlink(leaf, permissions, modified, fork);
            return;
        }
        folder.addFile(leaf, permissions, modified, writeFile(entry, name, parts, data));
    }

    private ForkExtent writeFile(TarArchiveEntry entry, String name, List<String> parts, InputStream data)
            throws IOException {
        long size = entry.getSize();
        if (size < 0 || size > limits.maxFileBytes()) {
            throw refuse(name, "has an absurd size of " + size + " bytes (limit " + limits.maxFileBytes() + ")");
        }
        totalBytes += size;
        if (totalBytes > limits.maxTotalBytes()) {
            throw refuse(name, "takes the archive past " + limits.maxTotalBytes() + " bytes of files");
        }
        if (isApplicationIni(parts)) {
            if (size > ApplicationIni.MAX_BYTES) {
                throw refuse(name, "is larger than " + ApplicationIni.MAX_BYTES + " bytes");
            }
            applicationIni = data.readNBytes((int) size);
            if (applicationIni.length != size) {
                throw refuse(name, "is truncated");
            }
            return volume.writeFork(new ByteArrayInputStream(applicationIni), size);
        }
        try {
            return volume.writeFork(data, size);
        } catch (java.io.EOFException e) {
            throw new TaskFailureException("target.tar.gz entry '" + name + "' is truncated", e);
        }
    }

    private boolean isApplicationIni(List<String> parts) {
        return parts.equals(List.of(bundle, "Contents", "Resources", "application.ini"));
    }

    /** The folder holding the entry, creating the folders that the archive implies but does not list. */
    private CatalogNode parentFolder(String name, List<String> parts, long modified) {
        CatalogNode folder = volume.root();
        for (int i = 0; i < parts.size() - 1; i++) {
            HfsName n = hfsName(name, parts.get(i));
            CatalogNode next = folder.child(n);
            if (next == null) {
                next = folder.addFolder(n, 0755, modified);
            } else if (next.kind() != CatalogNode.Kind.FOLDER) {
                throw refuse(name, "lies below '" + parts.get(i) + "', which is not a directory");
            }
            folder = next;
        }
        return folder;
    }

    private static HfsName hfsName(String entryName, String component) {
        try {
            return HfsName.of(component);
        } catch (IllegalArgumentException e) {
            throw refuse(entryName, "has a name HFS+ cannot store here: " + e.getMessage());
        }
    }

    private static TaskFailureException duplicate(String name, CatalogNode existing) {
        return refuse(name, "duplicates '" + existing.name() + "' (HFS+ names are case-insensitive)");
    }

    private static void checkType(TarArchiveEntry entry, String name) {
        if (entry.isLink()) {
            throw refuse(name, "is a hard link to '" + entry.getLinkName() + "'");
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            throw refuse(name, "is a device");
        }
        if (entry.isFIFO()) {
            throw refuse(name, "is a FIFO");
        }
        byte flag = entry.getLinkFlag();
        boolean regular = flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM
                || flag == TarConstants.LF_CONTIG;
        if (!regular && !entry.isDirectory() && !entry.isSymbolicLink()) {
            throw refuse(name, "has the unsupported tar type '" + (char) flag + "'");
        }
    }
}
