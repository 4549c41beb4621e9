package dev.relpromo.kit.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A deterministic stand-in for a Firefox build, for benchmarks: a tree shaped like the real one for each
 * {@link Layout}. By size: ~50% shared libraries (machine-code-like), ~15% {@code omni.ja} archives (random bytes,
 * incompressible) and ~35% text (JavaScript, prefs, dictionaries) in files of 64 KiB to 1 MiB, plus a real
 * {@code application.ini}. {@code xz -9e} shrinks it to ~45%, somewhat worse than a real build (~30%), so timings
 * are on the conservative side.
 *
 * <p>The tree is produced as a stream of entries into a {@link Sink} and the content is generated in 64 KiB
 * chunks, so a build of any size costs no memory; {@link SyntheticArchives} has the tar and zip sinks.
 */
public final class SyntheticBuild {
    private static final long SEED = 0x5EED_F1EF0L;
    private static final int CHUNK = 1 << 16;
    /** Directories below the resources root that the text files go to (and {@code fonts/}, empty, as in a build). */
    private static final List<String> RESOURCE_DIRS = List.of("browser/", "browser/features/", "defaults/",
            "defaults/pref/", "dictionaries/", "fonts/");
    private static final String APPLICATION_INI = "[App]\nName=Firefox\nCodeName=Firefox\n";

    /**
     * Where a platform's build keeps things.
     *
     * @param binaries  the directory of the libraries (ends with {@code /})
     * @param resources the directory of omni.ja, application.ini and the text files (ends with {@code /})
     * @param xul       the large library (~40% of the build), in {@code binaries}
     * @param libraries five smaller libraries (~2% each), in {@code binaries}
     * @param extras    small fixed files, by name relative to {@code resources}
     */
    public record Layout(String binaries, String resources, String xul, List<String> libraries,
                         Map<String, String> extras) {
        /** {@code target.tar.*}: everything in {@code firefox/}. */
        public static final Layout LINUX = new Layout("firefox/", "firefox/", "libxul.so",
                List.of("liblgpllibs.so", "libmozgtk.so", "libnss3.so", "libsoftokn3.so", "libfreeblpriv3.so"), Map.of());
        /** {@code target.zip}: everything in {@code firefox/}, as {@code WindowsInstaller} expects. */
        public static final Layout WINDOWS = new Layout("firefox/", "firefox/", "xul.dll",
                List.of("firefox.exe", "lgpllibs.dll", "mozglue.dll", "nss3.dll", "freebl3.dll"), Map.of());
        /**
         * {@code target.tar.gz}: one {@code Firefox.app} bundle, with a partner {@code distribution.ini} as a
         * repacked build has.
         */
        public static final Layout MAC = new Layout("Firefox.app/Contents/MacOS/", "Firefox.app/Contents/Resources/",
                "XUL", List.of("firefox", "libmozglue.dylib", "liblgpllibs.dylib", "libnss3.dylib", "libfreebl3.dylib"),
                Map.of("distribution/distribution.ini", "[Global]\nid=bench\nversion=1.0\nabout=Synthetic build\n"));

        public Layout {
            libraries = List.copyOf(libraries);
            extras = Map.copyOf(extras);
        }

        /** Every directory of the tree, parents first. */
        List<String> directories() {
            Set<String> dirs = new LinkedHashSet<>();
            ancestors(binaries, dirs);
            ancestors(resources, dirs);
            RESOURCE_DIRS.forEach(d -> dirs.add(resources + d));
            extras.keySet().stream().sorted().forEach(name -> ancestors(resources + name, dirs));
            return new ArrayList<>(dirs);
        }

        private static void ancestors(String path, Set<String> into) {
            for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
                into.add(path.substring(0, i + 1));
            }
        }
    }

    /** Receives the tree, directories before what they hold. */
    public interface Sink {
        /** A directory; {@code name} ends with {@code /}. */
        void directory(String name) throws IOException;

        /**
         * A file of {@code size} bytes that {@code content} writes when called (exactly once, before the next entry).
         *
         * @param executable whether a unix build would have it mode 0755
         */
        void file(String name, long size, boolean executable, Content content) throws IOException;
    }

    /** Writes a file's bytes. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private SyntheticBuild() {
    }

    /**
     * Sends a tree of about {@code targetBytes} of file data to {@code sink}; the same arguments, the same tree.
     *
     * @return the bytes of file data sent (the target, give or take a few bytes of rounding and the ini files)
     */
    public static long write(Layout layout, long targetBytes, Sink sink) throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        Generator binary = new MachineCode(random.split());
        Generator text = new Text(random.split());
        Generator compressed = new Random(random.split());
        for (String dir : layout.directories()) {
            sink.directory(dir);
        }
        String bin = layout.binaries();
        String res = layout.resources();
        long total = generated(sink, bin + layout.xul(), targetBytes * 40 / 100, true, binary);
        for (String lib : layout.libraries()) {
            total += generated(sink, bin + lib, targetBytes * 2 / 100, true, binary);
        }
        total += generated(sink, res + "omni.ja", targetBytes * 7 / 100, false, compressed);
        total += generated(sink, res + "browser/omni.ja", targetBytes * 8 / 100, false, compressed);
        long textBytes = targetBytes * 35 / 100;
        for (int i = 0; textBytes > 0; i++) {
            long size = Math.min(textBytes, 64 * 1024 + random.nextInt(960 * 1024));
            String name = switch (i % 3) {
                case 0 -> res + "browser/features/feature-" + i + ".js";
                case 1 -> res + "defaults/pref/prefs-" + i + ".js";
                default -> res + "dictionaries/dict-" + i + ".dic";
            };
            total += generated(sink, name, size, false, text);
            textBytes -= size;
        }
        total += fixed(sink, res + "application.ini", APPLICATION_INI);
        for (String name : layout.extras().keySet().stream().sorted().toList()) {
            total += fixed(sink, res + name, layout.extras().get(name));
        }
        return total;
    }

    private static long generated(Sink sink, String name, long size, boolean executable, Generator generator)
            throws IOException {
        sink.file(name, size, executable, out -> {
            byte[] chunk = new byte[CHUNK];
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(CHUNK, left);
                generator.fill(chunk, n);
                out.write(chunk, 0, n);
                left -= n;
            }
        });
        return size;
    }

    private static long fixed(Sink sink, String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sink.file(name, bytes.length, false, out -> out.write(bytes));
        return bytes.length;
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
