package dev.relpromo.signing.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalCommandTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void aSuccessfulRunReturnsStdoutAndStderrInterleaved() throws Exception {
        Path tool = Scripts.write(tmp.resolve("tool.sh"), "echo out; echo err >&2; echo again");

        ExternalCommand.Result result = new ExternalCommand(List.of(tool.toString()), tmp, TIMEOUT, Redactor.none()).run();

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).isEqualTo("out\nerr\nagain\n");
    }

    @Test
    void aNonZeroExitFailsWithTheOutputInTheMessage() throws Exception {
        Path tool = Scripts.write(tmp.resolve("tool.sh"), "echo 'signing Firefox.app'; echo 'error: certificate expired' >&2; exit 3");

        assertThatThrownBy(() -> new ExternalCommand(List.of(tool.toString(), "--verbose"), tmp, TIMEOUT, Redactor.none()).run())
                .isInstanceOfSatisfying(ExternalCommandException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ExternalCommandException.Reason.EXIT_CODE);
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.output()).isEqualTo("signing Firefox.app\nerror: certificate expired\n");
                    assertThat(e.getMessage()).matches("\\Q" + tool + " --verbose failed with exit code 3 after \\E"
                            + "\\d+\\.\\d s\\Q; its output ends with:\nsigning Firefox.app\nerror: certificate expired\\E");
                });
    }

    @Test
    void aTimeoutKillsTheWholeProcessTree() throws Exception {
        Path pidFile = tmp.resolve("child.pid");
        Path tool = Scripts.write(tmp.resolve("tool.sh"), "sleep 120 &\necho $! > " + pidFile + "\necho waiting\nwait");

        assertThatThrownBy(() -> new ExternalCommand(List.of(tool.toString()), tmp, Duration.ofSeconds(2), Redactor.none()).run())
                .isInstanceOfSatisfying(ExternalCommandException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ExternalCommandException.Reason.TIMEOUT);
                    assertThat(e.getMessage()).isEqualTo(tool + " timed out after PT2S and was killed with its child"
                            + " processes; its output ends with:\nwaiting");
                });
        long child = Long.parseLong(Files.readString(pidFile).strip());
        Optional<ProcessHandle> handle = ProcessHandle.of(child);
        if (handle.isPresent()) {
            handle.get().onExit().get(10, TimeUnit.SECONDS); // killed: it exits at once, not after 120 s
        }
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void secretValuesNeverAppearInTheMessageEvenWhenTheToolEchoesThem() throws Exception {
        Path tool = Scripts.write(tmp.resolve("tool.sh"), "echo \"args: $*\"; echo \"password is $2\" >&2; exit 1");
        Redactor redactor = Redactor.of(List.of("hunter2"));

        assertThatThrownBy(() -> new ExternalCommand(List.of(tool.toString(), "--password=hunter2", "hunter2"), tmp,
                TIMEOUT, redactor).run())
                .isInstanceOfSatisfying(ExternalCommandException.class, e -> {
                    assertThat(e.getMessage()).doesNotContain("hunter2")
                            .startsWith(tool + " --password=*** *** failed with exit code 1")
                            .endsWith("its output ends with:\nargs: --password=*** ***\npassword is ***");
                    assertThat(e.output()).doesNotContain("hunter2");
                });
    }

    @Test
    void aSecretWithQuotesAndSpacesIsMaskedWhole() throws Exception {
        Path tool = Scripts.write(tmp.resolve("tool.sh"), "exit 1");
        ExternalCommand command = new ExternalCommand(List.of(tool.toString(), "--password", "it's a \"secret\""), tmp,
                TIMEOUT, Redactor.of(List.of("it's a \"secret\"")));

        assertThat(command.display()).isEqualTo(tool + " --password ***");
    }

    @Test
    void argumentsAreNeverInterpretedByAShell() throws Exception {
        Path tool = Scripts.write(tmp.resolve("tool.sh"), "echo \"$# args: [$1] [$2]\"");

        ExternalCommand.Result result = new ExternalCommand(List.of(tool.toString(), "a b; touch pwned", "$(touch pwned2)"),
                tmp, TIMEOUT, Redactor.none()).run();

        assertThat(result.output()).isEqualTo("2 args: [a b; touch pwned] [$(touch pwned2)]\n");
        assertThat(tmp.resolve("pwned")).doesNotExist();
        assertThat(tmp.resolve("pwned2")).doesNotExist();
    }

    @Test
    void onlyTheTailOfALongOutputIsKept() throws Exception {
        Path tool = Scripts.write(tmp.resolve("tool.sh"),
                "i=0; while [ $i -lt 2000 ]; do echo \"line $i of a chatty tool\"; i=$((i+1)); done; echo 'error: the end'; exit 4");

        assertThatThrownBy(() -> new ExternalCommand(List.of(tool.toString()), tmp, TIMEOUT, Redactor.none(), 256).run())
                .isInstanceOfSatisfying(ExternalCommandException.class, e -> {
                    assertThat(e.output()).startsWith("[").contains(" earlier bytes not kept]\nline 19")
                            .endsWith("line 1999 of a chatty tool\nerror: the end\n");
                    assertThat(e.output().length()).isLessThan(256 + 40);
                });
    }

    @Test
    void aMissingProgramIsAClearError() {
        assertThatThrownBy(() -> new ExternalCommand(List.of(tmp.resolve("no-such-tool").toString()), tmp, TIMEOUT,
                Redactor.none()).run())
                .isInstanceOfSatisfying(ExternalCommandException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ExternalCommandException.Reason.START_FAILED);
                    assertThat(e.getMessage()).startsWith("cannot start " + tmp.resolve("no-such-tool") + ": ");
                });
    }
}
