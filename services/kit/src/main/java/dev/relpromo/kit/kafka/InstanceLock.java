package dev.relpromo.kit.kafka;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * The first half of "one process per instance": an exclusive lock on {@value #FILE} in the data directory, held
 * for the life of the process (the operating system releases it when the process dies, even by kill -9).
 *
 * <p>Each start is an incarnation with a random id, recorded in the lock file together with the ids of the last
 * few incarnations. Whoever holds the lock knows those earlier incarnations are dead, which lets
 * {@link #join(KafkaSettings)} clear their leftover group membership instead of waiting for it to expire.
 */
public final class InstanceLock implements AutoCloseable {
    public static final String FILE = "instance.lock";
    /** Enough to cover a run of crashes between writing the file and joining the group. */
    private static final int REMEMBERED_INCARNATIONS = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dataDir;
    private final FileChannel channel;
    private final FileLock lock;
    private final String incarnation;
    private final List<String> previousIncarnations;

    private InstanceLock(Path dataDir, FileChannel channel, FileLock lock, String incarnation, List<String> previous) {
        this.dataDir = dataDir;
        this.channel = channel;
        this.lock = lock;
        this.incarnation = incarnation;
        this.previousIncarnations = List.copyOf(previous);
    }

    /**
     * Locks the data directory (creating it if needed) and records a new incarnation.
     *
     * @throws InstanceConflictException if another process (or another lock in this one) holds it
     */
    public static InstanceLock lock(Path dataDir) throws IOException {
        Path dir = Files.createDirectories(dataDir.toAbsolutePath().normalize());
        Path file = dir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new InstanceConflictException("data directory " + dir + " is in use by another relpromo process (it holds "
                    + file + "): stop that process, or give this one another data directory");
        }
        try {
            List<String> previous = readIncarnations(channel);
            String incarnation = HexFormat.of().formatHex(randomBytes());
            List<String> remembered = new ArrayList<>();
            remembered.add(incarnation);
            previous.stream().limit(REMEMBERED_INCARNATIONS - 1).forEach(remembered::add);
            writeIncarnations(channel, remembered);
            return new InstanceLock(dir, channel, lock, incarnation, previous);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Joins this instance's liveness group on the cluster: the second half of "one process per instance".
     *
     * @throws InstanceConflictException if a live process already holds {@code kafka.instanceId()}
     */
    public InstanceMembership join(KafkaSettings kafka) {
        return InstanceMembership.join(kafka, incarnation, previousIncarnations);
    }

    /** This start's id; part of the group member's client id. */
    public String incarnation() {
        return incarnation;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * {@code <hostname>-<first 8 hex digits of the SHA-256 of the absolute data directory>}: stable across restarts
     * of one installation, different for two data directories on one host or two hosts.
     */
    public static String defaultInstanceId(Path dataDir) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    dataDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return hostName() + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The local host name, reduced to characters that are safe in client and transactional ids. */
    static String hostName() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = "localhost";
        }
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "-");
        return safe.isEmpty() ? "localhost" : safe;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static List<String> readIncarnations(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 64 * 1024));
        channel.read(buffer, 0);
        Properties p = new Properties();
        p.load(new ByteArrayInputStream(buffer.array(), 0, buffer.position()));
        String value = p.getProperty("incarnations", "").trim();
        return value.isEmpty() ? List.of() : Arrays.asList(value.split("\\s+"));
    }

    private static void writeIncarnations(FileChannel channel, List<String> incarnations) throws IOException {
        Properties p = new Properties();
        p.setProperty("incarnations", String.join(" ", incarnations));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.store(out, "relpromo: this start's id first, then earlier ones; the lock on this file marks a live process");
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(out.toByteArray()), 0);
        channel.force(true);
    }

    /** Releases the lock; the file stays, with the incarnations for the next start. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
