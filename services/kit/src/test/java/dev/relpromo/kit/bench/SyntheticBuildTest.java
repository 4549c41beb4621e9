package dev.relpromo.kit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticBuildTest {
    private static final long TARGET = 2 << 20;

    @Test
    void macBuildIsOneAppBundleWithItsIniFiles() throws IOException {
        Recorder tree = Recorder.of(SyntheticBuild.Layout.MAC);

        assertThat(tree.directories).containsExactly("Firefox.app/", "Firefox.app/Contents/",
                "Firefox.app/Contents/MacOS/", "Firefox.app/Contents/Resources/",
                "Firefox.app/Contents/Resources/browser/", "Firefox.app/Contents/Resources/browser/features/",
                "Firefox.app/Contents/Resources/defaults/", "Firefox.app/Contents/Resources/defaults/pref/",
                "Firefox.app/Contents/Resources/dictionaries/", "Firefox.app/Contents/Resources/fonts/",
                "Firefox.app/Contents/Resources/distribution/");
        assertThat(tree.text("Firefox.app/Contents/Resources/application.ini"))
                .isEqualTo("[App]\nName=Firefox\nCodeName=Firefox\n");
        assertThat(tree.text("Firefox.app/Contents/Resources/distribution/distribution.ini")).startsWith("[Global]\n");
        assertThat(tree.files).contains("Firefox.app/Contents/MacOS/XUL");
    }

    @Test
    void windowsBuildKeepsEverythingInFirefoxAndHasTheRequestedSize() throws IOException {
        Recorder tree = Recorder.of(SyntheticBuild.Layout.WINDOWS);

        assertThat(tree.files).allMatch(name -> name.startsWith("firefox/")).contains("firefox/xul.dll");
        // each share is rounded down, so a few bytes may be missing; application.ini adds a few
        assertThat(tree.bytes).isBetween(TARGET - 16, TARGET + 64).isEqualTo(tree.returned);
    }

    @Test
    void sameArgumentsGiveTheSameBytes() throws IOException {
        assertThat(Recorder.of(SyntheticBuild.Layout.LINUX).sha256())
                .isEqualTo(Recorder.of(SyntheticBuild.Layout.LINUX).sha256());
    }

    /** Collects the tree in memory (fine at 2 MiB) and checks that each file writes exactly its size. */
    private static final class Recorder implements SyntheticBuild.Sink {
        final List<String> directories = new ArrayList<>();
        final List<String> files = new ArrayList<>();
        final List<byte[]> contents = new ArrayList<>();
        long bytes;
        long returned;

        static Recorder of(SyntheticBuild.Layout layout) throws IOException {
            Recorder r = new Recorder();
            r.returned = SyntheticBuild.write(layout, TARGET, r);
            return r;
        }

        @Override
        public void directory(String name) {
            directories.add(name);
        }

        @Override
        public void file(String name, long size, boolean executable, SyntheticBuild.Content content) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            content.writeTo(out);
            assertThat(out.size()).as(name).isEqualTo(size);
            files.add(name);
            contents.add(out.toByteArray());
            bytes += size;
        }

        String text(String name) {
            return new String(contents.get(files.indexOf(name)), StandardCharsets.UTF_8);
        }

        String sha256() {
            try {
                MessageDigest d = MessageDigest.getInstance("SHA-256");
                files.forEach(f -> d.update(f.getBytes(StandardCharsets.UTF_8)));
                contents.forEach(d::update);
                return HexFormat.of().formatHex(d.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
