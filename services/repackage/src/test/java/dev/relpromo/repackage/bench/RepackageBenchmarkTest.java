package dev.relpromo.repackage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A 2 MiB run of each format: the figures are consistent and the output exists. Timings are never asserted. */
class RepackageBenchmarkTest {
    private static final long TWO_MIB = 2 << 20;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(RepackageBenchmark.Format.class)
    void buildsTheOutputAndReportsItsFigures(RepackageBenchmark.Format format) throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        RepackageResult result = RepackageBenchmark.run(new RepackageBenchmark.Options(format, 2, dir, true),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(result.format()).isEqualTo(format);
        assertThat(result.output()).isEqualTo(dir.resolve("output").resolve(format.outputName()));
        assertThat(result.outputBytes()).isEqualTo(Files.size(result.output()));
        assertThat(result.contentBytes()).isBetween(TWO_MIB - 16, TWO_MIB + 256);
        assertThat(result.inputBytes()).isPositive().isLessThan(result.contentBytes());
        assertThat(result.maxUsedHeap()).isPositive().isLessThanOrEqualTo(result.maxHeap());
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(result.summary());
    }

    @ParameterizedTest
    @EnumSource(RepackageBenchmark.Format.class)
    void deletesOnlyWhatItMadeUnlessToldToKeep(RepackageBenchmark.Format format) throws IOException {
        Path mine = Files.writeString(dir.resolve("notes.txt"), "not the benchmark's");

        RepackageBenchmark.run(new RepackageBenchmark.Options(format, 1, dir, false),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(mine);
        }
    }
}
