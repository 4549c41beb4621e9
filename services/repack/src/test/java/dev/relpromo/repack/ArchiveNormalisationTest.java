package dev.relpromo.repack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.kit.store.Digests;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Entries inherited from the input lose special bits, owners and foreign pax records, the same way every run. */
class ArchiveNormalisationTest {
    private static final String LONG_NAME = "firefox/" + "long-name-".repeat(12);
    private static final String LONG_TARGET = "firefox/" + "long-target-".repeat(10);
    private static final FileTime SUB_SECOND = FileTime.fromMillis(1_600_000_000_123L);

    @TempDir
    Path dir;

    private static TarArchiveEntry hostileHeader(String name, byte type, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setMode(mode);
        e.setIds(1234, 5678);
        e.setNames("mallory", "wheel");
        e.setLastModifiedTime(SUB_SECOND);
        e.addPaxHeader("SCHILY.xattr.security.capability", "cap_sys_admin+ep");
        e.addPaxHeader("comment", "hello");
        e.addPaxHeader("atime", "1600000001.5");
        return e;
    }

    private Path hostileTar(ArchiveFormat format) throws Exception {
        TestArchives.Tar tar = (TestArchives.Tar) UnsafeArchiveTest.build(format);
        TarArchiveEntry suid = hostileHeader("firefox/suid", TarConstants.LF_NORMAL, 04755);
        suid.setSize(3);
        tar.entry(suid, TestArchives.utf8("elf"))
                .entry(hostileHeader("firefox/tmp/", TarConstants.LF_DIR, 01777), null)
                .entry(hostileHeader("firefox/sgid/", TarConstants.LF_DIR, 02755), null)
                .file(LONG_NAME, "x");
        TarArchiveEntry link = hostileHeader("firefox/link", TarConstants.LF_SYMLINK, 0777);
        link.setLinkName(LONG_TARGET);
        tar.entry(link, null);
        return tar.write(dir.resolve("in").resolve(format.fileName()), format);
    }

    private Path repack(Path input, ArchiveFormat format, String out) throws Exception {
        return new Repacker(TarRepackTest.SMALL_BLOCKS).repack(input, format,
                TestArchives.acmeSubConfig(dir.resolve("cfg.zip")), Customisation.forLocale("de"),
                dir.resolve(out).resolve(format.fileName()), Progress.NONE).output();
    }

    @ParameterizedTest
    @EnumSource(value = ArchiveFormat.class, names = {"TAR_XZ", "TAR_BZ2", "TAR_GZ"})
    void tarEntriesLoseSpecialBitsOwnersAndForeignPaxRecords(ArchiveFormat format) throws Exception {
        Path input = hostileTar(format);
        assertThat(TestArchives.paxKeys(TestArchives.uncompressed(input, format)))
                .contains("SCHILY.xattr.security.capability", "comment", "atime", "mtime");

        Path output = repack(input, format, "a");

        assertThat(TestArchives.paxKeys(TestArchives.uncompressed(output, format)))
                .contains("path", "linkpath", "mtime") // what the ustar header cannot hold is kept
                .allMatch(key -> List.of("path", "linkpath", "size", "mtime").contains(key));
        Map<String, TestArchives.Read> out = TestArchives.readTar(output, format);
        assertThat(out.get("firefox/suid").entry().getMode() & 07777).isEqualTo(0755);
        assertThat(out.get("firefox/tmp/").entry().getMode() & 07777).isEqualTo(0777);
        assertThat(out.get("firefox/sgid/").entry().getMode() & 07777).isEqualTo(0755);
        assertThat(out.get("firefox/suid").text()).isEqualTo("elf");
        assertThat(out.get("firefox/suid").entry().getLastModifiedTime()).isEqualTo(SUB_SECOND);
        assertThat(out.get("firefox/link").entry().getLinkName()).isEqualTo(LONG_TARGET);
        assertThat(out).containsKey(LONG_NAME);
        for (TestArchives.Read read : out.values()) {
            TarArchiveEntry e = read.entry();
            assertThat(List.of(e.getLongUserId(), e.getLongGroupId())).as(e.getName()).containsExactly(0L, 0L);
            assertThat(e.getUserName() + e.getGroupName()).as(e.getName()).isEmpty();
            assertThat(e.getExtraPaxHeaders()).as(e.getName()).isEmpty();
            assertThat(e.getLastAccessTime()).as(e.getName()).isNull();
        }
        assertThat(Digests.sha512Hex(repack(input, format, "b"))).isEqualTo(Digests.sha512Hex(output));
    }

    @Test
    void zipEntriesLoseSpecialBitsAndStayRawCopies() throws Exception {
        Path input = new TestArchives.Zip()
                .dir("firefox/")
                .file("firefox/suid.exe", TestArchives.text(20_000, 1), 04755)
                .file("firefox/sticky", TestArchives.utf8("x"), 01644)
                .file("firefox/plain.dll", TestArchives.text(20_000, 2), 0644)
                .write(dir.resolve("in/target.zip"), ArchiveFormat.ZIP);

        Path output = repack(input, ArchiveFormat.ZIP, "a");

        try (ZipFile in = ZipFile.builder().setPath(input).get(); ZipFile out = ZipFile.builder().setPath(output).get()) {
            assertThat(out.getEntry("firefox/suid.exe").getUnixMode()).isEqualTo(UnixStat.FILE_FLAG | 0755);
            assertThat(out.getEntry("firefox/sticky").getUnixMode()).isEqualTo(UnixStat.FILE_FLAG | 0644);
            assertThat(out.getEntry("firefox/plain.dll").getUnixMode()).isEqualTo(UnixStat.FILE_FLAG | 0644);
            assertThat(out.getEntry("firefox/").getUnixMode()).isEqualTo(UnixStat.DIR_FLAG | 0755);
            for (String name : List.of("firefox/suid.exe", "firefox/plain.dll")) {
                assertThat(raw(out, out.getEntry(name))).isEqualTo(raw(in, in.getEntry(name))); // not recompressed
            }
        }
        assertThat(Digests.sha512Hex(repack(input, ArchiveFormat.ZIP, "b"))).isEqualTo(Digests.sha512Hex(output));
    }

    private static byte[] raw(ZipFile zip, ZipArchiveEntry e) throws Exception {
        try (InputStream in = zip.getRawInputStream(e)) {
            return in.readAllBytes();
        }
    }
}
