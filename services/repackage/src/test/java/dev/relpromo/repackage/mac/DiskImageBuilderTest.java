package dev.relpromo.repackage.mac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.repackage.mac.hfs.HfsImage;
import dev.relpromo.repackage.mac.udif.BlockRun;
import dev.relpromo.repackage.mac.udif.UdifImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the volume holds, read back with the test-side UDIF and HFS+ readers. */
class DiskImageBuilderTest {
    static final long HFS_MTIME = TestBundles.MTIME + 2_082_844_800L;

    @TempDir
    Path dir;

    private DiskImageBuilder.Result build(TestBundles.Tar tar, String name) throws Exception {
        Path input = tar.write(dir.resolve("in").resolve(name + ".tar.gz"));
        return new DiskImageBuilder(DiskImageLimits.DEFAULT, TestBundles.SMALL_CHUNKS)
                .build(input, dir.resolve("out").resolve(name + ".dmg"));
    }

    private static HfsImage read(DiskImageBuilder.Result result) throws Exception {
        return new HfsImage(UdifImage.decode(result.output()).volume());
    }

    @Test
    void volumeIsNamedAfterTheCodeName() throws Exception {
        DiskImageBuilder.Result result = build(TestBundles.firefox(), "target");

        assertThat(result.volumeName()).isEqualTo("Firefox Nightly");
        assertThat(read(result).volumeName()).isEqualTo("Firefox Nightly");
    }

    @Test
    void volumeNameFallsBackToName() throws Exception {
        DiskImageBuilder.Result result = build(TestBundles.firefox("[App]\nVendor=Mozilla\nName=Firefox\n"), "target");

        assertThat(read(result).volumeName()).isEqualTo("Firefox");
    }

    @Test
    void volumeNameIsRequired() {
        assertThatThrownBy(() -> build(TestBundles.firefox("[App]\nVendor=Mozilla\n[Other]\nName=Nope\n"), "target"))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("Firefox.app/Contents/Resources/application.ini has neither [App] CodeName nor [App] Name:"
                        + " the disk image needs a volume name");
        assertThat(dir.resolve("out")).isEmptyDirectory();
    }

    @Test
    void applicationIniIsRequired() {
        TestBundles.Tar tar = new TestBundles.Tar().file("Firefox.app/Contents/MacOS/firefox", "x");

        assertThatThrownBy(() -> build(tar, "target")).isInstanceOf(TaskFailureException.class)
                .hasMessage("target.tar.gz has no Firefox.app/Contents/Resources/application.ini: the disk image needs"
                        + " a volume name");
    }

    @Test
    void rootHoldsTheBundleAndTheApplicationsLink() throws Exception {
        HfsImage volume = read(build(TestBundles.firefox().symlink(" ", "/somewhere/else"), "target"));

        HfsImage.Node link = volume.node(" ");
        assertThat(volume.text(" ")).isEqualTo("/Applications");
        assertThat(link.mode()).isEqualTo(0120755);
        assertThat(link.fileType()).isEqualTo(0x736C6E6B); // 'slnk'
        assertThat(link.creator()).isEqualTo(0x72686170); // 'rhap'
        assertThat(volume.root().valence()).isEqualTo(2);
        assertThat(volume.nodes().keySet().stream().filter(p -> !p.contains("/"))).containsExactly(" ", "Firefox.app");
    }

    @Test
    void modesLinksAndEmptyFoldersSurvive() throws Exception {
        HfsImage volume = read(build(TestBundles.firefox(), "target"));
        String framework = "Firefox.app/Contents/Frameworks/ChannelPrefs.framework/";

        assertThat(volume.node("Firefox.app/Contents/MacOS/firefox").mode()).isEqualTo(0100755);
        assertThat(volume.node("Firefox.app/Contents/Info.plist").mode()).isEqualTo(0100644);
        assertThat(volume.node(framework + "Versions/Current").mode()).isEqualTo(0120755);
        assertThat(volume.text(framework + "Versions/Current")).isEqualTo("A");
        assertThat(volume.text(framework + "ChannelPrefs")).isEqualTo("Versions/Current/ChannelPrefs");
        assertThat(volume.node("Firefox.app/Contents/Resources/empty").mode()).isEqualTo(040755);
        assertThat(volume.node("Firefox.app/Contents/Resources/empty").valence()).isZero();
        assertThat(volume.node("Firefox.app/Contents/Library/Empty Too").isFolder()).isTrue();
        assertThat(volume.data("Firefox.app/Contents/Resources/omni.ja")).isEqualTo(TestBundles.mixed(400_000));
        assertThat(volume.node("Firefox.app/Contents/MacOS/firefox").date()).isEqualTo((int) HFS_MTIME);
        assertThat(volume.fileCount()).isEqualTo(12);
        assertThat(volume.folderCount()).as("TN1150: not counting the root").isEqualTo(12);
    }

    @Test
    void namesAreStoredDecomposedInCaseInsensitiveOrder() throws Exception {
        HfsImage volume = read(build(TestBundles.firefox(), "target"));

        assertThat(volume.nodes().keySet().stream().filter(p -> p.startsWith("Firefox.app/Contents/Resources/")
                && p.chars().filter(c -> c == '/').count() == 3))
                .containsExactly("Firefox.app/Contents/Resources/apple.txt",
                        "Firefox.app/Contents/Resources/application.ini",
                        "Firefox.app/Contents/Resources/cafe\u0301.txt",
                        "Firefox.app/Contents/Resources/distribution",
                        "Firefox.app/Contents/Resources/empty",
                        "Firefox.app/Contents/Resources/omni.ja",
                        "Firefox.app/Contents/Resources/Zebra.txt");
    }

    @Test
    void imageUsesZlibZeroFillAndSeveralChunks() throws Exception {
        DiskImageBuilder.Result result = build(TestBundles.firefox(), "target");
        UdifImage.Decoded decoded = UdifImage.decode(result.output());

        assertThat(decoded.count(BlockRun.ZLIB)).isGreaterThan(3);
        assertThat(decoded.count(BlockRun.ZERO_FILL)).isPositive();
        assertThat(decoded.count(BlockRun.TERMINATOR)).isOne();
        assertThat(result.volumeBytes()).isEqualTo(decoded.volume().length);
        assertThat(result.imageBytes()).isEqualTo(Files.size(result.output()));
    }

    @Test
    void identicalInputGivesIdenticalImage() throws Exception {
        Path input = TestBundles.firefox().write(dir.resolve("in/target.tar.gz"));
        DiskImageBuilder builder = new DiskImageBuilder();

        long started = System.currentTimeMillis() / 1000;
        Path first = builder.build(input, dir.resolve("a/target.dmg")).output();
        // in the next second of the clock, a wall-clock date anywhere in the image would differ
        await().atMost(Duration.ofSeconds(3)).until(() -> System.currentTimeMillis() / 1000 > started);
        Path second = builder.build(input, dir.resolve("b/target.dmg")).output();

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void onlyTheImageIsLeftBehind() throws Exception {
        Path input = TestBundles.firefox().write(dir.resolve("in/target.tar.gz"));
        Path out = dir.resolve("out/target.dmg");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "an older image");

        new DiskImageBuilder().build(input, out);

        try (Stream<Path> files = Files.list(out.getParent())) {
            assertThat(files).containsExactly(out);
        }
        assertThat(Files.size(out)).isGreaterThan(1000);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-r--r--");
    }
}
