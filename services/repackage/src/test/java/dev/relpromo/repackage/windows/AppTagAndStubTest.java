package dev.relpromo.repackage.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Platform;
import dev.relpromo.kit.pe.MinimalPe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tag text the SFX stub parses, and which stub a platform gets by default. */
class AppTagAndStubTest {
    @Test
    void theInstallerTagRunsSetupExe() {
        assertThat(AppTag.installer("Firefox").text()).isEqualTo("""
                ;!@Install@!UTF-8!
                Title="Firefox"
                RunProgram="setup.exe"
                ;!@InstallEnd@!
                """);
    }

    @Test
    void theStubTagRunsSetupStubExeAndIsUtf8() {
        AppTag tag = AppTag.stub("Firefox für Acme");

        assertThat(tag.text()).isEqualTo(
                ";!@Install@!UTF-8!\nTitle=\"Firefox für Acme\"\nRunProgram=\"setup-stub.exe\"\n;!@InstallEnd@!\n");
        assertThat(tag.bytes()).isEqualTo(tag.text().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void titlesThatWouldBreakTheTagAreRefused() {
        assertThatThrownBy(() -> AppTag.installer("Fire\"fox")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("title must not contain quotes or control characters: 'Fire\"fox'");
        assertThatThrownBy(() -> AppTag.installer("Firefox\nRunProgram=\"evil.exe\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("title must not contain quotes or control characters");
        assertThatThrownBy(() -> AppTag.installer(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("title must not be empty");
        assertThatThrownBy(() -> new AppTag("Firefox", "core/setup.exe")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("runProgram must be an .exe file name at the archive root, not 'core/setup.exe'");
    }

    @Test
    void eachWindowsPlatformGetsAStandInForItsCpu() {
        assertThat(SfxStub.standIn(Platform.WIN32).bytes()).isEqualTo(MinimalPe.image(MinimalPe.Machine.I386));
        assertThat(SfxStub.standIn(Platform.WIN64).bytes()).isEqualTo(MinimalPe.image(MinimalPe.Machine.AMD64));
        assertThat(SfxStub.standIn(Platform.WIN64_AARCH64).bytes()).isEqualTo(MinimalPe.image(MinimalPe.Machine.ARM64));
        assertThat(SfxStub.standIn(Platform.WIN64).isStandIn()).isTrue();
        assertThat(SfxStub.standIn(Platform.WIN64)).hasToString("SfxStub[stand-in for win64, 1024 bytes, cannot self-extract]");
        assertThatThrownBy(() -> SfxStub.standIn(Platform.MACOSX64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mac has no Windows installer");
    }

    @Test
    void aConfiguredStubIsReadFromItsFile(@TempDir Path dir) throws IOException {
        byte[] sfx = MinimalPe.image(MinimalPe.Machine.I386, "7zSD");
        Path file = TestZips.writeFile(dir.resolve("7zSD.Win32.sfx"), sfx);

        SfxStub stub = SfxStub.read(file);

        assertThat(stub.bytes()).isEqualTo(sfx);
        assertThat(stub.origin()).isEqualTo(file.toString());
        assertThat(stub.isStandIn()).isFalse();
    }

    @Test
    void aConfiguredStubMustBeAWindowsExecutable() {
        SfxStub stub = SfxStub.of(MinimalPe.image(MinimalPe.Machine.I386, "7zSD"), "7zSD.Win32.sfx");

        assertThat(stub.isStandIn()).isFalse();
        assertThat(stub.origin()).isEqualTo("7zSD.Win32.sfx");
        assertThatThrownBy(() -> SfxStub.of("#!/bin/sh".getBytes(StandardCharsets.US_ASCII), "stub.sh"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the SFX stub stub.sh is not a Windows executable (no MZ header)");
    }
}
