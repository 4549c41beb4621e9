package dev.relpromo.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The system {@code gpg} with a throw-away home directory, so verification uses exactly the published KEY and never
 * the user's keyring. Closing it stops the gpg-agent that gpg starts for that home.
 */
final class SystemGpg implements AutoCloseable {
    private final Path home;

    private SystemGpg(Path home) {
        this.home = home;
    }

    static SystemGpg withHome(Path home) throws IOException {
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        return new SystemGpg(home);
    }

    Result importKey(Path armoredKey) throws IOException, InterruptedException {
        return run("gpg", "--batch", "--import", armoredKey.toString());
    }

    Result verify(Path signature, Path file) throws IOException, InterruptedException {
        return run("gpg", "--batch", "--verbose", "--verify", signature.toString(), file.toString());
    }

    Result listKeys() throws IOException, InterruptedException {
        return run("gpg", "--batch", "--with-colons", "--list-keys");
    }

    private Result run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
        builder.environment().put("GNUPGHOME", home.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), output);
    }

    @Override
    public void close() {
        ProcessBuilder builder = new ProcessBuilder("gpgconf", "--kill", "gpg-agent").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("GNUPGHOME", home.toString());
        try {
            builder.start().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // no gpgconf: there is no agent of ours to stop this way
        }
    }

    record Result(int exitCode, String output) {
    }
}
