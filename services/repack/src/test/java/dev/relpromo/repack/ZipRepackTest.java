package dev.relpromo.repack;

import dev.relpromo.testing.SystemTools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.kit.store.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipRepackTest {
    @TempDir
    Path dir;

    private Path windowsBuild(String... extraEntries) throws IOException {
        Path zip = dir.resolve("in/target.zip");
        java.nio.file.Files.createDirectories(zip.getParent());
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            put(out, "firefox/", null, ZipEntry.STORED);
            put(out, "firefox/firefox.exe", TestArchives.text(50_000, 1), ZipEntry.DEFLATED);
            put(out, "firefox/xul.dll", TestArchives.random(30_000, 2), ZipEntry.STORED);
            put(out, "firefox/distribution/distribution.ini", TestArchives.utf8("[Global]\nid=mozilla\n"), ZipEntry.DEFLATED);
            for (String name : extraEntries) {
                put(out, name, TestArchives.utf8("x"), ZipEntry.DEFLATED);
            }
        }
        return zip;
    }

    private static void put(ZipArchiveOutputStream out, String name, byte[] content, int method) throws IOException {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setMethod(method);
        e.setTime(1_600_000_000_000L);
        out.putArchiveEntry(e);
        if (content != null) {
            out.write(content);
        }
        out.closeArchiveEntry();
    }

    private RepackResult repack(Path input, String outDir) throws IOException {
        return new Repacker(TarRepackTest.SMALL_BLOCKS).repack(input, ArchiveFormat.ZIP,
                TestArchives.acmeSubConfig(dir.resolve("cfg.zip")), new Customisation("de", "de", true),
                dir.resolve(outDir).resolve("target.zip"), Progress.NONE);
    }

    @Test
    void copiesOriginalEntriesRawAndAddsTheSubConfigUnderFirefox() throws Exception {
        Path input = windowsBuild();
        RepackResult result = repack(input, "out");

        try (ZipFile in = ZipFile.builder().setPath(input).get(); ZipFile out = ZipFile.builder().setPath(result.output()).get()) {
            List<String> names = new ArrayList<>();
            Collections.list(out.getEntriesInPhysicalOrder()).forEach(e -> names.add(e.getName()));
            assertThat(names).containsExactly("firefox/", "firefox/firefox.exe", "firefox/xul.dll",
                    "firefox/distribution/", "firefox/distribution/distribution.ini",
                    "firefox/distribution/searchplugins/", "firefox/distribution/searchplugins/common/",
                    "firefox/distribution/searchplugins/common/acme.xml",
                    "firefox/extensions/", "firefox/extensions/acme@example.com.xpi");
            for (String name : List.of("firefox/firefox.exe", "firefox/xul.dll")) {
                ZipArchiveEntry before = in.getEntry(name);
                ZipArchiveEntry after = out.getEntry(name);
                assertThat(after.getMethod()).isEqualTo(before.getMethod());
                assertThat(raw(out, after)).isEqualTo(raw(in, before)); // the compressed bytes, untouched
            }
            ZipArchiveEntry ini = out.getEntry("firefox/distribution/distribution.ini");
            try (InputStream content = out.getInputStream(ini)) {
                assertThat(new String(content.readAllBytes())).isEqualTo(TestArchives.INI + "[XRE]\nEnableProfileMigrator=0\n");
            }
            assertThat(ini.getUnixMode()).isEqualTo(UnixStat.FILE_FLAG | 0644);
            assertThat(out.getEntry("firefox/extensions/").getUnixMode()).isEqualTo(UnixStat.DIR_FLAG | 0755);
        }
        assertThat(result.replaced()).isEqualTo(1);
        assertThat(result.copied()).isEqualTo(3);
    }

    private static byte[] raw(ZipFile zip, ZipArchiveEntry e) throws IOException {
        try (InputStream in = zip.getRawInputStream(e)) {
            return in.readAllBytes();
        }
    }

    @Test
    void isDeterministicAndAcceptedByUnzip() throws Exception {
        Path input = windowsBuild();
        Path first = repack(input, "a").output();
        Path second = repack(input, "b").output();
        assertThat(Digests.sha512Hex(second)).isEqualTo(Digests.sha512Hex(first));

        Assumptions.assumeTrue(SystemTools.has("unzip"), "unzip is not installed: skipping the unzip -t check");
        SystemTools.Run test = SystemTools.run(dir, "unzip", "-t", first.toString());
        assertThat(test.exit()).as(test.output()).isZero();
    }

    @Test
    void unsafeZipEntriesFail() throws Exception {
        // commons-compress turns a DOS name's backslashes into slashes; mixed ones stay and are refused as such
        Path input = windowsBuild("firefox\\..\\..\\evil.dll");
        assertThatThrownBy(() -> repack(input, "out"))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessage("archive entry 'firefox/../../evil.dll' escapes the archive root");
        assertThat(dir.resolve("out")).isEmptyDirectory();

        Path mixed = windowsBuild("firefox/..\\evil.dll");
        assertThatThrownBy(() -> repack(mixed, "out"))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessage("archive entry 'firefox/..\\evil.dll' contains a NUL or backslash");
        assertThat(dir.resolve("out")).isEmptyDirectory();
    }
}
