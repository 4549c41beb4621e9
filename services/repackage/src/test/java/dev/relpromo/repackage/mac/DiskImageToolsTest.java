package dev.relpromo.repackage.mac;

import dev.relpromo.testing.SystemTools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.repackage.mac.udif.UdifImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk image must open in the tools people and later steps use on it: 7-Zip and dmg2img. */
class DiskImageToolsTest {
    /** What 7-Zip lists under the volume folder; the " " link shows as "[]" (7-Zip renames blank names). */
    static final List<String> TREE = List.of(
            "[]",
            "Firefox.app",
            "Firefox.app/Contents",
            "Firefox.app/Contents/Frameworks",
            "Firefox.app/Contents/Frameworks/ChannelPrefs.framework",
            "Firefox.app/Contents/Frameworks/ChannelPrefs.framework/ChannelPrefs",
            "Firefox.app/Contents/Frameworks/ChannelPrefs.framework/Versions",
            "Firefox.app/Contents/Frameworks/ChannelPrefs.framework/Versions/A",
            "Firefox.app/Contents/Frameworks/ChannelPrefs.framework/Versions/A/ChannelPrefs",
            "Firefox.app/Contents/Frameworks/ChannelPrefs.framework/Versions/Current",
            "Firefox.app/Contents/Info.plist",
            "Firefox.app/Contents/Library",
            "Firefox.app/Contents/Library/Empty Too",
            "Firefox.app/Contents/MacOS",
            "Firefox.app/Contents/MacOS/firefox",
            "Firefox.app/Contents/Resources",
            "Firefox.app/Contents/Resources/Zebra.txt",
            "Firefox.app/Contents/Resources/apple.txt",
            "Firefox.app/Contents/Resources/application.ini",
            "Firefox.app/Contents/Resources/cafe\u0301.txt", // stored decomposed (NFD)
            "Firefox.app/Contents/Resources/distribution",
            "Firefox.app/Contents/Resources/distribution/distribution.ini",
            "Firefox.app/Contents/Resources/empty",
            "Firefox.app/Contents/Resources/omni.ja");
    static final String VOLUME = "Firefox Nightly/";

    @TempDir
    Path dir;
    Path dmg;

    @BeforeEach
    void build() throws Exception {
        Path input = TestBundles.firefox().write(dir.resolve("in/target.tar.gz"));
        dmg = new DiskImageBuilder(DiskImageLimits.DEFAULT, TestBundles.SMALL_CHUNKS)
                .build(input, dir.resolve("out/target.dmg")).output();
    }

    private static String requireSevenZip() {
        return SystemTools.sevenZip();
    }

    /** Path → "Mode" of every item 7-Zip lists inside the volume folder. */
    private Map<String, String> listing(String sevenZip, Path archive) throws Exception {
        TestBundles.Run list = TestBundles.run(dir, sevenZip, "l", "-slt", archive.toString());
        assertThat(list.exit()).as(list.out() + list.stderr()).isZero();
        assertThat(list.out()).doesNotContain("ERROR", "Warning", "CRC error");
        Map<String, String> items = new TreeMap<>();
        String path = null;
        for (String line : list.out().split("\n")) {
            if (line.startsWith("Path = " + VOLUME)) {
                path = line.substring(("Path = " + VOLUME).length());
            } else if (line.startsWith("Mode = ") && path != null) {
                items.put(path, line.substring("Mode = ".length()));
                path = null;
            }
        }
        return items;
    }

    @Test
    void sevenZipListsTheBundleWithModesAndLinks() throws Exception {
        Map<String, String> items = listing(requireSevenZip(), dmg);

        assertThat(items.keySet()).containsExactlyInAnyOrderElementsOf(TREE);
        assertThat(items).containsEntry("[]", "lrwxr-xr-x")
                .containsEntry("Firefox.app/Contents/MacOS/firefox", "-rwxr-xr-x")
                .containsEntry("Firefox.app/Contents/Resources/application.ini", "-rw-r--r--")
                .containsEntry("Firefox.app/Contents/Frameworks/ChannelPrefs.framework/Versions/Current", "lrwxr-xr-x")
                .containsEntry("Firefox.app/Contents/Resources/empty", "drwxr-xr-x");
    }

    @Test
    void sevenZipExtractsExactBytesAndTestsClean() throws Exception {
        String sevenZip = requireSevenZip();

        TestBundles.Run ini = TestBundles.run(dir, sevenZip, "e", "-so", dmg.toString(),
                VOLUME + "Firefox.app/Contents/Resources/distribution/distribution.ini");
        TestBundles.Run omni = TestBundles.run(dir, sevenZip, "e", "-so", dmg.toString(),
                VOLUME + "Firefox.app/Contents/Resources/omni.ja");
        TestBundles.Run test = TestBundles.run(dir, sevenZip, "t", dmg.toString());

        assertThat(new String(ini.stdout(), StandardCharsets.UTF_8)).isEqualTo(TestBundles.DISTRIBUTION_INI);
        assertThat(omni.stdout()).isEqualTo(TestBundles.mixed(400_000));
        assertThat(test.exit()).as(test.out()).isZero();
        assertThat(test.out()).contains("Everything is Ok", "Files: 12", "Folders: 13");
    }

    @Test
    void dmg2imgConvertsToTheSameVolume() throws Exception {
        Assumptions.assumeTrue(SystemTools.has("dmg2img"), "dmg2img is not installed: skipping the dmg2img check");
        Path img = dir.resolve("out.img");

        TestBundles.Run run = TestBundles.run(dir, "dmg2img", dmg.toString(), img.toString());

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.stderr()).isEmpty();
        assertThat(run.out()).contains("Archive successfully decompressed").doesNotContain("Warning", "ERROR");
        assertThat(Files.readAllBytes(img)).isEqualTo(UdifImage.decode(dmg).volume());
        String sevenZip = SystemTools.sevenZip();
        if (sevenZip != null) {
            assertThat(listing(sevenZip, img).keySet()).containsExactlyInAnyOrderElementsOf(TREE);
        }
    }
}
