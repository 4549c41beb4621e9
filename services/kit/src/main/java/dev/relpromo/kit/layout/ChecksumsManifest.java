package dev.relpromo.kit.layout;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * beetmoverscript's {@code target.checksums} ({@code generate_checksums_manifest}): one line
 * {@code "<hexhash> <algo> <size> <path>"} per file and digest, files sorted by path, digests in the order
 * {@code sha512, sha256}, lines joined with {@code \n} and no trailing newline. {@code release-generate-checksums}
 * parses exactly this shape, so it must not drift.
 */
public final class ChecksumsManifest {
    /** beetmoverscript's {@code checksums_digests}. */
    public static final List<String> DIGESTS = List.of("sha512", "sha256");

    private ChecksumsManifest() {
    }

    /** A published file: its path relative to the build directory (starting at the partner path). */
    public record Entry(String path, long size, String sha512, String sha256) {
        String digest(String algorithm) {
            return switch (algorithm) {
                case "sha512" -> sha512;
                case "sha256" -> sha256;
                default -> throw new IllegalArgumentException("unknown digest " + algorithm);
            };
        }
    }

    public static String render(Collection<Entry> entries) {
        Map<String, Entry> byPath = new TreeMap<>();
        for (Entry e : entries) {
            if (byPath.putIfAbsent(e.path(), e) != null && !byPath.get(e.path()).equals(e)) {
                throw new IllegalArgumentException("two different checksums for " + e.path());
            }
        }
        return byPath.values().stream()
                .flatMap(e -> DIGESTS.stream().map(algo -> e.digest(algo) + " " + algo + " " + e.size() + " " + e.path()))
                .collect(Collectors.joining("\n"));
    }
}
