package dev.relpromo.repackage.mac.hfs;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out a B-tree file (TN1150 "B-Trees") from leaf records already in key order: node 0 is the header node,
 * leaves follow in order, then each index level up to the root. Every node is full except the last of each
 * level, nothing is free, and nodes of one level are linked through fLink/bLink.
 */
final class BTreeFile {
    static final int NODE_DESCRIPTOR_SIZE = 14;
    static final int HEADER_RECORD_SIZE = 106;
    static final int USER_DATA_SIZE = 128;
    static final byte KIND_LEAF = -1;
    static final byte KIND_INDEX = 0;
    static final byte KIND_HEADER = 1;
    /** TN1150 BTHeaderRec.attributes: kBTBigKeysMask. */
    static final int BIG_KEYS = 0x2;
    /** TN1150 BTHeaderRec.attributes: kBTVariableIndexKeysMask (the catalog's index keys are not padded). */
    static final int VARIABLE_INDEX_KEYS = 0x4;

    /** A leaf record: its key (starting with the 16-bit keyLength) and its data. */
    record Record(byte[] key, byte[] data) {
    }

    /** The tree's fixed parameters. */
    record Shape(int nodeSize, int maxKeyLength, int attributes) {
    }

    private record Node(int number, List<byte[]> records, byte[] firstKey) {
    }

    private BTreeFile() {
    }

    /** The nodes of a tree holding {@code sorted}; an empty list gives a tree with only its header node. */
    static List<byte[]> build(List<Record> sorted, Shape shape) {
        List<List<Node>> levels = new ArrayList<>();
        int next = 1;
        List<byte[]> leafBytes = new ArrayList<>();
        List<byte[]> leafKeys = new ArrayList<>();
        for (Record r : sorted) {
            leafBytes.add(concat(r.key(), r.data()));
            leafKeys.add(r.key());
        }
        if (!sorted.isEmpty()) {
            List<Node> level = pack(leafBytes, leafKeys, next, shape.nodeSize());
            levels.add(level);
            next += level.size();
            while (level.size() > 1) {
                List<byte[]> pointers = new ArrayList<>();
                List<byte[]> keys = new ArrayList<>();
                for (Node child : level) {
                    // TN1150 "Index Nodes": the child's first key, then its node number
                    pointers.add(concat(child.firstKey(), ByteBuffer.allocate(4).putInt(child.number()).array()));
                    keys.add(child.firstKey());
                }
                level = pack(pointers, keys, next, shape.nodeSize());
                levels.add(level);
                next += level.size();
            }
        }
        int totalNodes = next;
        if (totalNodes > (shape.nodeSize() - 256) * 8) {
            throw new IllegalStateException("a B-tree of " + totalNodes + " nodes needs map nodes, which are not written");
        }
        List<byte[]> nodes = new ArrayList<>(totalNodes);
        nodes.add(headerNode(levels, sorted.size(), totalNodes, shape));
        for (int height = 1; height <= levels.size(); height++) {
            List<Node> level = levels.get(height - 1);
            for (int i = 0; i < level.size(); i++) {
                int fLink = i + 1 < level.size() ? level.get(i + 1).number() : 0;
                int bLink = i > 0 ? level.get(i - 1).number() : 0;
                nodes.add(encode(level.get(i).records(), height == 1 ? KIND_LEAF : KIND_INDEX, height, fLink, bLink,
                        shape.nodeSize()));
            }
        }
        return nodes;
    }

    private static List<Node> pack(List<byte[]> records, List<byte[]> keys, int firstNumber, int nodeSize) {
        List<Node> nodes = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        byte[] firstKey = null;
        int used = NODE_DESCRIPTOR_SIZE + 2; // the descriptor and the free-space offset
        for (int i = 0; i < records.size(); i++) {
            byte[] r = records.get(i);
            if (used + r.length + 2 > nodeSize) {
                nodes.add(new Node(firstNumber + nodes.size(), current, firstKey));
                current = new ArrayList<>();
                used = NODE_DESCRIPTOR_SIZE + 2;
            }
            if (current.isEmpty()) {
                firstKey = keys.get(i);
            }
            current.add(r);
            used += r.length + 2;
        }
        nodes.add(new Node(firstNumber + nodes.size(), current, firstKey));
        return nodes;
    }

    /** TN1150 "Node Structure": descriptor, records, then record offsets growing down from the node's end. */
    private static byte[] encode(List<byte[]> records, byte kind, int height, int fLink, int bLink, int nodeSize) {
        ByteBuffer node = ByteBuffer.allocate(nodeSize);
        node.putInt(fLink).putInt(bLink).put(kind).put((byte) height).putShort((short) records.size()).putShort((short) 0);
        int offset = NODE_DESCRIPTOR_SIZE;
        for (int i = 0; i < records.size(); i++) {
            node.put(offset, records.get(i));
            node.putShort(nodeSize - 2 * (i + 1), (short) offset);
            offset += records.get(i).length;
        }
        node.putShort(nodeSize - 2 * (records.size() + 1), (short) offset);
        return node.array();
    }

    /** TN1150 "Header Node": BTHeaderRec, the 128-byte user data record, and the map record. */
    private static byte[] headerNode(List<List<Node>> levels, int leafRecords, int totalNodes, Shape shape) {
        int nodeSize = shape.nodeSize();
        ByteBuffer h = ByteBuffer.allocate(HEADER_RECORD_SIZE);
        List<Node> leaves = levels.isEmpty() ? List.of() : levels.get(0);
        int root = levels.isEmpty() ? 0 : levels.get(levels.size() - 1).get(0).number();
        h.putShort((short) levels.size()) // treeDepth
                .putInt(root)
                .putInt(leafRecords)
                .putInt(leaves.isEmpty() ? 0 : leaves.get(0).number()) // firstLeafNode
                .putInt(leaves.isEmpty() ? 0 : leaves.get(leaves.size() - 1).number()) // lastLeafNode
                .putShort((short) nodeSize)
                .putShort((short) shape.maxKeyLength())
                .putInt(totalNodes)
                .putInt(0) // freeNodes
                .putShort((short) 0) // reserved1
                .putInt(nodeSize * totalNodes) // clumpSize
                .put((byte) 0) // btreeType: kHFSBTreeType
                .put((byte) 0) // keyCompareType: reserved on HFS+ (only HFSX uses it)
                .putInt(shape.attributes());
        int mapOffset = NODE_DESCRIPTOR_SIZE + HEADER_RECORD_SIZE + USER_DATA_SIZE;
        byte[] map = new byte[nodeSize - mapOffset - 8];
        for (int n = 0; n < totalNodes; n++) {
            map[n >>> 3] |= (byte) (0x80 >>> (n & 7)); // every node is in use
        }
        List<byte[]> records = List.of(h.array(), new byte[USER_DATA_SIZE], map);
        return encode(records, KIND_HEADER, 0, 0, 0, nodeSize);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
