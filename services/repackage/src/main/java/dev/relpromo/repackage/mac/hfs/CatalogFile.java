package dev.relpromo.repackage.mac.hfs;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The catalog file's leaf records (TN1150 "Catalog File"): for every node a folder or file record keyed by
 * (parent id, name) and a thread record keyed by (its own id, empty name), sorted by catalog key.
 */
final class CatalogFile {
    static final int ROOT_PARENT_ID = 1;
    static final int ROOT_FOLDER_ID = 2;
    /** TN1150 kHFSFirstUserCatalogNodeID. */
    static final int FIRST_USER_ID = 16;
    /** TN1150 kHFSPlusCatalogKeyMaximumLength (keyLength 6 + 255 units). */
    static final int MAX_KEY_LENGTH = 516;

    static final short FOLDER_RECORD = 1;
    static final short FILE_RECORD = 2;
    static final short FOLDER_THREAD_RECORD = 3;
    static final short FILE_THREAD_RECORD = 4;
    /** TN1150 HFSPlusCatalogFile.flags: kHFSThreadExistsMask. */
    static final short THREAD_EXISTS = 0x0002;
    /** Owner and group 99 ("unknown"): macOS maps them to whoever mounts the image, as for shipped media. */
    static final int UNKNOWN_OWNER = 99;
    static final int SYMLINK_TYPE = 0x736C6E6B; // 'slnk'
    static final int SYMLINK_CREATOR = 0x72686170; // 'rhap'

    private record Keyed(long parentId, HfsName name, BTreeFile.Record record) {
    }

    private static final Comparator<Keyed> KEY_ORDER =
            Comparator.comparingLong(Keyed::parentId).thenComparing(Keyed::name);

    private CatalogFile() {
    }

    /** Counts of what a catalog holds, for the volume header. */
    record Counts(long files, long folders, long nextId) {
    }

    /**
     * Numbers the nodes in catalog order (root 2, then 16, 17, ... depth first), so ids depend only on the tree.
     */
    static Counts assignIds(CatalogNode root) {
        root.id(ROOT_FOLDER_ID);
        long[] next = {FIRST_USER_ID};
        long[] files = {0};
        long[] folders = {0};
        number(root, next, files, folders);
        return new Counts(files[0], folders[0], next[0]);
    }

    private static void number(CatalogNode folder, long[] next, long[] files, long[] folders) {
        for (CatalogNode child : folder.children()) {
            child.id(next[0]++);
            if (child.kind() == CatalogNode.Kind.FOLDER) {
                folders[0]++;
                number(child, next, files, folders);
            } else {
                files[0]++;
            }
        }
    }

    /** Every leaf record of the catalog, in key order; ids must have been assigned. */
    static List<BTreeFile.Record> records(CatalogNode root, HfsName volumeName) {
        List<Keyed> all = new ArrayList<>();
        all.add(new Keyed(ROOT_PARENT_ID, volumeName,
                new BTreeFile.Record(key(ROOT_PARENT_ID, volumeName), folderRecord(root))));
        all.add(thread(root, ROOT_PARENT_ID, volumeName));
        collect(root, all);
        all.sort(KEY_ORDER);
        List<BTreeFile.Record> records = new ArrayList<>(all.size());
        for (Keyed k : all) {
            records.add(k.record());
        }
        return records;
    }

    private static void collect(CatalogNode folder, List<Keyed> out) {
        for (CatalogNode child : folder.children()) {
            byte[] data = child.kind() == CatalogNode.Kind.FOLDER ? folderRecord(child) : fileRecord(child);
            out.add(new Keyed(folder.id(), child.name(), new BTreeFile.Record(key(folder.id(), child.name()), data)));
            out.add(thread(child, folder.id(), child.name()));
            if (child.kind() == CatalogNode.Kind.FOLDER) {
                collect(child, out);
            }
        }
    }

