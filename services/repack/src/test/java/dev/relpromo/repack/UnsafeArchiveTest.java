package dev.relpromo.repack;

import dev.relpromo.testing.SystemTools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile archives, in every supported format: each fails the repack with an error naming the entry, leaves no
 * output (nor {@code .partial}) and leaves a sentinel directory beside the work dir untouched.
 */
class UnsafeArchiveTest {
    @TempDir
    Path root;

    interface Entries {
        void addTo(TestArchives.Builder archive) throws IOException;
    }

    /** A hostile archive and its error, in the formats it applies to. */
    record Case(String why, Set<ArchiveFormat> formats, Entries entries, String message) {
        @Override
        public String toString() {
            return why;
        }
    }

    private static Case of(String why, Entries entries, String message) {
        return new Case(why, EnumSet.allOf(ArchiveFormat.class), entries, message);
    }

    /** Hardlinks: zip has none. */
    private static Case tarOnly(String why, Entries entries, String message) {
        return new Case(why, EnumSet.complementOf(EnumSet.of(ArchiveFormat.ZIP)), entries, message);
    }

    /** About the customisation root: {@code firefox/} in Linux and Windows builds, not in mac ones. */
    private static Case firefoxRoot(String why, Set<ArchiveFormat> formats, Entries entries, String message) {
        return new Case(why, formats, entries, message);
    }

    static final List<Case> CASES = List.of(
            of("absolute path", a -> a.file("/etc/passwd", "x"),
                    "archive entry '/etc/passwd' escapes the archive root"),
            of("leading ..", a -> a.file("../../etc/passwd", "x"),
                    "archive entry '../../etc/passwd' escapes the archive root"),
            of(".. that climbs out", a -> a.file("firefox/../../x", "x"),
                    "archive entry 'firefox/../../x' escapes the archive root"),
            of(".. that stays inside", a -> a.file("firefox/a/../b", "x"),
                    "archive entry 'firefox/a/../b' has a '..' component"),
            of("symlink climbing out", a -> a.symlink("firefox/etc", "../../etc"),
                    "archive entry 'firefox/etc' is a symlink to '../../etc', which escapes the archive root"),
            of("absolute symlink", a -> a.symlink("firefox/passwd", "/etc/passwd"),
                    "archive entry 'firefox/passwd' is a symlink to '/etc/passwd', which escapes the archive root"),
            // lexically sub/l2/.. is sub; really sub/l2 is the root, and its parent is outside
            of("symlink chain, inner link first", a -> a.symlink("sub/l2", "..").symlink("l1", "sub/l2/.."),
                    "archive entry 'l1' is a symlink to 'sub/l2/..', which escapes the archive root (through symlink 'sub/l2')"),
            of("symlink chain, outer link first", a -> a.symlink("l1", "sub/l2/..").symlink("sub/l2", ".."),
                    "archive entry 'l1' is a symlink to 'sub/l2/..', which escapes the archive root (through symlink 'sub/l2')"),
            of("symlink through two symlinks", a -> a.symlink("firefox/a/up", "..").symlink("firefox/top", "a/up/..")
                            .symlink("firefox/out", "top/../x"),
                    "archive entry 'firefox/out' is a symlink to 'top/../x', which escapes the archive root (through symlink 'firefox/top')"),
            of("symlink loop", a -> a.symlink("firefox/a", "b").symlink("firefox/b", "a"),
                    "archive entry 'firefox/a' is a symlink to 'b', which never resolves: a symlink loop"),
            of("symlink to itself", a -> a.symlink("firefox/self", "self/x"),
                    "archive entry 'firefox/self' is a symlink to 'self/x', which never resolves: a symlink loop"),
            of("file below an earlier symlink", a -> a.symlink("firefox/lib", "sub").file("firefox/lib/x", "x"),
                    "archive entry 'firefox/lib/x' is inside symlink 'firefox/lib'"),
            of("file below a later symlink", a -> a.file("firefox/lib/x", "x").symlink("firefox/lib", "sub"),
                    "archive entry 'firefox/lib/x' is inside symlink 'firefox/lib', which comes later"),
            of("symlink and directory of one name", a -> a.dir("firefox/lib").symlink("firefox/lib", "."),
                    "archive entry 'firefox/lib' is a symlink and also a directory"),
            firefoxRoot("symlink where the sub-config needs a directory", EnumSet.of(ArchiveFormat.TAR_XZ,
                            ArchiveFormat.TAR_BZ2, ArchiveFormat.ZIP), a -> a.symlink("firefox/distribution", "."),
                    "archive entry 'firefox/distribution' is a symlink where the sub-config needs a directory"),
            new Case("symlink where the mac sub-config needs a directory", EnumSet.of(ArchiveFormat.TAR_GZ),
                    a -> a.symlink("Firefox.app/Contents/Resources", "../MacOS"),
                    "archive entry 'Firefox.app/Contents/Resources' is a symlink where the sub-config needs a directory"),
            tarOnly("hardlink climbing out", a -> a.hardlink("firefox/passwd", "../etc/passwd"),
                    "archive entry 'firefox/passwd' is a hardlink to '../etc/passwd', which escapes the archive root"),
            tarOnly("hardlink to an unknown name", a -> a.hardlink("firefox/x", "firefox/nowhere"),
                    "archive entry 'firefox/x' is a hardlink to 'firefox/nowhere', which is not an earlier file"),
            tarOnly("hardlink to a later file", a -> a.hardlink("firefox/x", "firefox/later").file("firefox/later", "x"),
                    "archive entry 'firefox/x' is a hardlink to 'firefox/later', which is not an earlier file"),
            // extracted, 'up' would become a symlink '..' in the root: outside
            tarOnly("hardlink to a symlink", a -> a.symlink("firefox/up", "..").hardlink("up", "firefox/up"),
                    "archive entry 'up' is a hardlink to symlink 'firefox/up'; extracting it would recreate that symlink"),
            firefoxRoot("hardlink to a replaced file", EnumSet.of(ArchiveFormat.TAR_XZ, ArchiveFormat.TAR_BZ2), a -> a
                            .file("firefox/distribution/distribution.ini", "old")
                            .hardlink("firefox/ini", "firefox/distribution/distribution.ini"),
                    "archive entry 'firefox/ini' is a hardlink to 'firefox/distribution/distribution.ini', which is not an earlier file"));

