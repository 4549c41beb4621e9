package dev.relpromo.repackage.windows;

import dev.relpromo.testing.SystemTools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.Platform;
import dev.relpromo.kit.pe.MinimalPe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 7-Zip, which the real stub is built from, must accept the installers as they are and once signed. */
class SevenZipToolsTest {
    @TempDir
    Path dir;

    private String sevenZip;

    @BeforeEach
    void needSevenZip() {
        sevenZip = SystemTools.sevenZip();
    }

    private final WindowsInstaller installer = new WindowsInstaller();

    private Path buildInstaller(Platform platform) throws IOException {
        Path zip = TestZips.targetZip().write(dir.resolve("in/target.zip"));
        Path setup = TestZips.writeFile(dir.resolve("in/setup.exe"), TestZips.setupExe());
        return installer.build(zip, setup, SfxStub.standIn(platform), AppTag.installer("Firefox"),
                dir.resolve("out/target.installer.exe")).output();
    }

    private Path buildStubInstaller() throws IOException {
        Path zip = TestZips.stubZip().write(dir.resolve("in/target-stub.zip"));
        Path setup = TestZips.writeFile(dir.resolve("in/setup-stub.exe"),
                MinimalPe.image(MinimalPe.Machine.I386, "setup-stub"));
        return installer.buildStub(zip, setup, SfxStub.standIn(Platform.WIN32), AppTag.stub("Firefox"),
                dir.resolve("out/target.stub-installer.exe")).output();
    }

    /**
     * The paths of {@code 7zz l -slt}, in archive order; directories end in "/". Also checks that 7-Zip opened
     * the file as a 7z: a PE would list its sections and pass {@code t} without reaching the archive.
     */
    private List<String> listing(Path archive, String... options) throws Exception {
        SystemTools.Run list = SystemTools.run(dir, command(options, "l", "-slt", archive.toString()));
        assertThat(list.exit()).as(list.output()).isZero();
        assertThat(list.output()).as(list.output()).contains("Type = 7z");
        String entries = list.output().substring(list.output().indexOf("----------"));
        List<String> paths = new ArrayList<>();
        String path = null;
        for (String line : entries.lines().toList()) {
            if (line.startsWith("Path = ")) {
                path = line.substring("Path = ".length());
            } else if (line.startsWith("Attributes = ") && path != null) {
                paths.add(path + (line.substring("Attributes = ".length()).startsWith("D") ? "/" : ""));
                path = null;
            }
        }
        return paths;
    }

    private void assertTested(Path archive, String... options) throws Exception {
        SystemTools.Run test = SystemTools.run(dir, command(options, "t", archive.toString()));
        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).contains("Type = 7z", "Everything is Ok", "Files: ");
    }

    private byte[] extracted(Path archive, String entry, String... options) throws Exception {
        SystemTools.Run run = SystemTools.run(dir, false, command(options, "e", "-so", archive.toString(), entry));
        assertThat(run.exit()).isZero();
        return run.bytes();
    }

    /** 7-Zip's command: the tool, the command letter, the options, then the rest. */
    private String[] command(String[] options, String letter, String... rest) {
        List<String> command = new ArrayList<>(List.of(sevenZip, letter));
        command.addAll(List.of(options));
        command.addAll(List.of(rest));
        return command.toArray(String[]::new);
    }

    @Test
    void sevenZipListsTestsAndExtractsTheInstaller() throws Exception {
        Path exe = buildInstaller(Platform.WIN64);

        assertThat(listing(exe)).containsExactly(
                "core/", "core/browser/", "core/browser/omni.ja", "core/distribution/",
                "core/distribution/distribution.ini", "core/firefox.exe", "core/xul.dll", "setup.exe");
        assertTested(exe);
        assertThat(extracted(exe, "core/distribution/distribution.ini"))
                .isEqualTo(TestZips.utf8(TestZips.DISTRIBUTION_INI));
    }

    @Test
    void sevenZipSeesTheArchiveAfterTheStubAndTheFilters() throws Exception {
        Path exe = buildInstaller(Platform.WIN64_AARCH64);

        SystemTools.Run list = SystemTools.run(dir, sevenZip, "l", "-slt", exe.toString());

        int offset = SfxStub.standIn(Platform.WIN64_AARCH64).size() + AppTag.installer("Firefox").bytes().length;
        assertThat(list.output()).contains("Type = 7z", "Offset = " + offset, "Method = LZMA2:12 BCJ");
    }

    @Test
    void sevenZipListsTestsAndExtractsTheStubInstaller() throws Exception {
        Path exe = buildStubInstaller();

        assertThat(listing(exe)).containsExactly("core/", "partner.ini", "setup-stub.exe");
        assertTested(exe);
        assertThat(extracted(exe, "partner.ini")).isEqualTo(TestZips.utf8(TestZips.PARTNER_INI));
    }

    @Test
    void aSignedInstallerStillVerifiesAndExtracts() throws Exception {
        SystemTools.require("openssl", "osslsigncode");
        Path exe = buildInstaller(Platform.WIN32);
        SystemTools.Run cert = SystemTools.run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", "k.pem", "-out", "c.pem", "-days", "2", "-subj", "/CN=t",
                "-addext", "extendedKeyUsage=codeSigning");
        assertThat(cert.exit()).as(cert.output()).isZero();
        Path signed = dir.resolve("signed.exe");

        SystemTools.Run sign = SystemTools.run(dir, "osslsigncode", "sign", "-certs", "c.pem", "-key", "k.pem",
                "-in", exe.toString(), "-out", signed.toString());

        assertThat(sign.exit()).as(sign.output()).isZero();
        SystemTools.Run verify = SystemTools.run(dir, "osslsigncode", "verify", "-CAfile", "c.pem", "-in", signed.toString());
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("Signature verification: ok");
        assertThat(Files.size(signed)).isGreaterThan(Files.size(exe)); // the certificate table, appended
        // The certificate table is appended after the 7z and the PE header now points at it, so the PE spans the
        // whole file: 7-Zip's format detection then opens it as a PE (listing its sections, and "t" passes without
        // reaching the archive). Asked for a 7z, 7-Zip finds it after the stub and tag as before, and warns only
        // of the data after it (the certificates). The SFX stub itself looks for the archive the same way.
        assertThat(listing(signed, "-t7z")).containsExactly(
                "core/", "core/browser/", "core/browser/omni.ja", "core/distribution/",
                "core/distribution/distribution.ini", "core/firefox.exe", "core/xul.dll", "setup.exe");
        assertTested(signed, "-t7z");
        assertThat(extracted(signed, "core/distribution/distribution.ini", "-t7z"))
                .isEqualTo(TestZips.utf8(TestZips.DISTRIBUTION_INI));
    }
}
