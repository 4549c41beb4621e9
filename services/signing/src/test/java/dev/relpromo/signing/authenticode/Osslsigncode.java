package dev.relpromo.signing.authenticode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The system {@code osslsigncode}, an Authenticode verifier independent of jsign. */
public final class Osslsigncode {
    private Osslsigncode() {
    }

    /** {@code osslsigncode verify -CAfile <ca> -in <file>}. */
    public static Result verify(Path caFile, Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("osslsigncode", "verify", "-CAfile", caFile.toString(),
                "-in", file.toString())).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: osslsigncode verify " + file);
        }
        return new Result(process.exitValue(), output);
    }

    public record Result(int exitCode, String output) {
    }
}
