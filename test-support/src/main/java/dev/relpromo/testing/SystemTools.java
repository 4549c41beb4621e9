package dev.relpromo.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The independent tools (7-Zip, gpg, osslsigncode, dmg2img, tar, unzip, ...) that tests check our output with: a
 * test whose tool is missing skips with a message saying so; CI installs them all.
 */
public final class SystemTools {
    private SystemTools() {
    }

    public static boolean has(String tool) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code 7zz} (Debian's 7zip) or {@code 7z} (p7zip), or skips the test. */
    public static String sevenZip() {
        Optional<String> tool = List.of("7zz", "7z").stream().filter(SystemTools::has).findFirst();
        Assumptions.assumeTrue(tool.isPresent(), "7zz is not installed (nor 7z): skipping the 7-Zip check");
        return tool.get();
    }

    public static void require(String... tools) {
        for (String tool : tools) {
            Assumptions.assumeTrue(has(tool), tool + " is not installed: skipping the system-tool check");
        }
    }

    /** A finished command: exit code, and stdout with stderr (or stdout alone, as bytes). */
    public record Run(int exit, byte[] bytes) {
        public String output() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    public static Run run(Path dir, boolean mergeStderr, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(mergeStderr);
        if (!mergeStderr) {
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Run(p.exitValue(), out);
    }

    public static Run run(Path dir, String... command) throws IOException, InterruptedException {
        return run(dir, true, command);
    }
}
