package dev.relpromo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo: build-completed events alone trigger the promotion (auto-promote), and every platform completes. */
class DemoCommandIT {
    @TempDir
    Path dir;

    @Test
    void promotesTheSampleReleaseAutomaticallyAndPublishesEveryPlatform() throws Exception {
        Path demo = dir.resolve("demo");
        RunCommandIT.Result result = RunCommandIT.relpromo("demo", "--dir", demo.toString(), "--timeout", "PT5M",
                "--http-port", "-1");
        assertThat(result.code()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("Every runnable task completed.", "NOT an Apple code signature",
                "attribution skipped: acme/acme-003 macosx64-shippable (de, fr)");
        Path build = demo.resolve("store/pub/firefox/candidates/135.0-candidates/build1");
        assertThat(build.resolve("KEY")).exists();
        assertThat(build.resolve("partner-repacks/acme/acme-2/v1/linux-x86_64/de-CH/firefox-135.0.tar.xz.asc")).exists();
        Path repacks = build.resolve("partner-repacks");
        assertThat(repacks.resolve("acme/acme-2/v1/win64/de-CH/Firefox Setup 135.0.exe.asc")).exists();
        assertThat(repacks.resolve("acme/acme-2/v1/win32/fr/Firefox Installer.exe.asc")).exists();
        assertThat(repacks.resolve("globex/globex-eu/v1/mac/fr/Firefox 135.0.dmg.asc")).exists();
        assertThat(repacks.resolve("acme/acme-003/v1/win64/de/Firefox Setup 135.0.exe")).exists();
        assertThat(repacks.resolve("acme/acme-003/v1/mac")).doesNotExist();
    }

    @Test
    void refusesToWipeADirectoryItDidNotMake() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("precious"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        RunCommandIT.Result result = RunCommandIT.relpromo("demo", "--dir", mine.toString());
        assertThat(result.code()).isNotZero();
        assertThat(result.err()).contains("was not made by 'relpromo demo'");
        assertThat(mine.resolve("notes.txt")).exists();
    }
}
