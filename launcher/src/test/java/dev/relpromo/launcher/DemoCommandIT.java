package dev.relpromo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo: build-completed events alone trigger the promotion (auto-promote), and the Linux work completes. */
class DemoCommandIT {
    @TempDir
    Path dir;

    @Test
    void promotesTheSampleReleaseAutomaticallyAndPublishesItsLinuxRepacks() throws Exception {
        Path demo = dir.resolve("demo");
        RunCommandIT.Result result = RunCommandIT.relpromo("demo", "--dir", demo.toString(), "--timeout", "PT5M",
                "--http-port", "-1");
        assertThat(result.code()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("Every runnable task completed.", "waiting for services not in this build");
        Path build = demo.resolve("store/pub/firefox/candidates/135.0-candidates/build1");
        assertThat(build.resolve("KEY")).exists();
        assertThat(build.resolve("partner-repacks/acme/acme-2/v1/linux-x86_64/de-CH/firefox-135.0.tar.xz.asc")).exists();
        // Windows tasks of acme-2 are planned but must never show as done.
        try (var published = Files.walk(build)) {
            assertThat(published.map(Path::toString)).noneMatch(p -> p.contains("/win64/"));
        }
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
