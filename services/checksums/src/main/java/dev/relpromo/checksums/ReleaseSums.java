package dev.relpromo.checksums;

import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.layout.ChecksumsManifest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The release checksums of mozharness's {@code generate-checksums.py}: collects the lines of beetmover manifests,
 * keeps the files the release lists ({@link #INCLUDES}), and renders {@code SHA<n>SUMS} and {@code SHA<n>SUMMARY}.
 * Paths are relative to the candidates build directory, as the manifests give them; output is sorted by path, so
 * the same manifests give the same bytes in any order.
 */
public final class ReleaseSums {
    /** generate-checksums.py's {@code includes} (searched anywhere in the path); {@code .asc} files are not listed. */
    public static final List<Pattern> INCLUDES = List.of(
            Pattern.compile("^.*\\.tar\\.bz2$"),
            Pattern.compile("^.*\\.tar\\.xz$"),
            Pattern.compile("^.*\\.snap$"),
            Pattern.compile("^.*\\.dmg$"),
            Pattern.compile("^.*\\.pkg$"),
            Pattern.compile("^.*\\.bundle$"),
            Pattern.compile("^.*\\.mar$"),
            Pattern.compile("^.*Setup.*\\.exe$"),
            Pattern.compile("^.*Installer\\.exe$"),
            Pattern.compile("^.*\\.msi$"),
            Pattern.compile("^.*\\.xpi$"),
            Pattern.compile("^.*fennec.*\\.apk$"),
            Pattern.compile("^.*/jsshell.*$"));

    /** The SUMS formats, as {@code (file prefix, manifest algorithm, MessageDigest name)}. */
    public enum Format {
        SHA512("SHA512", "sha512", "SHA-512"),
        SHA256("SHA256", "sha256", "SHA-256");

        final String prefix;
        final String algorithm;
        final String digest;

        Format(String prefix, String algorithm, String digest) {
            this.prefix = prefix;
            this.algorithm = algorithm;
            this.digest = digest;
        }

        public String sumsName() {
            return prefix + "SUMS";
        }

        public String summaryName() {
            return prefix + "SUMMARY";
        }
    }

    /** What one file's lines said so far, and which manifest said it (for conflict messages). */
    private static final class FileInfo {
        long size = -1;
        String sizeSource;
        final Map<String, String> hashes = new LinkedHashMap<>();
        final Map<String, String> hashSources = new LinkedHashMap<>();
    }

    private final SortedMap<String, FileInfo> files = new TreeMap<>();

    public static boolean included(String path) {
        return INCLUDES.stream().anyMatch(p -> p.matcher(path).find());
    }

    /**
     * Adds the lines of one manifest. Lines for files outside {@link #INCLUDES} are ignored; a file whose size or
     * hash disagrees with an earlier line (of this or another manifest) fails the task, naming both manifests.
     */
    public void add(List<ChecksumsManifest.Line> lines, String source) {
        for (ChecksumsManifest.Line line : lines) {
            if (!included(line.path())) {
                continue;
            }
            FileInfo info = files.computeIfAbsent(line.path(), p -> new FileInfo());
            if (info.size >= 0 && info.size != line.size()) {
                throw new TaskFailureException("conflicting size for " + line.path() + ": " + info.size + " in "
                        + info.sizeSource + ", " + line.size() + " in " + source);
            }
            if (info.size < 0) {
                info.size = line.size();
                info.sizeSource = source;
            }
            String seen = info.hashes.putIfAbsent(line.algorithm(), line.hash());
            if (seen == null) {
                info.hashSources.put(line.algorithm(), source);
            } else if (!seen.equals(line.hash())) {
                throw new TaskFailureException("conflicting " + line.algorithm() + " for " + line.path() + ": "
                        + seen + " in " + info.hashSources.get(line.algorithm()) + ", " + line.hash() + " in " + source);
            }
        }
    }

    public int fileCount() {
        return files.size();
    }

    /** Every file needs both digests (generate-checksums.py: "Missing necessary format for file"). */
    public void requireComplete() {
        if (files.isEmpty()) {
            throw new TaskFailureException("no published file matches the release checksums' includes: nothing to"
                    + " sum");
        }
        files.forEach((path, info) -> {
            for (Format f : Format.values()) {
                if (!info.hashes.containsKey(f.algorithm)) {
                    throw new TaskFailureException("missing " + f.algorithm + " for " + path + " (listed in "
                            + info.sizeSource + ")");
                }
            }
        });
    }

    /** {@code <hex>  <path>\n} per file (two spaces: the {@code sha512sum -c} format), sorted by path. */
    public byte[] sums(Format format) {
        requireComplete();
        StringBuilder out = new StringBuilder();
        files.forEach((path, info) -> out.append(info.hashes.get(format.algorithm)).append("  ").append(path)
                .append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code <hex tree head> TREE_HEAD\n}, then {@code <hex inclusion proof> <path>\n} per file in path order. As in
     * generate-checksums.py, the leaf data of a file is its hex digest (as ASCII text) in this format.
     */
    public byte[] summary(Format format) {
        requireComplete();
        List<String> paths = List.copyOf(files.keySet());
        List<byte[]> data = paths.stream()
                .map(p -> files.get(p).hashes.get(format.algorithm).getBytes(StandardCharsets.US_ASCII)).toList();
        MerkleTree tree = new MerkleTree(format.digest, data);
        HexFormat hex = HexFormat.of();
        StringBuilder out = new StringBuilder(hex.formatHex(tree.head())).append(" TREE_HEAD\n");
        for (int i = 0; i < paths.size(); i++) {
            out.append(hex.formatHex(tree.inclusionProof(i))).append(' ').append(paths.get(i)).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
