package dev.relpromo.checksums;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Merkle tree of RFC 6962(-bis) over a list of data items, as mozharness's {@code merkle.py} builds it for
 * {@code SHA512SUMMARY}/{@code SHA256SUMMARY}: leaf hash {@code H(0x00 || data)}, interior node
 * {@code H(0x01 || left || right)}, the left subtree of {@code n} items holding the largest power of two below
 * {@code n}. Inclusion proofs are serialised like {@code InclusionProof.to_rfc6962_bis}.
 */
public final class MerkleTree {
    /** merkle.py's fixed "log ID" (length 2, value 0x0000): the slot is required by the format, unused by Firefox. */
    private static final byte[] LOG_ID = {0x02, 0x00, 0x00};

    private final String algorithm;
    private final List<byte[]> leaves = new ArrayList<>();
    /** Interior nodes by (start, end), so proofs of large trees do not rehash subtrees. */
    private final Map<Long, byte[]> nodes = new HashMap<>();

    /** @param algorithm a {@link MessageDigest} name, {@code SHA-512} or {@code SHA-256} */
    public MerkleTree(String algorithm, List<byte[]> data) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("a Merkle tree needs at least one item");
        }
        this.algorithm = algorithm;
        for (byte[] item : data) {
            leaves.add(hash((byte) 0, item, new byte[0]));
        }
    }

    public int size() {
        return leaves.size();
    }

    public byte[] head() {
        return node(0, leaves.size()).clone();
    }

    /** The audit path of item {@code index}, from the leaf's sibling up to the child of the root. */
    public List<byte[]> auditPath(int index) {
        if (index < 0 || index >= leaves.size()) {
            throw new IndexOutOfBoundsException("leaf " + index + " of a tree of " + leaves.size());
        }
        List<byte[]> path = new ArrayList<>();
        collectPath(index, 0, leaves.size(), path);
        return path;
    }

    /** {@code InclusionProofDataV2}: log id, uint64 tree size, uint64 leaf index, uint16 length, then each node. */
    public byte[] inclusionProof(int index) {
        ByteArrayOutputStream path = new ByteArrayOutputStream();
        for (byte[] step : auditPath(index)) {
            path.write(step.length);
            path.writeBytes(step);
        }
        ByteBuffer out = ByteBuffer.allocate(LOG_ID.length + 8 + 8 + 2 + path.size());
        out.put(LOG_ID).putLong(leaves.size()).putLong(index).putShort((short) path.size()).put(path.toByteArray());
        return out.array();
    }

    /** Appends the path to the bottom-up order merkle.py uses: deepest sibling first. */
    private void collectPath(int target, int start, int end, List<byte[]> path) {
        int n = end - start;
        if (n == 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (target - start < k) {
            collectPath(target, start, start + k, path);
            path.add(node(start + k, end));
        } else {
            collectPath(target, start + k, end, path);
            path.add(node(start, start + k));
        }
    }

    private byte[] node(int start, int end) {
        if (end - start == 1) {
            return leaves.get(start);
        }
        long id = ((long) start << 32) | end;
        byte[] cached = nodes.get(id);
        if (cached != null) {
            return cached;
        }
        int k = largestPowerOfTwoBelow(end - start);
        byte[] node = hash((byte) 1, node(start, start + k), node(start + k, end));
        nodes.put(id, node);
        return node;
    }

    static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private byte[] hash(byte prefix, byte[] a, byte[] b) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            digest.update(prefix);
            digest.update(a);
            digest.update(b);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown digest " + algorithm, e);
        }
    }
}