    /** TN1150 HFSPlusCatalogKey: keyLength, parentID, nodeName (HFSUniStr255). */
    static byte[] key(long parentId, HfsName name) {
        ByteBuffer b = ByteBuffer.allocate(2 + 6 + 2 * name.length());
        b.putShort((short) (6 + 2 * name.length())).putInt((int) parentId).putShort((short) name.length());
        for (int i = 0; i < name.length(); i++) {
            b.putChar(name.unit(i));
        }
        return b.array();
    }

    /** TN1150 HFSPlusCatalogThread, keyed by the node's own id and an empty name. */
    private static Keyed thread(CatalogNode node, long parentId, HfsName name) {
        boolean folder = node.kind() == CatalogNode.Kind.FOLDER;
        ByteBuffer b = ByteBuffer.allocate(10 + 2 * name.length());
        b.putShort(folder ? FOLDER_THREAD_RECORD : FILE_THREAD_RECORD).putShort((short) 0).putInt((int) parentId)
                .putShort((short) name.length());
        for (int i = 0; i < name.length(); i++) {
            b.putChar(name.unit(i));
        }
        return new Keyed(node.id(), HfsName.EMPTY, new BTreeFile.Record(key(node.id(), HfsName.EMPTY), b.array()));
    }

    /** TN1150 HFSPlusCatalogFolder (88 bytes). */
    private static byte[] folderRecord(CatalogNode folder) {
        ByteBuffer b = ByteBuffer.allocate(88);
        b.putShort(FOLDER_RECORD).putShort((short) 0).putInt(folder.children().size()).putInt((int) folder.id());
        dates(b, folder);
        bsdInfo(b, folder);
        b.position(b.position() + 16 + 16); // userInfo (FolderInfo), finderInfo (ExtendedFolderInfo)
        b.putInt(0).putInt(0); // textEncoding (MacRoman), reserved
        return b.array();
    }

    /** TN1150 HFSPlusCatalogFile (248 bytes); a symlink is a file typed 'slnk'/'rhap'. */
    private static byte[] fileRecord(CatalogNode file) {
        ByteBuffer b = ByteBuffer.allocate(248);
        b.putShort(FILE_RECORD).putShort(THREAD_EXISTS).putInt(0).putInt((int) file.id());
        dates(b, file);
        bsdInfo(b, file);
        boolean link = file.kind() == CatalogNode.Kind.SYMLINK;
        b.putInt(link ? SYMLINK_TYPE : 0).putInt(link ? SYMLINK_CREATOR : 0); // FileInfo.fileType, fileCreator
        b.position(b.position() + 8 + 16); // finderFlags, location, reservedField; ExtendedFileInfo
        b.putInt(0).putInt(0); // textEncoding, reserved2
        fork(b, file.data());
        fork(b, ForkExtent.EMPTY); // resource fork
        return b.array();
    }

    /** createDate, contentModDate, attributeModDate, accessDate, backupDate (never backed up). */
    private static void dates(ByteBuffer b, CatalogNode node) {
        int date = HfsDates.fromUnix(node.modified());
        b.putInt(date).putInt(date).putInt(date).putInt(date).putInt(0);
    }

    /** TN1150 HFSPlusBSDInfo: owner, group, adminFlags, ownerFlags, fileMode, special. */
    private static void bsdInfo(ByteBuffer b, CatalogNode node) {
        b.putInt(UNKNOWN_OWNER).putInt(UNKNOWN_OWNER).put((byte) 0).put((byte) 0).putShort((short) node.fileMode())
                .putInt(0);
    }

    /** TN1150 HFSPlusForkData: logicalSize, clumpSize, totalBlocks, eight extent descriptors. */
    static void fork(ByteBuffer b, ForkExtent fork) {
        b.putLong(fork.logicalSize()).putInt(0).putInt((int) fork.blockCount());
        b.putInt((int) fork.startBlock()).putInt((int) fork.blockCount());
        b.position(b.position() + 7 * 8);
    }
}
