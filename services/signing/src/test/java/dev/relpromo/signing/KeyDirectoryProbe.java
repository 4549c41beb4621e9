package dev.relpromo.signing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A second process for the concurrent first-run test: says READY, waits for a line on stdin so that it starts at
 * the same moment as the test's threads, then loads or creates the key and prints its fingerprint.
 */
public final class KeyDirectoryProbe {
    private KeyDirectoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("READY");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        System.out.println("FINGERPRINT=" + LocalKeyDirectory.loadOrCreate(Path.of(args[0])).fingerprint());
        System.out.flush();
    }
}
