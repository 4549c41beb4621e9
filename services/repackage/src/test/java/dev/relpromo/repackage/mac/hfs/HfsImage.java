package dev.relpromo.repackage.mac.hfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-side HFS+ reader: walks the catalog's leaf chain, checks the key order and the B-tree header, and gives
 * every node by path (relative to the volume root, '/'-separated, POSIX names).
 */
public final class HfsImage {
    /** One catalog node as read back. */
    public record Node(long id, long parentId, String name, int recordType, int mode, int fileType, int creator,
            long size, long startBlock, int valence, int date) {
        public boolean isFolder() {
            return recordType == 1;
        }
    }

    private final ByteBuffer image;
    private final int blockSize;
    private final Map<Long, Node> byId = new LinkedHashMap<>();
    private final Map<String, Node> byPath = new LinkedHashMap<>();
    private final List<String> keys = new ArrayList<>();
    private String volumeName;
    private int treeDepth;
    private int volumeFiles;
    private int volumeFolders;

    public HfsImage(byte[] bytes) {
        image = ByteBuffer.wrap(bytes);
        ByteBuffer vh = image.slice(1024, 512);
        assertThat(vh.getShort(0)).as("signature H+").isEqualTo((short) 0x482B);
        assertThat(vh.getShort(2)).as("version").isEqualTo((short) 4);
        blockSize = vh.getInt(40);
        long totalBlocks = Integer.toUnsignedLong(vh.getInt(44));
        assertThat(totalBlocks * blockSize).isEqualTo(bytes.length);
        assertThat(image.slice(bytes.length - 1024, 512)).as("alternate header").isEqualTo(vh);
        volumeFiles = vh.getInt(32);
        volumeFolders = vh.getInt(36);
        long catalogStart = Integer.toUnsignedLong(vh.getInt(272 + 16));
        readCatalog(catalogStart * blockSize);
        buildPaths();
    }

    private void readCatalog(long offset) {
        ByteBuffer header = image.slice((int) offset, 512);
        assertThat(header.get(8)).as("header node kind").isEqualTo((byte) 1);
        treeDepth = header.getShort(14);
        int leafRecords = header.getInt(14 + 6);
        int firstLeaf = header.getInt(14 + 10);
        int nodeSize = header.getShort(14 + 18) & 0xFFFF;
        int seen = 0;
        String previous = null;
        long previousParent = -1;
        for (int n = firstLeaf; n != 0; ) {
            ByteBuffer node = image.slice((int) (offset + (long) n * nodeSize), nodeSize);
            assertThat(node.get(8)).as("leaf kind").isEqualTo((byte) -1);
            int records = node.getShort(10);
            for (int r = 0; r < records; r++) {
                int at = node.getShort(nodeSize - 2 * (r + 1));
                int keyLength = node.getShort(at);
                long parent = Integer.toUnsignedLong(node.getInt(at + 2));
                String name = name(node, at + 6);
                int data = at + 2 + keyLength;
                if (previous != null) {
                    boolean ascending = parent > previousParent || parent == previousParent && before(previous, name);
                    assertThat(ascending).as("key (%d,%s) after (%d,%s)", parent, name, previousParent, previous).isTrue();
                }
                previous = name;
                previousParent = parent;
                keys.add(parent + "/" + name);
                record(node, parent, name, data);
                seen++;
            }
            n = node.getInt(0);
        }
        assertThat(seen).as("leaf records").isEqualTo(leafRecords);
    }

    /** Catalog order within one parent: the thread's empty name first, then HFS+ name order. */
    private static boolean before(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && !b.isEmpty();
        }
        return HfsName.of(a).compareTo(HfsName.of(b)) < 0;
    }

    private void record(ByteBuffer node, long parent, String name, int p) {
        int type = node.getShort(p);
        if (type == 1) {
            long id = Integer.toUnsignedLong(node.getInt(p + 8));
            byId.put(id, new Node(id, parent, name, type, node.getShort(p + 42) & 0xFFFF, 0, 0, 0, 0,
                    node.getInt(p + 4), node.getInt(p + 16)));
            if (parent == 1) {
                volumeName = name;
            }
        } else if (type == 2) {
            long id = Integer.toUnsignedLong(node.getInt(p + 8));
            byId.put(id, new Node(id, parent, name, type, node.getShort(p + 42) & 0xFFFF, node.getInt(p + 48),
                    node.getInt(p + 52), node.getLong(p + 88), Integer.toUnsignedLong(node.getInt(p + 104)), 0,
                    node.getInt(p + 16)));
        }
    }

    private static String name(ByteBuffer node, int at) {
        int length = node.getShort(at);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            char c = node.getChar(at + 2 + 2 * i);
            s.append(c == '/' ? ':' : c);
        }
        return s.toString();
    }

    private void buildPaths() {
        for (Node n : byId.values()) {
            if (n.id() == 2) {
                continue;
            }
            StringBuilder path = new StringBuilder(n.name());
            for (Node p = byId.get(n.parentId()); p != null && p.id() != 2; p = byId.get(p.parentId())) {
                path.insert(0, p.name() + "/");
            }
            byPath.put(path.toString(), n);
        }
    }

    public String volumeName() {
        return volumeName;
    }

    public Node root() {
        return byId.get(2L);
    }

    public Map<String, Node> nodes() {
        return byPath;
    }

    public Node node(String path) {
        Node n = byPath.get(path);
        assertThat(n).as(path).isNotNull();
        return n;
    }

    public byte[] data(String path) {
        Node n = node(path);
        byte[] out = new byte[(int) n.size()];
        image.get((int) (n.startBlock() * blockSize), out);
        return out;
    }

    public String text(String path) {
        return new String(data(path), StandardCharsets.UTF_8);
    }

    public int treeDepth() {
        return treeDepth;
    }

    public int fileCount() {
        return volumeFiles;
    }

    public int folderCount() {
        return volumeFolders;
    }
}
