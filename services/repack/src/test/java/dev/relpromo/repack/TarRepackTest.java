package dev.relpromo.repack;

import static dev.relpromo.repack.TestArchives.acmeSubConfig;
import static dev.relpromo.repack.TestArchives.linuxBuild;
import static dev.relpromo.repack.TestArchives.readTar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.kit.store.Digests;
import dev.relpromo.kit.failure.TaskFailureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TarRepackTest {
    /** Small blocks so that even test archives are split into several parallel blocks. */
    static final CompressionSettings SMALL_BLOCKS = CompressionSettings.defaults()
            .withXzBlockSize(64 << 10).withBzip2ChunkSize(64 << 10).withThreads(2);

    @TempDir
    Path dir;

    private RepackResult repack(ArchiveFormat format, Customisation customisation, CompressionSettings settings,
                                String outputName) throws Exception {
        Path input = linuxBuild().write(dir.resolve("in").resolve(format.fileName()), format);
        Path snapshot = acmeSubConfig(dir.resolve("in").resolve("partner-config.zip"));
        return new Repacker(settings).repack(input, format, snapshot, customisation,
                dir.resolve(outputName).resolve(format.fileName()), Progress.NONE);
    }

    @ParameterizedTest
    @EnumSource(value = ArchiveFormat.class, names = {"TAR_XZ", "TAR_BZ2"})
    void insertsTheSubConfigUnderFirefoxAndKeepsEverythingElse(ArchiveFormat format) throws Exception {
        RepackResult result = repack(format, Customisation.forLocale("de"), SMALL_BLOCKS, "out");

        Map<String, TestArchives.Read> out = readTar(result.output(), format);
        assertThat(new ArrayList<>(out.keySet())).containsExactly(
                "firefox/",
                "firefox/firefox",
                "firefox/firefox-bin",
                "firefox/libxul.so.1",
                "firefox/libxul.so",
                "firefox/browser/",
                "firefox/browser/omni.ja",
                "firefox/browser/features/" + "a-very-long-directory-name-".repeat(4) + "/x.js",
                // appended, sorted, with entries for the directories the output would otherwise lack
                // (the original distribution.ini was replaced, so nothing else declares firefox/distribution/)
                "firefox/distribution/",
                "firefox/distribution/distribution.ini",
                "firefox/distribution/searchplugins/",
                "firefox/distribution/searchplugins/common/",
                "firefox/distribution/searchplugins/common/acme.xml",
                "firefox/extensions/",
                "firefox/extensions/acme@example.com.xpi");
        assertThat(out.get("firefox/distribution/distribution.ini").text()).isEqualTo(TestArchives.INI);
        assertThat(out.get("firefox/extensions/acme@example.com.xpi").content()).isEqualTo(TestArchives.random(20_000, 3));
        assertThat(out.get("firefox/libxul.so.1").content()).isEqualTo(TestArchives.text(200_000, 2));
        assertThat(out.get("firefox/libxul.so").entry().getLinkName()).isEqualTo("libxul.so.1");
        assertThat(out.get("firefox/firefox-bin").entry().isLink()).isTrue();
        assertThat(out).doesNotContainKey("repack.cfg").doesNotContainKey("firefox/repack.cfg");
        assertThat(result.copied()).isEqualTo(8);
        assertThat(result.replaced()).isEqualTo(1);
        assertThat(result.inserted()).isEqualTo(7);
    }

    @Test
    void originalsKeepTheirTimesAndModesAndInsertedEntriesGetFixedOnes() throws Exception {
        RepackResult result = repack(ArchiveFormat.TAR_XZ, Customisation.forLocale("de"), SMALL_BLOCKS, "out");
        Map<String, TestArchives.Read> out = readTar(result.output(), ArchiveFormat.TAR_XZ);

        TarArchiveEntry original = out.get("firefox/firefox").entry();
        assertThat(original.getUserName()).isEmpty(); // owners are never inherited (ArchiveNormalisationTest)
        assertThat(original.getLongUserId()).isZero();
        assertThat(original.getMode() & 07777).isEqualTo(0644);
        assertThat(original.getLastModifiedTime().toMillis()).isEqualTo(1_600_000_000_000L);

        for (String name : List.of("firefox/extensions/", "firefox/extensions/acme@example.com.xpi")) {
            TarArchiveEntry e = out.get(name).entry();
            assertThat(e.getLastModifiedTime().toInstant()).isEqualTo(TarRepacker.FIXED_MTIME);
            assertThat(e.getLongUserId()).isZero();
            assertThat(e.getLongGroupId()).isZero();
            assertThat(e.getUserName()).isEmpty();
            assertThat(e.getGroupName()).isEmpty();
            assertThat(e.getMode()).isEqualTo(e.isDirectory() ? 0755 : 0644);
        }
    }

    @Test
    void customLocaleAndMigrationWizardAreWrittenToDistributionIni() throws Exception {
        RepackResult result = repack(ArchiveFormat.TAR_BZ2, new Customisation("en-HK", "en-GB", true), SMALL_BLOCKS, "out");

        String ini = readTar(result.output(), ArchiveFormat.TAR_BZ2).get("firefox/distribution/distribution.ini").text();
        assertThat(ini).isEqualTo(TestArchives.INI + "[Locale]\nlocale=en-HK\n[XRE]\nEnableProfileMigrator=0\n");
    }

    @ParameterizedTest
    @EnumSource(value = ArchiveFormat.class, names = {"TAR_XZ", "TAR_BZ2", "TAR_GZ"})
    void theSameInputGivesTheSameBytes(ArchiveFormat format) throws Exception {
        Path input = format == ArchiveFormat.TAR_GZ
                ? new TestArchives.Tar().file("Firefox.app/Contents/MacOS/firefox", "bin").write(dir.resolve("in.tgz"), format)
                : linuxBuild().write(dir.resolve("in").resolve(format.fileName()), format);
        Path snapshot = acmeSubConfig(dir.resolve("partner-config.zip"));
        Repacker repacker = new Repacker(SMALL_BLOCKS);
        Path first = repacker.repack(input, format, snapshot, Customisation.forLocale("de"),
                dir.resolve("a").resolve(format.fileName()), Progress.NONE).output();
        Path second = repacker.repack(input, format, snapshot, Customisation.forLocale("de"),
                dir.resolve("b").resolve(format.fileName()), Progress.NONE).output();

        assertThat(Digests.sha512Hex(second)).isEqualTo(Digests.sha512Hex(first));
    }

    @ParameterizedTest
    @EnumSource(value = ArchiveFormat.class, names = {"TAR_XZ", "TAR_BZ2"})
    void theOutputDoesNotDependOnTheThreadCount(ArchiveFormat format) throws Exception {
        Path one = repack(format, Customisation.forLocale("de"), SMALL_BLOCKS.withThreads(1), "one").output();
        Path four = repack(format, Customisation.forLocale("de"), SMALL_BLOCKS.withThreads(4), "four").output();

        assertThat(Digests.sha512Hex(four)).isEqualTo(Digests.sha512Hex(one));
        assertThat(TestArchives.uncompressed(one, format).length).isGreaterThan(4 * (64 << 10)); // several blocks
    }

    @Test
    void defaultSettingsWriteOneBlockForASmallArchive() throws Exception {
        // the dictionary is capped at the data, so -9e on a small archive does not allocate 700 MB
        RepackResult result = repack(ArchiveFormat.TAR_XZ, Customisation.forLocale("de"), CompressionSettings.defaults(), "out");
        assertThat(readTar(result.output(), ArchiveFormat.TAR_XZ)).containsKey("firefox/distribution/distribution.ini");
    }

    @Test
    void macCustomisationGoesIntoTheFirstAppBundle() throws Exception {
        Path input = new TestArchives.Tar()
                .dir("Firefox Nightly.app/")
                .dir("Firefox Nightly.app/Contents/")
                .file("Firefox Nightly.app/Contents/MacOS/firefox", TestArchives.random(5000, 9))
                .dir("Firefox Nightly.app/Contents/Resources/")
                .file("Other.app/Contents/Resources/x", "not this one")
                .write(dir.resolve("target.tar.gz"), ArchiveFormat.TAR_GZ);
        RepackResult result = new Repacker(SMALL_BLOCKS).repack(input, ArchiveFormat.TAR_GZ,
                acmeSubConfig(dir.resolve("cfg.zip")), Customisation.forLocale("de"), dir.resolve("out/target.tar.gz"),
                Progress.NONE);

        Map<String, TestArchives.Read> out = readTar(result.output(), ArchiveFormat.TAR_GZ);
        assertThat(out).containsKeys(
                "Firefox Nightly.app/Contents/Resources/distribution/",
                "Firefox Nightly.app/Contents/Resources/distribution/distribution.ini",
                "Firefox Nightly.app/Contents/Resources/extensions/acme@example.com.xpi");
        assertThat(out).doesNotContainKey("firefox/distribution/distribution.ini");
        assertThat(out.keySet().stream().filter(n -> n.startsWith("Other.app"))).containsExactly("Other.app/Contents/Resources/x");
    }

    @Test
    void aMacArchiveWithoutAppBundleFails() throws Exception {
        Path input = new TestArchives.Tar().file("firefox/firefox", "x").write(dir.resolve("t.tar.gz"), ArchiveFormat.TAR_GZ);
        assertThatThrownBy(() -> new Repacker(SMALL_BLOCKS).repack(input, ArchiveFormat.TAR_GZ,
                acmeSubConfig(dir.resolve("cfg.zip")), Customisation.forLocale("de"), dir.resolve("out/target.tar.gz"),
                Progress.NONE))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContaining(".app");
        assertThat(dir.resolve("out")).isEmptyDirectory();
    }

    @Test
    void aCorruptInputFailsTheTaskInsteadOfBeingRetried() throws Exception {
        Path input = linuxBuild().write(dir.resolve("target.tar.xz"), ArchiveFormat.TAR_XZ);
        byte[] bytes = Files.readAllBytes(input);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(input, bytes);

        assertThatThrownBy(() -> new Repacker(SMALL_BLOCKS).repack(input, ArchiveFormat.TAR_XZ,
                acmeSubConfig(dir.resolve("cfg.zip")), Customisation.forLocale("de"), dir.resolve("out/target.tar.xz"),
                Progress.NONE))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContaining("corrupt");
        assertThat(dir.resolve("out")).isEmptyDirectory();
    }

    @Test
    void progressCountsTheUncompressedTar() throws Exception {
        long[] counted = new long[2];
        Path input = linuxBuild().write(dir.resolve("target.tar.bz2"), ArchiveFormat.TAR_BZ2);
        RepackResult result = new Repacker(SMALL_BLOCKS).repack(input, ArchiveFormat.TAR_BZ2,
                acmeSubConfig(dir.resolve("cfg.zip")), Customisation.forLocale("de"), dir.resolve("out/target.tar.bz2"),
                new Progress() {
                    @Override
                    public void read(long bytes) {
                        counted[0] += bytes;
                    }

                    @Override
                    public void written(long bytes) {
                        counted[1] += bytes;
                    }
                });
        assertThat(counted[0]).isEqualTo(linuxBuild().bytes().length).isEqualTo(result.uncompressedBytes());
        assertThat(counted[1]).isEqualTo(Files.size(result.output())).isEqualTo(result.outputBytes());
    }
}
