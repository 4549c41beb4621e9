package dev.relpromo.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code run} takes exactly one of --store and its older alias --out. */
class RunStoreOptionTest {
    private static RunCommand parse(String... store) {
        RunCommand run = new RunCommand();
        List<String> args = new ArrayList<>(List.of("--release", "Firefox-135.0-build1", "--builds", "b", "--partners", "p"));
        args.addAll(List.of(store));
        new CommandLine(run).parseArgs(args.toArray(String[]::new));
        return run;
    }

    @Test
    void acceptsADirectoryOrAnS3LocationThroughStoreOrOut() {
        assertThat(parse("--store", "s3://bucket/prefix").storeLocation.location()).isEqualTo("s3://bucket/prefix");
        assertThat(parse("--store", "out").storeLocation.location()).isEqualTo("out");
        assertThat(parse("--out", "out").storeLocation.location()).isEqualTo("out");
    }

    @Test
    void refusesBothOrNeither() {
        assertThatThrownBy(() -> parse("--store", "a", "--out", "b"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> parse()).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--store");
    }
}
