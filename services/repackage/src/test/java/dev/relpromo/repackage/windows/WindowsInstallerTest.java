package dev.relpromo.repackage.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Platform;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.pe.MinimalPe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.archivers.sevenz.SevenZMethod;
import org.apache.commons.compress.archivers.sevenz.SevenZMethodConfiguration;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer's layout and determinism, read back in Java (the system-tool checks are in SevenZipToolsTest). */
class WindowsInstallerTest {
    private static final SfxStub STUB = SfxStub.standIn(Platform.WIN64);
    private static final AppTag TAG = AppTag.installer("Firefox");

    @TempDir
    Path dir;

    private final WindowsInstaller installer = new WindowsInstaller();

    private Path setupExe() throws IOException {
        return TestZips.writeFile(dir.resolve("in/setup.exe"), TestZips.setupExe());
    }

    /** The 7z's entries in archive order: name (with "/" for directories) → content. */
    static Map<String, byte[]> archiveEntries(byte[] installer, int prefix) throws IOException {
        byte[] sevenZ = Arrays.copyOfRange(installer, prefix, installer.length);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (SevenZFile file = SevenZFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(sevenZ)).get()) {
            for (SevenZArchiveEntry e = file.getNextEntry(); e != null; e = file.getNextEntry()) {
                entries.put(e.getName() + (e.isDirectory() ? "/" : ""), e.isDirectory() ? new byte[0] : file.getInputStream(e).readAllBytes());
            }
        }
        return entries;
    }

    @Test
    void theInstallerIsTheStubThenTheTagThenA7zOfCoreAndSetup() throws IOException {
        Path zip = TestZips.targetZip().write(dir.resolve("in/target.zip"));
        Path output = dir.resolve("out/target.installer.exe");

        WindowsInstaller.Result result = installer.build(zip, setupExe(), STUB, TAG, output);

        byte[] bytes = Files.readAllBytes(output);
        byte[] stub = STUB.bytes();
        byte[] tag = TAG.bytes();
        assertThat(Arrays.copyOfRange(bytes, 0, stub.length)).isEqualTo(stub);
        assertThat(Arrays.copyOfRange(bytes, stub.length, stub.length + tag.length)).isEqualTo(tag);
        // the 7z signature follows the tag at once
        assertThat(Arrays.copyOfRange(bytes, stub.length + tag.length, stub.length + tag.length + 6))
                .isEqualTo(new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C});
        Map<String, byte[]> entries = archiveEntries(bytes, stub.length + tag.length);
        assertThat(entries.keySet()).containsExactly(
                "core/", "core/browser/", "core/browser/omni.ja", "core/distribution/",
                "core/distribution/distribution.ini", "core/firefox.exe", "core/xul.dll", "setup.exe");
        assertThat(entries.get("core/distribution/distribution.ini")).isEqualTo(TestZips.utf8(TestZips.DISTRIBUTION_INI));
        assertThat(entries.get("core/xul.dll")).isEqualTo(TestZips.random(3000, 1));
        assertThat(entries.get("setup.exe")).isEqualTo(TestZips.setupExe());
        assertThat(result).isEqualTo(new WindowsInstaller.Result(output, 5, 3,
                3000 + 2000 + TestZips.DISTRIBUTION_INI.length() + entries.get("core/firefox.exe").length
                        + TestZips.setupExe().length,
                bytes.length - stub.length - tag.length, bytes.length));
    }

    @Test
    void everyFileIsBcjThenLzma2WithoutTimesAndWithFixedAttributes() throws IOException {
        Path zip = TestZips.targetZip().write(dir.resolve("in/target.zip"));
        Path output = installer.build(zip, setupExe(), STUB, TAG, dir.resolve("out/a.exe")).output();

        byte[] bytes = Files.readAllBytes(output);
        byte[] sevenZ = Arrays.copyOfRange(bytes, STUB.size() + TAG.bytes().length, bytes.length);
        try (SevenZFile file = SevenZFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(sevenZ)).get()) {
            // content methods are known once an entry has been reached
            for (SevenZArchiveEntry e = file.getNextEntry(); e != null; e = file.getNextEntry()) {
                assertThat(e.getHasLastModifiedDate() || e.getHasCreationDate() || e.getHasAccessDate())
                        .as("times of %s", e.getName()).isFalse();
                assertThat(e.getWindowsAttributes()).as("attributes of %s", e.getName())
                        .isEqualTo(e.isDirectory() ? 0x10 : 0x20);
                if (!e.isDirectory()) {
                    assertThat(e.getContentMethods()).extracting(SevenZMethodConfiguration::getMethod)
                            .as("methods of %s, in decoding order", e.getName())
                            .containsExactly(SevenZMethod.LZMA2, SevenZMethod.BCJ_X86_FILTER);
                }
            }
        }
    }

    @Test
    void twoRunsGiveTheSameBytes() throws IOException {
        Path zip = TestZips.targetZip().write(dir.resolve("in/target.zip"));

        Path first = installer.build(zip, setupExe(), STUB, TAG, dir.resolve("out/1.exe")).output();
        Path second = installer.build(zip, setupExe(), STUB, TAG, dir.resolve("out/2.exe")).output();

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void entryOrderTimesAndImpliedDirectoriesDoNotChangeTheOutput() throws IOException {
        Path zip = TestZips.targetZip().write(dir.resolve("in/target.zip"));
        // reversed, other times, and without the explicit firefox/ entry: the same names and bytes
        Path other = new TestZips().time(1_700_000_000_000L)
                .file("firefox/distribution/distribution.ini", TestZips.DISTRIBUTION_INI)
                .file("firefox/browser/omni.ja", TestZips.random(2000, 2))
                .file("firefox/xul.dll", TestZips.random(3000, 1))
                .windowsFile("firefox/firefox.exe", MinimalPe.image(
                        MinimalPe.Machine.AMD64, "firefox.exe"))
                .write(dir.resolve("in/other.zip"));

        Path first = installer.build(zip, setupExe(), STUB, TAG, dir.resolve("out/1.exe")).output();
        Path second = installer.build(other, setupExe(), STUB, TAG, dir.resolve("out/2.exe")).output();

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void theStubInstallerHoldsPartnerIniAnEmptyCoreAndSetupStub() throws IOException {
        Path zip = TestZips.stubZip().write(dir.resolve("in/target-stub.zip"));
        Path setupStub = TestZips.writeFile(dir.resolve("in/setup-stub.exe"),
                MinimalPe.image(MinimalPe.Machine.I386, "setup-stub"));
        SfxStub stub = SfxStub.standIn(Platform.WIN32);
        AppTag tag = AppTag.stub("Firefox");

        WindowsInstaller.Result result = installer.buildStub(zip, setupStub, stub, tag,
                dir.resolve("out/target.stub-installer.exe"));

        byte[] bytes = Files.readAllBytes(result.output());
        assertThat(new String(bytes, stub.size(), tag.bytes().length, StandardCharsets.UTF_8))
                .isEqualTo(";!@Install@!UTF-8!\nTitle=\"Firefox\"\nRunProgram=\"setup-stub.exe\"\n;!@InstallEnd@!\n");
        Map<String, byte[]> entries = archiveEntries(bytes, stub.size() + tag.bytes().length);
        assertThat(entries.keySet()).containsExactly("core/", "partner.ini", "setup-stub.exe");
        assertThat(entries.get("partner.ini")).isEqualTo(TestZips.utf8(TestZips.PARTNER_INI));
        assertThat(result.files()).isEqualTo(2);
        assertThat(result.directories()).isEqualTo(1);
    }

    @Test
    void theOutputIsExecutableAndReplacedWholeLeavingNoPartialFile() throws IOException {
        Path zip = TestZips.targetZip().write(dir.resolve("in/target.zip"));
        Path output = TestZips.writeFile(dir.resolve("out/target.installer.exe"), TestZips.utf8("previous"));

        installer.build(zip, setupExe(), STUB, TAG, output);

        assertThat(Files.readAllBytes(output)).startsWith(STUB.bytes());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(output))).isEqualTo("rwxr-xr-x");
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("target.installer.exe");
        }
    }

    @Test
    void aRefusedPackageLeavesThePreviousOutputAndNoPartialFile() throws IOException {
        Path zip = TestZips.targetZip().file("firefox/../evil.dll", "x").write(dir.resolve("in/target.zip"));
        Path output = TestZips.writeFile(dir.resolve("out/target.installer.exe"), TestZips.utf8("previous"));

        assertThatThrownBy(() -> installer.build(zip, setupExe(), STUB, TAG, output))
                .isInstanceOf(TaskFailureException.class);

        assertThat(Files.readString(output)).isEqualTo("previous");
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.toList()).containsExactly(output);
        }
    }

    @Test
    void aFailureWhileCompressingRemovesThePartialFile() throws IOException {
        // the size check only fails during the copy, after the output file has been created
        Path zip = TestZips.targetZip().lying("firefox/bomb.dll", new byte[100_000], 1000)
                .write(dir.resolve("in/target.zip"));

        assertThatThrownBy(() -> installer.build(zip, setupExe(), STUB, TAG, dir.resolve("out/a.exe")))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("'firefox/bomb.dll' in " + zip + " holds more than the 1000 bytes it declares");

        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void theSetupProgramIsCarriedNotParsed() throws IOException {
        Path zip = TestZips.targetZip().write(dir.resolve("in/target.zip"));
        Path notExe = TestZips.writeFile(dir.resolve("in/setup.exe"), TestZips.utf8("#!/bin/sh\n"));

        assertThat(installer.build(zip, notExe, STUB, TAG, dir.resolve("out/a.exe")).output()).exists();
        Path missing = dir.resolve("in/none.exe");
        assertThatThrownBy(() -> installer.build(zip, missing, STUB, TAG, dir.resolve("out/b.exe")))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("the setup program " + missing + " is missing or not a regular file");
    }

    @Test
    void aFileThatIsNotAZipIsRefusedAsBadInput() throws IOException {
        Path notZip = TestZips.writeFile(dir.resolve("in/target.zip"), TestZips.utf8("not a zip"));

        assertThatThrownBy(() -> installer.build(notZip, setupExe(), STUB, TAG, dir.resolve("out/a.exe")))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageStartingWith("the package " + notZip + " is not a valid zip: ");
    }

    @Test
    void packagesDeclaringMoreThanTheLimitAreRefusedBeforeWriting() throws IOException {
        Path zip = TestZips.targetZip().write(dir.resolve("in/target.zip"));
        WindowsInstaller small = new WindowsInstaller(new SevenZipSettings(1 << 20, 4000));

        assertThatThrownBy(() -> small.build(zip, setupExe(), STUB, TAG, dir.resolve("out/a.exe")))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageStartingWith(zip + " declares more than 4000 bytes of content (at entry 'firefox/");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
