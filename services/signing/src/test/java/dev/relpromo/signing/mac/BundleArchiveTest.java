package dev.relpromo.signing.mac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.kit.failure.TaskFailureException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BundleArchiveTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> hostileArchives() {
        return Stream.of(
                Arguments.of("absolute path", bundle().file("/etc/passwd", "x", 0644),
                        "archive entry '/etc/passwd' is an absolute path"),
                Arguments.of("dot-dot", bundle().file("Firefox.app/../../evil", "x", 0644),
                        "archive entry 'Firefox.app/../../evil' contains '..'"),
                Arguments.of("a second root entry", bundle().file("README.txt", "x", 0644),
                        "archive entry 'README.txt' is outside the bundle Firefox.app"),
                Arguments.of("a second bundle", bundle().dir("Evil.app/"),
                        "archive entry 'Evil.app/' is outside the bundle Firefox.app"),
                Arguments.of("no .app first", TestBundles.tar().file("target/Firefox.app/x", "x", 0644),
                        "archive entry 'target/Firefox.app/x' is not inside an .app bundle: the first entry of a mac"
                                + " repack must be the <App>.app directory or lie inside it"),
                Arguments.of("the bundle as a file", TestBundles.tar().file("Firefox.app", "x", 0644),
                        "archive entry 'Firefox.app' is the bundle Firefox.app but not a directory"),
                Arguments.of("absolute symlink", bundle().symlink("Firefox.app/Contents/l", "/etc/passwd"),
                        "archive entry 'Firefox.app/Contents/l' is a symlink to the absolute path '/etc/passwd', which"
                                + " leaves Firefox.app"),
                Arguments.of("symlink climbing out", bundle().symlink("Firefox.app/Contents/l", "../../x"),
                        "archive entry 'Firefox.app/Contents/l' is a symlink to '../../x', which escapes Firefox.app"),
                Arguments.of("symlink with .. after a name", bundle().symlink("Firefox.app/Contents/l", "MacOS/../.."),
                        "archive entry 'Firefox.app/Contents/l' is a symlink to 'MacOS/../..', which is not normalised"
                                + " ('..' after a name); refused rather than resolved"),
                Arguments.of("hardlink", bundle().file("Firefox.app/a", "x", 0644).hardlink("Firefox.app/b", "Firefox.app/a"),
                        "archive entry 'Firefox.app/b' is a hardlink (to 'Firefox.app/a'); mac bundles are refused with"
                                + " hardlinks, whose extraction depends on the tool"),
                Arguments.of("FIFO", bundle().special("Firefox.app/pipe", TarConstants.LF_FIFO),
                        "archive entry 'Firefox.app/pipe' is a FIFO, which a bundle never holds"),
                Arguments.of("character device", bundle().special("Firefox.app/null", TarConstants.LF_CHR),
                        "archive entry 'Firefox.app/null' is a character device, which a bundle never holds"),
                Arguments.of("a file twice", bundle().file("Firefox.app/a", "x", 0644).file("Firefox.app/a", "y", 0644),
                        "archive entry 'Firefox.app/a' appears twice (or is also a directory)"),
                Arguments.of("an entry inside a symlink", bundle().symlink("Firefox.app/Contents", "Resources")
                                .symlink("Firefox.app/Contents/x", "y"),
                        "archive entry 'Firefox.app/Contents/x' lies inside symlink 'Firefox.app/Contents'"),
                Arguments.of("a symlink that is also a directory", bundle().dir("Firefox.app/Contents/")
                                .symlink("Firefox.app/Contents", "MacOS"),
                        "archive entry 'Firefox.app/Contents' is a symlink, but a file or directory of that name exists"
                                + " too (or it appears twice)"));
    }

    private static TestBundles.Builder bundle() {
        return TestBundles.tar().dir("Firefox.app/");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileArchives")
    void hostileEntriesAreRefusedNamingTheEntry(String what, TestBundles.Builder archive, String message) throws Exception {
        Path file = archive.writeTo(tmp.resolve("target.tar.gz"));
        Path into = tmp.resolve("out/tree");

        assertThatThrownBy(() -> BundleArchive.extract(file, into))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage(message);
        assertThat(tmp.resolve("etc")).doesNotExist();
        assertThat(tmp.resolve("evil")).doesNotExist();
        assertThat(tmp.resolve("out/evil")).doesNotExist();
    }

    @Test
    void anArchiveWithoutABundleIsRefused() throws Exception {
        Path file = TestBundles.tar().dir("./").writeTo(tmp.resolve("target.tar.gz"));

        assertThatThrownBy(() -> BundleArchive.extract(file, tmp.resolve("tree")))
                .isInstanceOf(TaskFailureException.class).hasMessage("target.tar.gz holds no .app bundle");
    }

    @Test
    void frameworkStyleSymlinksAndSpacesInTheAppNameAreExtracted() throws Exception {
        Path file = TestBundles.tar()
                .dir("./Firefox Nightly.app/")
                .file("./Firefox Nightly.app/Contents/Frameworks/Foo.framework/Versions/A/Foo", "lib", 0755)
                .symlink("./Firefox Nightly.app/Contents/Frameworks/Foo.framework/Versions/Current", "A")
                .symlink("./Firefox Nightly.app/Contents/Frameworks/Foo.framework/Foo", "Versions/Current/Foo")
                .symlink("./Firefox Nightly.app/Contents/top", "..")
                .writeTo(tmp.resolve("target.tar.gz"));

        ExtractedBundle bundle = BundleArchive.extract(file, tmp.resolve("tree"));

        assertThat(bundle.app()).isEqualTo("Firefox Nightly.app");
        Path framework = bundle.appDir().resolve("Contents/Frameworks/Foo.framework");
        assertThat(Files.readString(framework.resolve("Foo"))).isEqualTo("lib");
        assertThat(Files.readSymbolicLink(framework.resolve("Versions/Current"))).isEqualTo(Path.of("A"));
        assertThat(Files.isSymbolicLink(bundle.appDir().resolve("Contents/top"))).isTrue();
        assertThat(Files.isExecutable(framework.resolve("Versions/A/Foo"))).isTrue();

        Path packed = tmp.resolve("packed/target.tar.gz");
        assertThat(BundleArchive.pack(bundle, packed)).isEqualTo(10);
        assertThat(TestBundles.listing(packed)).extracting(line -> line.split(" 0/0 ")[0]).containsExactly(
                "Firefox Nightly.app/ 5 0755",
                "Firefox Nightly.app/Contents/ 5 0755",
                "Firefox Nightly.app/Contents/Frameworks/ 5 0755",
                "Firefox Nightly.app/Contents/Frameworks/Foo.framework/ 5 0755",
                "Firefox Nightly.app/Contents/Frameworks/Foo.framework/Foo 2 0777",
                "Firefox Nightly.app/Contents/Frameworks/Foo.framework/Versions/ 5 0755",
                "Firefox Nightly.app/Contents/Frameworks/Foo.framework/Versions/A/ 5 0755",
                "Firefox Nightly.app/Contents/Frameworks/Foo.framework/Versions/A/Foo 0 0755",
                "Firefox Nightly.app/Contents/Frameworks/Foo.framework/Versions/Current 2 0777",
                "Firefox Nightly.app/Contents/top 2 0777");
    }

    @Test
    void packingRefusesALinkThatAToolPointedOutsideTheBundle() throws Exception {
        ExtractedBundle bundle = BundleArchive.extract(
                TestBundles.tar().dir("Firefox.app/Contents/").writeTo(tmp.resolve("target.tar.gz")), tmp.resolve("tree"));
        Files.createSymbolicLink(bundle.appDir().resolve("Contents/escape"), Path.of("../../../etc"));

        assertThatThrownBy(() -> BundleArchive.pack(bundle, tmp.resolve("out/target.tar.gz")))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("archive entry 'Firefox.app/Contents/escape' is a symlink to '../../../etc', which escapes"
                        + " Firefox.app");
        assertThat(tmp.resolve("out/target.tar.gz")).doesNotExist();
        assertThat(Files.exists(tmp.resolve("out/.tmp-target.tar.gz"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }
}