    static Stream<Arguments> unsafeArchives() {
        List<Arguments> all = new ArrayList<>();
        for (Case c : CASES) {
            for (ArchiveFormat format : ArchiveFormat.values()) {
                if (c.formats().contains(format)) {
                    all.add(Arguments.of(c, format));
                }
            }
        }
        return all.stream();
    }

    /** A build in {@code format} around the hostile entries (mac builds need their .app bundle). */
    static TestArchives.Builder build(ArchiveFormat format) throws IOException {
        TestArchives.Builder archive = TestArchives.builder(format);
        if (format == ArchiveFormat.TAR_GZ) {
            archive.file("Firefox.app/Contents/MacOS/firefox", "binary");
        }
        return archive.dir("firefox/").file("firefox/firefox", "binary");
    }

    /** Repacks {@code input} from {@code root/work}, and checks it fails with {@code message} and leaves nothing. */
    static void assertRefused(Path root, Path input, ArchiveFormat format, Repacker repacker, String message)
            throws IOException {
        Path work = root.resolve("work");
        Path sentinel = Files.createDirectories(root.resolve("sentinel"));
        Files.writeString(sentinel.resolve("keep.txt"), "untouched");
        Files.createSymbolicLink(sentinel.resolve("link"), Path.of("keep.txt"));
        Map<String, String> before = TestArchives.tree(sentinel);
        Path snapshot = TestArchives.acmeSubConfig(work.resolve("input/partner-config.zip"));

        assertThatThrownBy(() -> repacker.repack(input, format, snapshot, Customisation.forLocale("de"),
                work.resolve("output").resolve(format.fileName()), Progress.NONE))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining(message);

        // no output, no partial file, nothing anywhere but the inputs: nothing is ever extracted
        assertThat(TestArchives.listFiles(work)).containsExactlyInAnyOrder("input", "input/" + input.getFileName(),
                "input/partner-config.zip", "output");
        assertThat(TestArchives.tree(sentinel)).isEqualTo(before);
        assertThat(TestArchives.listFiles(root)).containsOnly("sentinel", "sentinel/keep.txt", "sentinel/link",
                "work", "work/input", "work/input/" + input.getFileName(), "work/input/partner-config.zip", "work/output");
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("unsafeArchives")
    void failsNamingTheEntryAndWritesNothing(Case unsafe, ArchiveFormat format) throws Exception {
        TestArchives.Builder archive = build(format);
        unsafe.entries().addTo(archive);
        archive.file("firefox/after", "never copied");
        Path input = archive.write(root.resolve("work/input").resolve(format.fileName()), format);

        assertRefused(root, input, format, new Repacker(TarRepackTest.SMALL_BLOCKS), unsafe.message());
    }

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    void linksThatStayInsideAreCopiedAndExtractInside(ArchiveFormat format) throws Exception {
        TestArchives.Builder archive = build(format)
                .file("firefox/lib/libxul.so.1", "elf")
                .symlink("firefox/libxul.so", "lib/libxul.so.1")
                .symlink("firefox/lib/up", "../libxul.so")
                .symlink("firefox/root", "..")
                // a mac framework: a symlink through another symlink, created before it
                .symlink("firefox/Foo.framework/Foo", "Versions/Current/Foo")
                .symlink("firefox/Foo.framework/Versions/Current", "A")
                .file("firefox/Foo.framework/Versions/A/Foo", "dylib");
        if (format.isTar()) {
            archive.hardlink("firefox/libxul-copy", "./firefox/lib/libxul.so.1");
        }
        Path input = archive.write(root.resolve("in").resolve(format.fileName()), format);
        Path output = new Repacker(TarRepackTest.SMALL_BLOCKS).repack(input, format,
                TestArchives.acmeSubConfig(root.resolve("cfg.zip")), Customisation.forLocale("de"),
                root.resolve("out").resolve(format.fileName()), Progress.NONE).output();

        if (format.isTar()) {
            assertThat(TestArchives.readTar(output, format)).containsKeys("firefox/libxul.so", "firefox/lib/up",
                    "firefox/root", "firefox/libxul-copy", "firefox/Foo.framework/Foo");
        }
        String tool = format.isTar() ? "tar" : "unzip";
        Assumptions.assumeTrue(SystemTools.has(tool), tool + " is not installed: skipping the extraction check");
        Path extracted = Files.createDirectories(root.resolve("extracted")).toRealPath();
        SystemTools.Run run = format.isTar()
                ? SystemTools.run(extracted, "tar", "-xf", output.toString())
                : SystemTools.run(extracted, "unzip", "-q", output.toString());
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(Files.readString(extracted.resolve("firefox/Foo.framework/Foo"))).isEqualTo("dylib");
        try (Stream<Path> all = Files.walk(extracted)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                assertThat(p.toRealPath()).as(p.toString()).startsWith(extracted);
            }
        }
    }

    static Stream<Arguments> unsafeSubConfigs() {
        return Stream.of(
                Arguments.of("distribution/../../../etc/cron.d/x", "sub-config entry 'distribution/../../../etc/cron.d/x' escapes the archive root"),
                Arguments.of("/distribution/x", "sub-config entry '/distribution/x' escapes the archive root"),
                Arguments.of("distribution/..\\..\\x", "sub-config entry 'distribution/..\\..\\x' contains a NUL or backslash"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsafeSubConfigs")
    void unsafeSubConfigEntriesFail(String name, String message) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("distribution/distribution.ini", TestArchives.utf8(TestArchives.INI));
        files.put(name, TestArchives.utf8("x"));
        Path snapshot = TestArchives.subConfig(root.resolve("cfg.zip"), files);

        assertThatThrownBy(() -> SubConfig.open(snapshot, Customisation.forLocale("de")))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessage(message);
    }
}
