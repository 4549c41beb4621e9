package dev.relpromo.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;

/**
 * ASCII armor without headers. BouncyCastle adds {@code Version: BCPG v1.86} by default; dropping it keeps the
 * armored bytes of a signature or key independent of the library version, so reruns stay byte-identical.
 */
final class Armor {
    private Armor() {
    }

    @FunctionalInterface
    interface PacketWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    static byte[] armor(PacketWriter packets) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
            packets.writeTo(armored);
        }
        return bytes.toByteArray();
    }
}
