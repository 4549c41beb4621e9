package dev.relpromo.repack;

import dev.relpromo.testing.SystemTools;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archives must be accepted by the tools that downstream steps and users run on them. */
class SystemToolsTest {
    private static final String EXPECTED_INI = TestArchives.INI + "[Locale]\nlocale=en-HK\n";

    @TempDir
    Path dir;

    private Path repack(ArchiveFormat format) throws Exception {
        Path input = TestArchives.linuxBuild().write(dir.resolve("in").resolve(format.fileName()), format);
        return new Repacker(TarRepackTest.SMALL_BLOCKS).repack(input, format,
                TestArchives.acmeSubConfig(dir.resolve("cfg.zip")), new Customisation("en-HK", "en-GB", false),
                dir.resolve("out").resolve(format.fileName()), Progress.NONE).output();
    }

    private static void requireTools(String... tools) {
        for (String tool : tools) {
            Assumptions.assumeTrue(SystemTools.has(tool), tool + " is not installed: skipping the system-tool check");
        }
    }

    private void assertAccepted(String... command) throws Exception {
        SystemTools.Run run = SystemTools.run(dir, command);
        assertThat(run.exit()).as("%s%n%s", String.join(" ", command), run.output()).isZero();
    }

    @Test
    void xzAndTarAcceptTheMultiBlockXz() throws Exception {
        requireTools("xz", "tar");
        Path out = repack(ArchiveFormat.TAR_XZ);

        assertAccepted("xz", "-t", out.toString());
        assertAccepted("tar", "-tJf", out.toString());
        SystemTools.Run ini = SystemTools.run(dir, "tar", "-xOJf", out.toString(), "firefox/distribution/distribution.ini");
        assertThat(ini.output()).isEqualTo(EXPECTED_INI);
        // one stream, several blocks, and xz agrees with our index
        SystemTools.Run list = SystemTools.run(dir, "xz", "--robot", "-lv", out.toString());
        String totals = list.output().lines().filter(l -> l.startsWith("totals")).findFirst().orElseThrow();
        String[] fields = totals.split("\t");
        assertThat(Integer.parseInt(fields[1])).as("streams").isEqualTo(1);
        assertThat(Integer.parseInt(fields[2])).as("blocks").isGreaterThan(2);
        assertThat(list.output()).contains("CRC64");
    }

    @Test
    void bzip2AndTarAcceptTheConcatenatedBzip2() throws Exception {
        requireTools("bzip2", "tar");
        Path out = repack(ArchiveFormat.TAR_BZ2);

        assertAccepted("bzip2", "-t", out.toString());
        assertAccepted("tar", "-tjf", out.toString());
        SystemTools.Run ini = SystemTools.run(dir, "tar", "-xOjf", out.toString(), "firefox/distribution/distribution.ini");
        assertThat(ini.output()).isEqualTo(EXPECTED_INI);
    }

    @Test
    void gzipAndTarAcceptTheMacTarGz() throws Exception {
        requireTools("gzip", "tar");
        Path input = new TestArchives.Tar().file("Firefox.app/Contents/MacOS/firefox", TestArchives.random(10_000, 1))
                .write(dir.resolve("in/target.tar.gz"), ArchiveFormat.TAR_GZ);
        Path out = new Repacker(TarRepackTest.SMALL_BLOCKS).repack(input, ArchiveFormat.TAR_GZ,
                TestArchives.acmeSubConfig(dir.resolve("cfg.zip")), Customisation.forLocale("de"),
                dir.resolve("out/target.tar.gz"), Progress.NONE).output();

        assertAccepted("gzip", "-t", out.toString());
        SystemTools.Run list = SystemTools.run(dir, "tar", "-tzf", out.toString());
        assertThat(list.exit()).isZero();
        assertThat(list.output()).contains("Firefox.app/Contents/Resources/distribution/distribution.ini");
    }
}
