package dev.relpromo.repackage.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Platform;
import dev.relpromo.kit.failure.TaskFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Entries that could write outside the install directory, or clash on Windows, are refused before any output. */
class HostileEntriesTest {
    private static final SfxStub STUB = SfxStub.standIn(Platform.WIN64);

    @TempDir
    Path dir;

    private final WindowsInstaller installer = new WindowsInstaller();

    static Stream<Arguments> hostileTargetZips() {
        return Stream.of(
                refused("absolute", z -> z.file("/etc/evil.dll", "x"),
                        "entry '/etc/evil.dll' in %s is an absolute path"),
                refused("drive letter", z -> z.file("C:/Windows/evil.dll", "x"),
                        "entry 'C:/Windows/evil.dll' in %s is an absolute path"),
                refused("dot-dot", z -> z.file("firefox/../../evil.dll", "x"),
                        "entry 'firefox/../../evil.dll' in %s has a '..' component"),
                refused("dot-dot that stays inside", z -> z.file("firefox/a/../b.dll", "x"),
                        "entry 'firefox/a/../b.dll' in %s has a '..' component"),
                refused("backslash", z -> z.file("firefox/a\\..\\..\\evil.dll", "x"),
                        "entry 'firefox/a\\..\\..\\evil.dll' in %s contains a backslash"),
                refused("NUL", z -> z.file("firefox/evil.dll\0.txt", "x"),
                        "entry 'firefox/evil.dll\\x00.txt' in %s contains a NUL or another control character"),
                refused("outside firefox/", z -> z.file("evil.dll", "x"),
                        "entry 'evil.dll' in %s lies outside firefox/ (target.zip holds only the firefox/ tree)"),
                refused("partner.ini is for the stub only", z -> z.file("partner.ini", "x"),
                        "entry 'partner.ini' in %s lies outside firefox/ (target.zip holds only the firefox/ tree)"),
                refused("another case of firefox/", z -> z.file("Firefox/evil.dll", "x"),
                        "entry 'Firefox/evil.dll' in %s lies outside firefox/ (target.zip holds only the firefox/ tree)"),
                refused("a file named firefox", z -> new TestZips().file("firefox", "x"),
                        "entry 'firefox' in %s lies outside firefox/ (target.zip holds only the firefox/ tree)"),
                refused("duplicate", z -> z.file("firefox/xul.dll", "x"),
                        "entry 'firefox/xul.dll' in %s appears twice"),
                refused("duplicate but for case", z -> z.file("firefox/XUL.dll", "x"),
                        "entry 'firefox/XUL.dll' in %s would overwrite 'firefox/xul.dll' (Windows ignores case and"
                                + " trailing slashes)"),
                refused("file and directory", z -> z.dir("firefox/xul.dll/"),
                        "entry 'firefox/xul.dll/' in %s would overwrite 'firefox/xul.dll' (Windows ignores case and"
                                + " trailing slashes)"),
                refused("file with entries inside", z -> z.file("firefox/xul.dll/x", "x"),
                        "entry 'firefox/xul.dll' in %s is a file, but other entries lie inside it"),
                refused("directories differing in case", z -> z.file("firefox/Browser/x.js", "x"),
                        "entry 'firefox/Browser/x.js' in %s lies in 'firefox/Browser', which differs from"
                                + " 'firefox/browser' only in case"),
                refused("symlink", z -> z.symlink("firefox/passwd", "/etc/passwd"),
                        "entry 'firefox/passwd' in %s is a symlink"),
                refused("empty component", z -> z.file("firefox//evil.dll", "x"),
                        "entry 'firefox//evil.dll' in %s has an empty or '.' component"),
                refused("dot component", z -> z.file("firefox/./evil.dll", "x"),
                        "entry 'firefox/./evil.dll' in %s has an empty or '.' component"),
                refused("colon (NTFS stream)", z -> z.file("firefox/xul.dll:evil", "x"),
                        "entry 'firefox/xul.dll:evil' in %s contains a character Windows does not allow in names"
                                + " (<>:\"|?*)"),
                refused("trailing dot", z -> z.file("firefox/evil.", "x"),
                        "entry 'firefox/evil.' in %s has a component ending in a dot or space"),
                refused("device name", z -> z.file("firefox/nul.txt", "x"),
                        "entry 'firefox/nul.txt' in %s names a Windows device (nul.txt)"),
                refused("no firefox/", z -> new TestZips(),
                        "%s holds no firefox/ directory (target.zip holds only the firefox/ tree)"),
                refused("an empty firefox/", z -> new TestZips().dir("firefox/"),
                        "%s holds no files below firefox/"));
    }

