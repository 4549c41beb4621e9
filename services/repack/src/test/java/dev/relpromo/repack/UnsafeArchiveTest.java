package dev.relpromo.repack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UnsafeArchiveTest {
    @TempDir
    Path root;

    interface Entries {
        void addTo(TestArchives.Tar tar) throws IOException;
    }

    static Stream<Arguments> unsafeArchives() {
        return Stream.of(
                Arguments.of("absolute path", (Entries) t -> t.file("/etc/passwd", "x"),
                        "archive entry '/etc/passwd' escapes the archive root"),
                Arguments.of("leading ..", (Entries) t -> t.file("../../etc/passwd", "x"),
                        "archive entry '../../etc/passwd' escapes the archive root"),
                Arguments.of(".. that climbs out", (Entries) t -> t.file("firefox/../../x", "x"),
                        "archive entry 'firefox/../../x' escapes the archive root"),
                Arguments.of(".. that stays inside", (Entries) t -> t.file("firefox/a/../b", "x"),
                        "archive entry 'firefox/a/../b' has a '..' component"),
                Arguments.of("symlink climbing out", (Entries) t -> t.symlink("firefox/etc", "../../etc"),
                        "archive entry 'firefox/etc' is a symlink to '../../etc', which escapes the archive root"),
                Arguments.of("absolute symlink", (Entries) t -> t.symlink("firefox/passwd", "/etc/passwd"),
                        "archive entry 'firefox/passwd' is a symlink to '/etc/passwd', which escapes the archive root"),
                Arguments.of("hardlink climbing out", (Entries) t -> t.hardlink("firefox/passwd", "../etc/passwd"),
                        "archive entry 'firefox/passwd' is a hardlink to '../etc/passwd', which escapes the archive root"),
                Arguments.of("hardlink to an unknown name", (Entries) t -> t.hardlink("firefox/x", "firefox/nowhere"),
                        "archive entry 'firefox/x' is a hardlink to 'firefox/nowhere', which is not an earlier file"),
                Arguments.of("file below a symlink", (Entries) t -> t.symlink("firefox/lib", "sub").file("firefox/lib/x", "x"),
                        "archive entry 'firefox/lib/x' is inside symlink 'firefox/lib'"),
                Arguments.of("symlink where the sub-config needs a directory",
                        (Entries) t -> t.symlink("firefox/distribution", "."),
                        "archive entry 'firefox/distribution' is a symlink where the sub-config needs a directory"),
                Arguments.of("hardlink to a replaced file", (Entries) t -> t
                                .file("firefox/distribution/distribution.ini", "old")
                                .hardlink("firefox/ini", "firefox/distribution/distribution.ini"),
                        "archive entry 'firefox/ini' is a hardlink to 'firefox/distribution/distribution.ini', which is not an earlier file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsafeArchives")
    void failsNamingTheEntryAndWritesNothing(String why, Entries unsafe, String message) throws Exception {
        TestArchives.Tar tar = new TestArchives.Tar().dir("firefox/").file("firefox/firefox", "binary");
        unsafe.addTo(tar);
        tar.file("firefox/after", "never copied");
        Path work = root.resolve("work");
        Path input = tar.write(work.resolve("input/target.tar.bz2"), ArchiveFormat.TAR_BZ2);
        Path snapshot = TestArchives.acmeSubConfig(work.resolve("input/partner-config.zip"));

        assertThatThrownBy(() -> new Repacker(TarRepackTest.SMALL_BLOCKS).repack(input, ArchiveFormat.TAR_BZ2, snapshot,
                Customisation.forLocale("de"), work.resolve("output/target.tar.bz2"), Progress.NONE))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining(message);

        // no output, no partial file, and nothing anywhere but the inputs: nothing is ever extracted
        assertThat(TestArchives.listFiles(root)).containsExactly("work", "work/input", "work/input/partner-config.zip",
                "work/input/target.tar.bz2", "work/output");
    }

    @Test
    void linksThatStayInsideAreCopied() throws Exception {
        Path input = new TestArchives.Tar()
                .dir("firefox/")
                .file("firefox/lib/libxul.so.1", "elf")
                .symlink("firefox/libxul.so", "lib/libxul.so.1")
                .symlink("firefox/lib/up", "../libxul.so")
                .symlink("firefox/root", "..")
                .hardlink("firefox/libxul-copy", "./firefox/lib/libxul.so.1")
                .write(root.resolve("target.tar.xz"), ArchiveFormat.TAR_XZ);
        RepackResult result = new Repacker(TarRepackTest.SMALL_BLOCKS).repack(input, ArchiveFormat.TAR_XZ,
                TestArchives.acmeSubConfig(root.resolve("cfg.zip")), Customisation.forLocale("de"),
                root.resolve("out/target.tar.xz"), Progress.NONE);
        assertThat(TestArchives.readTar(result.output(), ArchiveFormat.TAR_XZ))
                .containsKeys("firefox/libxul.so", "firefox/lib/up", "firefox/root", "firefox/libxul-copy");
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
