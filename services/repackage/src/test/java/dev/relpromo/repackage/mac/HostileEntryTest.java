package dev.relpromo.repackage.mac;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.kit.failure.TaskFailureException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Entries that could write outside the bundle, or that HFS+ cannot hold, are refused by name. */
class HostileEntryTest {
    @TempDir
    Path dir;

    static Stream<Arguments> hostile() {
        return Stream.of(
                hostile("absolute path", t -> t.file("/etc/passwd", "x"), "'/etc/passwd' is an absolute path"),
                hostile("dot-dot", t -> t.file("Firefox.app/../../evil", "x"),
                        "'Firefox.app/../../evil' has a '..' component"),
                hostile("outside the bundle", t -> t.file("README.txt", "x"),
                        "'README.txt' lies outside the .app bundle 'Firefox.app'"),
                hostile("a second bundle", t -> t.file("Other.app/Contents/x", "x"),
                        "'Other.app/Contents/x' lies outside the .app bundle 'Firefox.app'"),
                hostile("hard link", t -> t.special("Firefox.app/Contents/hard", TarConstants.LF_LINK,
                        "Firefox.app/Contents/Info.plist"),
                        "'Firefox.app/Contents/hard' is a hard link to 'Firefox.app/Contents/Info.plist'"),
                hostile("character device", t -> t.special("Firefox.app/null", TarConstants.LF_CHR, null),
                        "'Firefox.app/null' is a device"),
                hostile("block device", t -> t.special("Firefox.app/sda", TarConstants.LF_BLK, null),
                        "'Firefox.app/sda' is a device"),
                hostile("fifo", t -> t.special("Firefox.app/pipe", TarConstants.LF_FIFO, null),
                        "'Firefox.app/pipe' is a FIFO"),
                hostile("absolute link", t -> t.symlink("Firefox.app/Contents/etc", "/etc"),
                        "'Firefox.app/Contents/etc' is a symlink to the absolute path '/etc'"),
                hostile("escaping link", t -> t.symlink("Firefox.app/Contents/up", "../../.."),
                        "'Firefox.app/Contents/up' is a symlink whose target '../../..' resolves outside the bundle"),
                hostile("link to the volume root", t -> t.symlink("Firefox.app/root", ".."),
                        "'Firefox.app/root' is a symlink whose target '..' resolves outside the bundle"),
                hostile("link climbing through a name", t -> t.symlink("Firefox.app/Contents/x", "MacOS/../../.."),
                        "'Firefox.app/Contents/x' is a symlink whose target 'MacOS/../../..' climbs back up after a name"),
                hostile("duplicate file", t -> t.file("Firefox.app/Contents/Info.plist", "again"),
                        "'Firefox.app/Contents/Info.plist' duplicates 'Info.plist' (HFS+ names are case-insensitive)"),
                hostile("case-insensitive duplicate", t -> t.file("Firefox.app/Contents/INFO.plist", "again"),
                        "'Firefox.app/Contents/INFO.plist' duplicates 'Info.plist' (HFS+ names are case-insensitive)"),
                hostile("directory declared twice", t -> t.dir("Firefox.app/Contents/MacOS"),
                        "'Firefox.app/Contents/MacOS/' duplicates 'MacOS' (HFS+ names are case-insensitive)"),
                hostile("entry below a file", t -> t.file("Firefox.app/Contents/Info.plist/x", "x"),
                        "'Firefox.app/Contents/Info.plist/x' lies below 'Info.plist', which is not a directory"),
                hostile("unsupported name", t -> t.file("Firefox.app/Contents/Stra\u00dfe", "x"),
                        "'Firefox.app/Contents/Stra\u00dfe' has a name HFS+ cannot store here: character U+00DF has no"
                                + " decomposition to ASCII and combining marks"),
                hostile("control character", t -> t.file("Firefox.app/Contents/a\tb", "x"),
                        "'Firefox.app/Contents/a\tb' has a name HFS+ cannot store here: character U+0009 is outside"
                                + " the supported set (printable ASCII and accented Latin letters)"));
    }

    private static Arguments hostile(String what, UnaryOperator<TestBundles.Tar> add, String message) {
        return Arguments.of(what, add, "target.tar.gz entry " + message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void isRefused(String what, UnaryOperator<TestBundles.Tar> add, String message) throws Exception {
        Path input = add.apply(TestBundles.firefox()).write(dir.resolve("in/target.tar.gz"));
        Path out = dir.resolve("out/target.dmg");

        assertThatThrownBy(() -> new DiskImageBuilder().build(input, out))
                .isInstanceOf(TaskFailureException.class).hasMessage(message);
        assertThat(out.getParent()).as("no image and no temporaries").isEmptyDirectory();
    }

    @Test
    void bundleMustComeFirst() throws Exception {
        Path input = new TestBundles.Tar().file("notes.txt", "x").write(dir.resolve("in/target.tar.gz"));

        assertThatThrownBy(() -> new DiskImageBuilder().build(input, dir.resolve("out/target.dmg")))
                .isInstanceOf(TaskFailureException.class).hasMessage("target.tar.gz entry 'notes.txt' lies outside the"
                        + " .app bundle (the archive must hold one <Name>.app at its root)");
    }

    @Test
    void absurdSizesAreRefused() throws Exception {
        Path input = TestBundles.firefox().write(dir.resolve("in/target.tar.gz"));
        DiskImageBuilder small = new DiskImageBuilder(new DiskImageLimits(100_000, 10L << 30, 1000), 2048);
        DiskImageBuilder few = new DiskImageBuilder(new DiskImageLimits(1L << 30, 10L << 30, 5), 2048);
        DiskImageBuilder tight = new DiskImageBuilder(new DiskImageLimits(1L << 30, 60_000, 1000), 2048);

        assertThatThrownBy(() -> small.build(input, dir.resolve("out/a.dmg"))).isInstanceOf(TaskFailureException.class)
                .hasMessage("target.tar.gz entry 'Firefox.app/Contents/Resources/omni.ja' has an absurd size of 400000"
                        + " bytes (limit 100000)");
        assertThatThrownBy(() -> few.build(input, dir.resolve("out/b.dmg"))).isInstanceOf(TaskFailureException.class)
                .hasMessage("target.tar.gz has more than 5 entries");
        assertThatThrownBy(() -> tight.build(input, dir.resolve("out/c.dmg"))).isInstanceOf(TaskFailureException.class)
                .hasMessage("target.tar.gz entry 'Firefox.app/Contents/Resources/omni.ja' takes the archive"
                        + " past 60000 bytes of files");
    }

    @Test
    void notGzipIsRefused() throws Exception {
        Path input = dir.resolve("target.tar.gz");
        java.nio.file.Files.writeString(input, "plain text, not a tarball");

        assertThatThrownBy(() -> new DiskImageBuilder().build(input, dir.resolve("out/target.dmg")))
                .isInstanceOf(TaskFailureException.class).hasMessageStartingWith("target.tar.gz is not gzip-compressed");
    }
}