    private static Arguments refused(String why, UnaryOperator<TestZips> zip, String message) {
        return Arguments.of(why, zip, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileTargetZips")
    void hostileEntriesInTargetZipAreRefused(String why, UnaryOperator<TestZips> hostile, String message)
            throws IOException {
        Path zip = hostile.apply(TestZips.targetZip()).write(dir.resolve("in/target.zip"));
        Path setup = TestZips.writeFile(dir.resolve("in/setup.exe"), TestZips.setupExe());

        assertThatThrownBy(() -> installer.build(zip, setup, STUB, AppTag.installer("Firefox"),
                dir.resolve("out/target.installer.exe")))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage(message, zip);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    static Stream<Arguments> hostileStubZips() {
        return Stream.of(
                refused("setup.exe smuggled in", z -> z.file("setup-stub.exe", "x"),
                        "entry 'setup-stub.exe' in %s lies outside firefox/ (target-stub.zip holds only the"
                                + " firefox/ tree and partner.ini)"),
                refused("partner.ini as a directory", z -> new TestZips().dir("partner.ini/").dir("firefox/"),
                        "entry 'partner.ini/' in %s lies outside firefox/ (target-stub.zip holds only the"
                                + " firefox/ tree and partner.ini)"),
                refused("duplicate partner.ini", z -> z.file("partner.ini", "[Partner]\nid=evil\n"),
                        "entry 'partner.ini' in %s appears twice"),
                refused("partner.ini as a symlink", z -> new TestZips().dir("firefox/").symlink("partner.ini", "/etc/passwd"),
                        "entry 'partner.ini' in %s is a symlink"),
                refused("dot-dot", z -> z.file("firefox/../partner.ini", "x"),
                        "entry 'firefox/../partner.ini' in %s has a '..' component"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileStubZips")
    void hostileEntriesInTheStubZipAreRefused(String why, UnaryOperator<TestZips> hostile, String message)
            throws IOException {
        Path zip = hostile.apply(TestZips.stubZip()).write(dir.resolve("in/target-stub.zip"));
        Path setup = TestZips.writeFile(dir.resolve("in/setup-stub.exe"), TestZips.setupExe());

        assertThatThrownBy(() -> installer.buildStub(zip, setup, SfxStub.standIn(Platform.WIN32),
                AppTag.stub("Firefox"), dir.resolve("out/target.stub-installer.exe")))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage(message, zip);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void anEntryInflatingToMoreThanItDeclaresStopsAtTheExcess() throws IOException {
        Path zip = TestZips.targetZip().lying("firefox/bomb.dll", new byte[1 << 20], 4096)
                .write(dir.resolve("in/target.zip"));
        Path setup = TestZips.writeFile(dir.resolve("in/setup.exe"), TestZips.setupExe());

        assertThatThrownBy(() -> installer.build(zip, setup, STUB, AppTag.installer("Firefox"),
                dir.resolve("out/a.exe")))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("'firefox/bomb.dll' in " + zip + " holds more than the 4096 bytes it declares");
        try (var left = Files.list(dir.resolve("out"))) {
            assertThat(left.toList()).isEmpty();
        }
    }

    @Test
    void aWindowsZipWithBackslashSeparatorsIsReadAsWindowsToolsMeanIt() throws IOException {
        // a FAT-platform entry without any "/" uses "\" as its separator (commons-compress, like unzip, converts it)
        Path zip = TestZips.targetZip().windowsFile("firefox\\uninstall\\helper.exe", TestZips.setupExe())
                .write(dir.resolve("in/target.zip"));
        Path setup = TestZips.writeFile(dir.resolve("in/setup.exe"), TestZips.setupExe());

        WindowsInstaller.Result result = installer.build(zip, setup, STUB, AppTag.installer("Firefox"),
                dir.resolve("out/a.exe"));

        byte[] bytes = Files.readAllBytes(result.output());
        assertThat(WindowsInstallerTest.archiveEntries(bytes, STUB.size() + AppTag.installer("Firefox").bytes().length))
                .containsKeys("core/uninstall/", "core/uninstall/helper.exe");
    }
}
