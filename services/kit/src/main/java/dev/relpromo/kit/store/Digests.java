package dev.relpromo.kit.store;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** sha512 and sha256 computed while streaming. */
public final class Digests {
    private Digests() {
    }

    public static MessageDigest sha512() {
        return digest("SHA-512");
    }

    public static MessageDigest sha256() {
        return digest("SHA-256");
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    public static String sha512Hex(Path file) throws IOException {
        return hashFile(file).sha512();
    }

    /** Both digests and the size of a file, in one pass. */
    public static Hashed hashFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return hash(in);
        }
    }

    public static Hashed hash(InputStream in) throws IOException {
        try (HashingOutputStream out = new HashingOutputStream(OutputStream.nullOutputStream())) {
            in.transferTo(out);
            out.close();
            return out.result();
        }
    }

    public record Hashed(long size, String sha512, String sha256) {
    }

    /** Passes bytes through while counting and hashing them. */
    public static final class HashingOutputStream extends FilterOutputStream {
        private final MessageDigest sha512 = sha512();
        private final MessageDigest sha256 = sha256();
        private long size;

        public HashingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            sha512.update((byte) b);
            sha256.update((byte) b);
            size++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sha512.update(b, off, len);
            sha256.update(b, off, len);
            size += len;
        }

        public Hashed result() {
            return new Hashed(size, hex(sha512.digest()), hex(sha256.digest()));
        }
    }
}
