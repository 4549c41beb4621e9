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

    /** One parsed line: {@code <hash> <algorithm> <size> <path>}; the path may contain spaces. */
    public record Line(String hash, String algorithm, long size, String path) {
    }

    /**
     * Parses a manifest like mozharness's {@code parse_checksums_file}: each non-empty line is split on whitespace
     * into at most four fields, so the path keeps its spaces ({@code Firefox Setup 130.0.exe}).
     *
     * @param source named in errors (the store key)
     * @throws IllegalArgumentException naming {@code source} and the line number of a malformed line
     */
    public static List<Line> parse(String text, String source) {
        List<Line> lines = new java.util.ArrayList<>();
        String[] raw = text.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+", 4);
            String where = source + " line " + (i + 1);
            if (f.length != 4) {
                throw new IllegalArgumentException(where + ": expected '<hash> <algorithm> <size> <path>', got '"
                        + line + "'");
            }
            if (!f[0].matches("[0-9a-f]+") || !f[1].matches("[a-z0-9]+")) {
                throw new IllegalArgumentException(where + ": bad hash or algorithm in '" + line + "'");
            }
            long size;
            try {
                size = Long.parseLong(f[2]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": size '" + f[2] + "' is not a number");
            }
            if (size < 0) {
                throw new IllegalArgumentException(where + ": negative size " + size);
            }
            lines.add(new Line(f[0], f[1], size, f[3]));
        }
        return lines;
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
