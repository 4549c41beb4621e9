package dev.relpromo.checksums;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers of mozharness's {@code test_merkle.py}: a SHA-256 tree on 7 items (RFC 6962-bis shape). */
class MerkleTreeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final List<byte[]> DATA = List.of(
            "fbc459361fc111024c6d1fd83d23a9ff", "ae3a44925afec860451cd8658b3cadde", "418903fe6ef29fc8cab93d778a7b018b",
            "3d1c53c00b2e137af8c4c23a06388c6b", "e656ebd8e2758bc72599e5896be357be", "81aae91cf90be172eedd1c75c349bf9e",
            "00c262edf8b0bc345aca769e8733e25e").stream().map(HEX::parseHex).toList();
    private static final String LEAF_0 = "5cb551f87797381a24a5359a986e2cef25b1f2113b387197fe48e8babc9ad5c7";
    private static final String LEAF_1 = "9899dc0be00306bda2a8e69cec32525ca6244f132479bcf840d8c1bc8bdfbff2";
    private static final String LEAF_4 = "2ff3bdac9bec3580b82da8a357746f15919414d9cbe517e2dd96910c9814c30c";
    private static final String LEAF_6 = "bb13dfb7b202a95f241ea1715c8549dc048d9936ec747028002f7c795de72fcf";
    private static final String NODE_B = "3db98027c655ead4fe897bef3a4b361839a337941a9e624b475580c9d4e882ee";
    private static final String NODE_C = "17524f8b0169b2745c67846925d55449ae80a8022ef8189dcf4cbb0ec7fcc470";
    private static final String NODE_D = "380d0dc6fd7d4f37859a12dbfc7171b3cce29ab0688c6cffd2b15f3e0b21af49";
    private static final String NODE_E = "3a9c2886a5179a6e1948876034f99d52a8f393f47a09887adee6d1b4a5c5fbd6";
    private static final String NODE_F = "d1a0d3947db4ae8305f2ac32985957e02659b2ea3c10da52a48d2526e9af3bbc";

    private final MerkleTree tree = new MerkleTree("SHA-256", DATA);

    @Test
    void theHeadIsThePrecomputedRoot() {
        assertThat(HEX.formatHex(tree.head())).isEqualTo(NODE_F);
    }

    @Test
    void auditPathsAreTheKnownOnes() {
        assertThat(tree.auditPath(0)).extracting(HEX::formatHex).containsExactly(LEAF_1, NODE_B, NODE_E);
        assertThat(tree.auditPath(1)).extracting(HEX::formatHex).containsExactly(LEAF_0, NODE_B, NODE_E);
        assertThat(tree.auditPath(5)).extracting(HEX::formatHex).containsExactly(LEAF_4, LEAF_6, NODE_D);
        assertThat(tree.auditPath(6)).extracting(HEX::formatHex).containsExactly(NODE_C, NODE_D);
    }

    @Test
    void theProofOfItemFiveSerialisesLikeMozharness() {
        String known = "020000" + "0000000000000007" + "0000000000000005" + "0063"
                + "20" + LEAF_4 + "20" + LEAF_6 + "20" + NODE_D;
        assertThat(HEX.formatHex(tree.inclusionProof(5))).isEqualTo(known);
    }

    @Test
    void aSingleItemTreeIsItsLeafHashWithAnEmptyPath() {
        MerkleTree one = new MerkleTree("SHA-256", DATA.subList(0, 1));
        assertThat(HEX.formatHex(one.head())).isEqualTo(LEAF_0);
        assertThat(HEX.formatHex(one.inclusionProof(0))).isEqualTo("020000" + "0000000000000001" + "0000000000000000"
                + "0000");
    }

    @Test
    void everyProofOfLargerTreesVerifiesIndependently() {
        for (int n : new int[] {2, 3, 5, 8, 13, 100}) {
            List<byte[]> data = java.util.stream.IntStream.range(0, n)
                    .mapToObj(i -> ("item-" + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toList();
            MerkleTree t = new MerkleTree("SHA-512", data);
            for (int i = 0; i < n; i++) {
                assertThat(InclusionProofVerifier.verify("SHA-512", data.get(i), t.inclusionProof(i), t.head()))
                        .as("n=%d i=%d", n, i).isTrue();
            }
            assertThat(InclusionProofVerifier.verify("SHA-512", "other".getBytes(), t.inclusionProof(0), t.head()))
                    .isFalse();
        }
    }
}
