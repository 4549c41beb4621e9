package dev.relpromo.repack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Decompression bombs stop at a configurable ceiling, while streaming, with an error that says how to raise it. */
class ArchiveLimitsTest {
    @TempDir
    Path root;

    private static Repacker repacker(long maxBytes, long maxEntries) {
        return new Repacker(TarRepackTest.SMALL_BLOCKS, new ArchiveLimits(maxBytes, maxEntries));
    }

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    void anArchiveExpandingBeyondTheByteLimitFails(ArchiveFormat format) throws Exception {
        Path input = UnsafeArchiveTest.build(format)
                .file("firefox/zeros", new byte[200_000]) // compresses to almost nothing
                .write(root.resolve("work/input").resolve(format.fileName()), format);

        UnsafeArchiveTest.assertRefused(root, input, format, repacker(50_000, 1000), "archive " + format.fileName()
                + " expands to more than 50000 bytes uncompressed; this protects against decompression bombs:"
                + " if the archive is genuine, raise RELPROMO_ARCHIVE_MAX_BYTES");
    }

    @ParameterizedTest
    @EnumSource(ArchiveFormat.class)
    void anArchiveWithMoreEntriesThanTheLimitFails(ArchiveFormat format) throws Exception {
        TestArchives.Builder archive = TestArchives.builder(format);
        for (int i = 0; i < 20; i++) {
            archive.file("firefox/f" + i, "x");
        }
        Path input = archive.write(root.resolve("work/input").resolve(format.fileName()), format);

        UnsafeArchiveTest.assertRefused(root, input, format, repacker(1 << 30, 10), "archive " + format.fileName()
                + " has more than 10 entries (the limit was reached at entry 'firefox/f10'); this protects against"
                + " decompression bombs: if the archive is genuine, raise RELPROMO_ARCHIVE_MAX_ENTRIES");
    }

    @ParameterizedTest
    @EnumSource(value = ArchiveFormat.class, names = {"TAR_XZ", "TAR_BZ2", "TAR_GZ"})
    void aHugePaxHeaderFailsBeforeItIsHeldInMemory(ArchiveFormat format) throws Exception {
        TarArchiveEntry huge = new TarArchiveEntry("firefox/x", TarConstants.LF_NORMAL, true);
        huge.addPaxHeader("comment", "a".repeat(2 << 20)); // a 2 GB one would exhaust the heap; 2 MB shows the cap
        Path input = ((TestArchives.Tar) UnsafeArchiveTest.build(format)).entry(huge, null)
                .write(root.resolve("work/input").resolve(format.fileName()), format);

        UnsafeArchiveTest.assertRefused(root, input, format, new Repacker(TarRepackTest.SMALL_BLOCKS), "archive "
                + format.fileName() + " has more than 1048576 bytes of headers (pax or GNU long-name records)"
                + " after entry 'firefox/firefox'");
    }

    @Test
    void aZipEntryInflatingBeyondItsDeclaredSizeFails() throws Exception {
        Path input = ((TestArchives.Zip) UnsafeArchiveTest.build(ArchiveFormat.ZIP))
                .lying("firefox/bomb.dll", new byte[100_000], 10)
                .write(root.resolve("work/input/target.zip"), ArchiveFormat.ZIP);

        UnsafeArchiveTest.assertRefused(root, input, ArchiveFormat.ZIP, new Repacker(TarRepackTest.SMALL_BLOCKS),
                "archive entry 'firefox/bomb.dll' inflates to more than the 10 bytes it declares");
    }

    @Test
    void aSubConfigEntryLargerThanItDeclaresFailsTheRepack() throws Exception {
        Path input = TestArchives.linuxBuild().write(root.resolve("work/input/target.tar.xz"), ArchiveFormat.TAR_XZ);
        Path snapshot = new TestArchives.Zip()
                .lying("extensions/bomb.xpi", new byte[100_000], 10)
                .file("distribution/distribution.ini", TestArchives.INI)
                .write(root.resolve("work/input/partner-config.zip"), ArchiveFormat.ZIP);

        assertThatThrownBy(() -> new Repacker(TarRepackTest.SMALL_BLOCKS).repack(input, ArchiveFormat.TAR_XZ, snapshot,
                Customisation.forLocale("de"), root.resolve("work/output/target.tar.xz"), Progress.NONE))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessage("sub-config entry 'extensions/bomb.xpi' holds more than the 10 bytes it declares");
        assertThat(root.resolve("work/output")).isEmptyDirectory();
    }

    @Test
    void theSubConfigSnapshotIsHeldToTheLimitsAndAFewKilobytesOfIni() throws Exception {
        Path acme = TestArchives.acmeSubConfig(root.resolve("acme.zip")); // 4 entries
        assertThatThrownBy(() -> SubConfig.open(acme, Customisation.forLocale("de"), new ArchiveLimits(1 << 30, 3)))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageStartingWith("archive sub-config snapshot acme.zip has more than 3 entries"
                        + " (the limit was reached at entry 'extensions/acme@example.com.xpi')");

        Path hugeIni = new TestArchives.Zip()
                .file("distribution/distribution.ini", new byte[SubConfig.MAX_INI_BYTES + 1])
                .write(root.resolve("ini.zip"), ArchiveFormat.ZIP);
        assertThatThrownBy(() -> SubConfig.open(hugeIni, Customisation.forLocale("de")))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessage("sub-config entry 'distribution/distribution.ini' is 1048577 bytes; more than 1048576"
                        + " cannot be a distribution.ini");
    }

    @Test
    void theEnvironmentOverridesTheDefaults() {
        assertThat(ArchiveLimits.fromEnvironment(Map.of())).isEqualTo(new ArchiveLimits(8L << 30, 200_000));
        assertThat(ArchiveLimits.fromEnvironment(Map.of("RELPROMO_ARCHIVE_MAX_BYTES", "16G",
                "RELPROMO_ARCHIVE_MAX_ENTRIES", "500000"))).isEqualTo(new ArchiveLimits(16L << 30, 500_000));
        assertThat(ArchiveLimits.fromEnvironment(Map.of("RELPROMO_ARCHIVE_MAX_BYTES", " 123456 ")).maxBytes())
                .isEqualTo(123_456);
        assertThat(ArchiveLimits.fromEnvironment(Map.of("RELPROMO_ARCHIVE_MAX_BYTES", "512m")).maxBytes())
                .isEqualTo(512L << 20);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "RELPROMO_ARCHIVE_MAX_BYTES|lots|RELPROMO_ARCHIVE_MAX_BYTES='lots' is not a positive byte count (e.g. 8589934592 or 8G)",
            "RELPROMO_ARCHIVE_MAX_BYTES|0|RELPROMO_ARCHIVE_MAX_BYTES='0' is not a positive byte count (e.g. 8589934592 or 8G)",
            "RELPROMO_ARCHIVE_MAX_BYTES|99999999T|RELPROMO_ARCHIVE_MAX_BYTES='99999999T' is not a positive byte count (e.g. 8589934592 or 8G)",
            "RELPROMO_ARCHIVE_MAX_ENTRIES|-1|RELPROMO_ARCHIVE_MAX_ENTRIES='-1' is not a positive number of entries (e.g. 200000)",
            "RELPROMO_ARCHIVE_MAX_ENTRIES|10K|RELPROMO_ARCHIVE_MAX_ENTRIES='10K' is not a positive number of entries (e.g. 200000)"})
    void badEnvironmentValuesAreRefusedNamingTheVariable(String variable, String value, String message) {
        assertThatThrownBy(() -> ArchiveLimits.fromEnvironment(Map.of(variable, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
