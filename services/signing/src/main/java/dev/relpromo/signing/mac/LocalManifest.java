package dev.relpromo.signing.mac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relpromo.kit.failure.TaskFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manifest of the local backend, {@value #FILE} in {@code <App>.app/Contents/_CodeSignature/}: every entry of the
 * bundle (except the manifest and its signature) in {@link BundleTree} order with its type and mode, plus size and
 * SHA-256 for files and the target for symlinks. It says in its own fields that it is not an Apple signature.
 */
final class LocalManifest {
    static final String FORMAT = "relpromo-local-mac-manifest/1";
    static final String DIRECTORY = "Contents/_CodeSignature";
    static final String FILE = "relpromo-local-manifest.json";
    static final String SIGNATURE = FILE + ".asc";
    static final String PATH = DIRECTORY + "/" + FILE;
    static final String SIGNATURE_PATH = DIRECTORY + "/" + SIGNATURE;
    static final String NOTICE = "local relpromo signature: NOT an Apple code signature; macOS Gatekeeper will not"
            + " accept it";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalManifest() {
    }

    /** The bundle's entries with their digests, streamed file by file; the manifest and its signature left out. */
    static List<ManifestEntry> scan(ExtractedBundle bundle) throws IOException {
        List<ManifestEntry> entries = new ArrayList<>();
        BundleTree.walk(bundle.appDir(), bundle.app(), (entry, file) -> {
            if (!entry.path().equals(PATH) && !entry.path().equals(SIGNATURE_PATH)) {
                entries.add(new ManifestEntry(entry, entry.type() == TreeEntry.Type.FILE ? sha256(file) : null));
            }
        });
        return entries;
    }

    /** A manifest entry: the tree entry and, for a file, its SHA-256 in lower-case hex. */
    record ManifestEntry(TreeEntry entry, String sha256) {
    }

    static byte[] render(String app, String keyFingerprint, List<ManifestEntry> entries) {
        StringBuilder out = new StringBuilder();
        out.append("{\n");
        out.append("  \"format\": ").append(Json.string(FORMAT)).append(",\n");
        out.append("  \"backend\": \"local\",\n");
        out.append("  \"apple_valid\": false,\n");
        out.append("  \"notice\": ").append(Json.string(NOTICE)).append(",\n");
        out.append("  \"app\": ").append(Json.string(app)).append(",\n");
        out.append("  \"signing_key\": ").append(Json.string(keyFingerprint)).append(",\n");
        out.append("  \"entries\": [");
        for (int i = 0; i < entries.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n").append("    ").append(line(entries.get(i)));
        }
        out.append(entries.isEmpty() ? "]\n" : "\n  ]\n");
        out.append("}\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String line(ManifestEntry manifestEntry) {
        TreeEntry e = manifestEntry.entry();
        StringBuilder line = new StringBuilder("{\"path\": ").append(Json.string(e.path()))
                .append(", \"type\": \"").append(e.type().json).append("\", \"mode\": \"").append(e.octalMode()).append('"');
        switch (e.type()) {
            case FILE -> line.append(", \"size\": ").append(e.size()).append(", \"sha256\": \"")
                    .append(manifestEntry.sha256()).append('"');
            case SYMLINK -> line.append(", \"target\": ").append(Json.string(e.target()));
            case DIRECTORY -> {
            }
        }
        return line.append('}').toString();
    }

    /** Reads a manifest back, path → entry in manifest order; refuses anything but this format. */
    static Map<String, ManifestEntry> parse(byte[] manifest, String app) {
        JsonNode root;
        try {
            root = JSON.readTree(manifest);
        } catch (IOException e) {
            throw new TaskFailureException(app + "/" + PATH + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(root.path("format").asText()) || !root.path("apple_valid").isBoolean()
                || root.path("apple_valid").asBoolean()) {
            throw new TaskFailureException(app + "/" + PATH + " is not a " + FORMAT + " manifest with \"apple_valid\": false");
        }
        Map<String, ManifestEntry> entries = new LinkedHashMap<>();
        try {
            for (JsonNode node : root.path("entries")) {
                TreeEntry.Type type = TreeEntry.Type.fromJson(node.path("type").asText());
                TreeEntry entry = new TreeEntry(node.path("path").asText(), type,
                        Integer.parseInt(node.path("mode").asText(), 8), node.path("size").asLong(0),
                        type == TreeEntry.Type.SYMLINK ? node.path("target").asText() : null);
                entries.put(entry.path(), new ManifestEntry(entry,
                        type == TreeEntry.Type.FILE ? node.path("sha256").asText() : null));
            }
        } catch (IllegalArgumentException e) {
            throw new TaskFailureException(app + "/" + PATH + " has a malformed entry: " + e.getMessage(), e);
        }
        return entries;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
