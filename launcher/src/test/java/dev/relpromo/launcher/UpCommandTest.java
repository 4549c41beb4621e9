package dev.relpromo.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.kit.work.BuildSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UpCommandTest {
    @TempDir
    Path dir;

    @Test
    void buildSourcesComeFromRepeatedOptionsOrElseTheEnvironment() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs("--build-source", a.toString(), "--build-source", "https://archive.example.org/pub/");

        BuildSources fromOptions = UpCommand.buildSources(up.buildSources, b + ",https://ignored.example.org/");
        assertThat(fromOptions.directories()).containsExactly(a);
        assertThat(fromOptions.urlPrefixes()).extracting(Object::toString).containsExactly("https://archive.example.org/pub/");
        assertThat(fromOptions.howToAllow()).isEqualTo(UpCommand.BUILD_SOURCE_HINT);

        BuildSources fromEnv = UpCommand.buildSources(List.of(), a + "," + b + ",https://h.example.org/x");
        assertThat(fromEnv.directories()).containsExactly(a, b);
        assertThat(fromEnv.urlPrefixes()).extracting(Object::toString).containsExactly("https://h.example.org/x/");
        assertThat(UpCommand.buildSources(List.of(), null).isEmpty()).isTrue();
        assertThatThrownBy(() -> UpCommand.buildSources(List.of(dir.resolve("missing").toString()), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("build source '" + dir.resolve("missing") + "' is neither an existing directory");
    }
}
