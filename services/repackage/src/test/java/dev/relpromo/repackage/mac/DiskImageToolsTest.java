package dev.relpromo.repackage.mac;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk image must open in the tools people and later steps use on it: 7-Zip and dmg2img. */
class DiskImageToolsTest {
    @TempDir
    Path dir;

    private Path build() throws Exception {
        Path input = TestBundles.firefox().write(dir.resolve("in/target.tar.gz"));
        return new DiskImageBuilder(DiskImageLimits.DEFAULT, TestBundles.SMALL_CHUNKS)
                .build(input, dir.resolve("out/target.dmg")).output();
    }

    private static String requireSevenZip() {
        String sevenZip = TestBundles.sevenZip();
        Assumptions.assumeTrue(sevenZip != null, "7zz/7z is not installed: skipping the 7-Zip check");
        return sevenZip;
    }

    @Test
    void sevenZipListsTestsAndExtracts() throws Exception {
        String sevenZip = requireSevenZip();
        Path dmg = build();

        TestBundles.Run list = TestBundles.run(dir, sevenZip, "l", dmg.toString());
        System.out.println(list.out() + list.stderr());
        TestBundles.Run test = TestBundles.run(dir, sevenZip, "t", dmg.toString());
        System.out.println(test.out() + test.stderr());
    }

    @Test
    void dmg2imgConverts() throws Exception {
        Assumptions.assumeTrue(TestBundles.hasTool("dmg2img"), "dmg2img is not installed: skipping the dmg2img check");
        Path dmg = build();
        Path img = dir.resolve("out.img");
        TestBundles.Run run = TestBundles.run(dir, "dmg2img", dmg.toString(), img.toString());
        System.out.println(run.exit() + run.out() + "ERR:" + run.stderr());
        String sevenZip = requireSevenZip();
        TestBundles.Run list = TestBundles.run(dir, sevenZip, "l", img.toString());
        System.out.println(list.out() + list.stderr());
        assertThat(Files.size(img)).isPositive();
    }
}
