package dev.relpromo.repack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.SplittableRandom;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A deterministic stand-in for a Linux Firefox build, for benchmarks: a {@code firefox/} tree shaped like the
 * real one. By size: ~50% shared libraries (machine-code-like), ~15% {@code omni.ja} archives (random bytes,
 * incompressible) and ~35% text (JavaScript, prefs, dictionaries). {@code xz -9e} shrinks it to ~45%,
 * somewhat worse than a real build (~30%), so timings are on the conservative side.
 */
final class SyntheticBuild {
    private static final long SEED = 0x5EED_F1EF0L;
    private static final int CHUNK = 1 << 16;

    private SyntheticBuild() {
    }

    /** Writes the uncompressed tar of about {@code targetBytes}. */
    static void writeTar(OutputStream out, long targetBytes) throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        Generator binary = new MachineCode(random.split());
        Generator text = new Text(random.split());
        Generator compressed = new Random(random.split());
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (String dir : new String[] {"firefox", "firefox/browser", "firefox/browser/features",
                "firefox/defaults", "firefox/defaults/pref", "firefox/dictionaries", "firefox/fonts"}) {
            entry(tar, dir + "/", 0, null);
        }
        entry(tar, "firefox/libxul.so", targetBytes * 40 / 100, binary);
        for (String lib : new String[] {"liblgpllibs.so", "libmozgtk.so", "libnss3.so", "libsoftokn3.so", "libfreeblpriv3.so"}) {
            entry(tar, "firefox/" + lib, targetBytes * 2 / 100, binary);
        }
        entry(tar, "firefox/omni.ja", targetBytes * 7 / 100, compressed);
        entry(tar, "firefox/browser/omni.ja", targetBytes * 8 / 100, compressed);
        long textBytes = targetBytes * 35 / 100;
        for (int i = 0; textBytes > 0; i++) {
            long size = Math.min(textBytes, 64 * 1024 + random.nextInt(960 * 1024));
            String name = switch (i % 3) {
                case 0 -> "firefox/browser/features/feature-" + i + ".js";
                case 1 -> "firefox/defaults/pref/prefs-" + i + ".js";
                default -> "firefox/dictionaries/dict-" + i + ".dic";
            };
            entry(tar, name, size, text);
            textBytes -= size;
        }
        entry(tar, "firefox/application.ini", 512, text);
        tar.finish();
    }

    private static void entry(TarArchiveOutputStream tar, String name, long size, Generator content) throws IOException {
        TarArchiveEntry e = name.endsWith("/") ? new TarArchiveEntry(name, TarConstants.LF_DIR) : new TarArchiveEntry(name);
        e.setLastModifiedTime(FileTime.fromMillis(1_700_000_000_000L));
        e.setMode(name.endsWith("/") || name.endsWith(".so") ? 0755 : 0644);
        e.setIds(0, 0);
        e.setNames("", "");
        e.setSize(content == null ? 0 : size);
        tar.putArchiveEntry(e);
        if (content != null) {
            byte[] chunk = new byte[CHUNK];
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(CHUNK, left);
                content.fill(chunk, n);
                tar.write(chunk, 0, n);
                left -= n;
            }
        }
        tar.closeArchiveEntry();
    }

    private interface Generator {
        void fill(byte[] buffer, int length);
    }

    /** Incompressible bytes. */
    private record Random(SplittableRandom random) implements Generator {
        @Override
        public void fill(byte[] buffer, int length) {
            for (int i = 0; i < length; ) {
                long v = random.nextLong();
                for (int b = 0; b < 8 && i < length; b++, v >>>= 8) {
                    buffer[i++] = (byte) v;
                }
            }
        }
    }

    /** Recurring 8-byte "instruction sequences" (skewed towards common ones) mixed with random operands. */
    private static final class MachineCode implements Generator {
        private final SplittableRandom random;
        private final long[] sequences = new long[4096];

        MachineCode(SplittableRandom random) {
            this.random = random;
            for (int i = 0; i < sequences.length; i++) {
                sequences[i] = random.nextLong();
            }
        }

        @Override
        public void fill(byte[] buffer, int length) {
            for (int i = 0; i < length; ) {
                long v = random.nextInt(10) < 8 ? sequences[skewed(random, sequences.length)] : random.nextLong();
                for (int b = 0; b < 8 && i < length; b++, v >>>= 8) {
                    buffer[i++] = (byte) v;
                }
            }
        }
    }

    /** Lines of words from a fixed vocabulary, common words far more often than rare ones. */
    private static final class Text implements Generator {
        private final SplittableRandom random;
        private final byte[][] words = new byte[2048][];

        Text(SplittableRandom random) {
            this.random = random;
            for (int i = 0; i < words.length; i++) {
                StringBuilder w = new StringBuilder();
                for (int n = 2 + random.nextInt(9); n > 0; n--) {
                    w.append((char) ('a' + random.nextInt(26)));
                }
                words[i] = w.toString().getBytes(StandardCharsets.US_ASCII);
            }
        }

        @Override
        public void fill(byte[] buffer, int length) {
            int i = 0;
            while (i < length) {
                byte[] word = words[skewed(random, words.length)];
                for (int c = 0; c < word.length && i < length; c++) {
                    buffer[i++] = word[c];
                }
                if (i < length) {
                    buffer[i++] = (byte) (random.nextInt(12) == 0 ? '\n' : ' ');
                }
            }
        }
    }

    /** An index in [0, n) where low indexes are much more likely (roughly Zipf-like). */
    private static int skewed(SplittableRandom random, int n) {
        double u = random.nextDouble();
        return (int) (u * u * u * n);
    }
}
