package dev.relpromo.kit.store;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "CDN": a read-only HTTP view of a {@link FileSystemArtifactStore}, as later verification reads the published
 * files. {@code GET} and {@code HEAD /<key>} answer with {@code Content-Length}, {@code Accept-Ranges: bytes} and
 * the object's sha256 as {@code ETag}; one {@code Range: bytes=a-b}, {@code a-} or {@code -n} gives a 206 with
 * {@code Content-Range}, an unsatisfiable one a 416. Only store keys are served: hidden names (temporary files,
 * digest sidecars), directories and anything outside the root (including through a symbolic link) are 404s.
 * Bodies are streamed from the file, never buffered whole.
 */
public final class StoreHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreHttpServer.class);
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final FileSystemArtifactStore store;
    private final Path realRoot;
    private final HttpServer server;
    private final ExecutorService executor;

    /** Starts serving; port 0 takes any free port. */
    public StoreHttpServer(FileSystemArtifactStore store, String host, int port) throws IOException {
        this.store = store;
        this.realRoot = store.root().toRealPath();
        this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "store-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "read-only: GET and HEAD only\n");
                return;
            }
            Optional<Path> file = fileOf(exchange.getRequestURI().getRawPath());
            Optional<StoredObject> object = Optional.empty();
            if (file.isPresent()) {
                object = store.stat(keyOf(exchange.getRequestURI().getRawPath()));
            }
            if (object.isEmpty()) {
                send(exchange, 404, "not found\n");
                return;
            }
            serve(exchange, file.get(), object.get(), method.equals("HEAD"));
        } catch (IOException | RuntimeException e) {
            LOG.debug("store HTTP request {} failed", exchange.getRequestURI(), e);
            throw e;
        }
    }

    private static String keyOf(String rawPath) {
        return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8).replaceFirst("^/", "");
    }

    /** The regular file a request path names, if it is a store key inside the root. */
    private Optional<Path> fileOf(String rawPath) throws IOException {
        String key = keyOf(rawPath);
        try {
            StoreKeys.validate(key);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (String part : key.split("/")) {
            if (part.startsWith(".")) {
                return Optional.empty(); // nothing hidden, at any depth
            }
        }
        Path p = store.pathOf(key);
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return p.toRealPath().startsWith(realRoot) ? Optional.of(p) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static void serve(HttpExchange exchange, Path file, StoredObject object, boolean head) throws IOException {
        long size = object.size();
        long start = 0;
        long end = size - 1;
        int status = 200;
        String range = exchange.getRequestHeaders().getFirst("Range");
        var headers = exchange.getResponseHeaders();
        headers.set("Accept-Ranges", "bytes");
        headers.set("ETag", "\"" + object.sha256() + "\"");
        headers.set("Content-Type", "application/octet-stream");
        if (range != null) {
            Matcher m = RANGE.matcher(range.trim());
            if (m.matches() && wellFormed(m.group(1), m.group(2))) { // else ignored, as RFC 9110 asks
                long[] r = resolve(m.group(1), m.group(2), size);
                if (r == null) {
                    headers.set("Content-Range", "bytes */" + size);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                start = r[0];
                end = r[1];
                status = 206;
                headers.set("Content-Range", "bytes " + start + "-" + end + "/" + size);
            }
        }
        long length = end - start + 1;
        if (head) {
            headers.set("Content-Length", Long.toString(length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        if (length == 0) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             InputStream in = Channels.newInputStream(channel.position(start));
             OutputStream out = exchange.getResponseBody()) {
            byte[] buffer = new byte[1 << 16];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(file + " shrank while served");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    /** Not both empty, and not a last position before the first. */
    private static boolean wellFormed(String first, String last) {
        if (first.isEmpty() || last.isEmpty()) {
            return !(first.isEmpty() && last.isEmpty());
        }
        return first.length() > 18 || last.length() > 18 || Long.parseLong(last) >= Long.parseLong(first);
    }

    /** {@code [start, end]} of a satisfiable range, or null. */
    static long[] resolve(String first, String last, long size) {
        try {
            if (first.isEmpty()) { // the last n bytes
                long n = Long.parseLong(last);
                return n == 0 || size == 0 ? null : new long[] {Math.max(0, size - n), size - 1};
            }
            long start = Long.parseLong(first);
            if (start >= size) {
                return null;
            }
            long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            return end < start ? null : new long[] {start, end};
        } catch (NumberFormatException e) { // beyond a long: nothing that large is stored
            return null;
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
