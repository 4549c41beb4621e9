package dev.relpromo.checksums;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test-only, written apart from {@link MerkleTree}: parses an RFC 6962-bis {@code InclusionProofDataV2} and
 * recomputes the root from the leaf with the iterative algorithm of RFC 9162 §2.1.3.2 (bit operations on the leaf
 * index and last index, not the recursive split the tree uses).
 */
final class InclusionProofVerifier {
    private InclusionProofVerifier() {
    }

    static boolean verify(String algorithm, byte[] leafData, byte[] proof, byte[] root) {
        ByteBuffer in = ByteBuffer.wrap(proof);
        int logIdLength = in.get() & 0xff;
        in.position(in.position() + logIdLength);
        long treeSize = in.getLong();
        long leafIndex = in.getLong();
        int pathLength = in.getShort() & 0xffff;
        if (in.remaining() != pathLength) {
            return false;
        }
        List<byte[]> path = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] node = new byte[in.get() & 0xff];
            in.get(node);
            path.add(node);
        }
        if (leafIndex >= treeSize) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = digest(algorithm, new byte[] {0}, leafData);
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = digest(algorithm, new byte[] {1}, p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = digest(algorithm, new byte[] {1}, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    private static byte[] digest(String algorithm, byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance(algorithm);
            for (byte[] part : parts) {
                d.update(part);
            }
            return d.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
