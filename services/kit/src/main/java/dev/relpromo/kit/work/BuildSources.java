package dev.relpromo.kit.work;

import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.events.Artifact;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Where work items may point besides the artifact store: directories for {@code file:} URIs and URL prefixes for
 * {@code http(s):} URIs (the signed builds an upstream published). Anything else an event names — a file elsewhere
 * on this host, a symlink out of an allowed directory, another scheme or host — is refused before it is read.
 *
 * @param directories allowed directory roots (absolute, normalised)
 * @param urlPrefixes allowed URL prefixes ({@code scheme://host[:port]/path/}, path ending in {@code /})
 * @param howToAllow  what an operator does to allow another source, quoted in refusals (e.g. the option name)
 */
public record BuildSources(List<Path> directories, List<URI> urlPrefixes, String howToAllow) {

    public BuildSources {
        directories = directories.stream().map(d -> d.toAbsolutePath().normalize()).toList();
        urlPrefixes = urlPrefixes.stream().map(BuildSources::prefix).toList();
        howToAllow = howToAllow == null || howToAllow.isBlank() ? "configure it as a build source" : howToAllow;
    }

    /** Only the artifact store. */
    public static BuildSources none() {
        return new BuildSources(List.of(), List.of(), null);
    }

    /**
     * Parses {@code DIR} and {@code http(s)://...} entries (each may itself be a comma-separated list); a directory
     * must exist.
     *
     * @throws IllegalArgumentException naming the entry that is neither an existing directory nor a URL prefix
     */
    public static BuildSources parse(Collection<String> entries, String howToAllow) {
        List<Path> dirs = new ArrayList<>();
        List<URI> urls = new ArrayList<>();
        entries.stream().flatMap(e -> Arrays.stream(e.split(","))).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(entry -> {
                    String lower = entry.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("http://") || lower.startsWith("https://")) {
                        urls.add(URI.create(entry));
                    } else if (Files.isDirectory(Path.of(entry))) {
                        dirs.add(Path.of(entry));
                    } else {
                        throw new IllegalArgumentException("build source '" + entry
                                + "' is neither an existing directory nor an http(s) URL prefix");
                    }
                });
        return new BuildSources(dirs, urls, howToAllow);
    }

    private static URI prefix(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || hasDotDot(uri)) {
            throw new IllegalArgumentException("build source URL prefix '" + uri
                    + "' must be http(s)://host[:port]/path without user info, '..', query or fragment");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return URI.create(scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT)
                + (path.endsWith("/") ? path : path + "/"));
    }

    public boolean isEmpty() {
        return directories.isEmpty() && urlPrefixes.isEmpty();
    }

    /** For refusals and start-up logs. */
    public String describe() {
        return isEmpty() ? "none (only the artifact store)"
                : "directories " + directories + ", URL prefixes " + urlPrefixes;
    }

    /**
     * The real path of a {@code file:} artifact, if it lies below an allowed directory both as written (normalised)
     * and once every symlink is resolved.
     */
    Path allowedFile(Artifact artifact, URI uri) throws IOException {
        Path requested;
        try {
            requested = Path.of(uri).toAbsolutePath().normalize();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw refused(artifact, "is not a local file URI (" + e.getMessage() + ")");
        }
        List<Path> realRoots = new ArrayList<>();
        for (Path d : directories) {
            try {
                realRoots.add(d.toRealPath());
            } catch (IOException e) {
                // a configured directory that vanished allows nothing
            }
        }
        if (directories.stream().noneMatch(requested::startsWith) && realRoots.stream().noneMatch(requested::startsWith)) {
            throw refused(artifact, "is outside the build sources");
        }
        Path real;
        try {
            real = requested.toRealPath();
        } catch (NoSuchFileException e) {
            throw new TaskFailureException("artifact " + artifact.name() + ": " + artifact.uri() + " does not exist");
        }
        if (realRoots.stream().noneMatch(real::startsWith)) {
            throw refused(artifact, "resolves (through a symbolic link) to " + real + ", outside the build sources");
        }
        if (!Files.isRegularFile(real)) {
            throw refused(artifact, "is not a regular file");
        }
        return real;
    }

    /** An {@code http(s):} artifact URL, if it lies below an allowed prefix (same scheme, host and port). */
    URI allowedUrl(Artifact artifact, URI uri) {
        return allowedUrl(artifact, uri, artifact.uri());
    }

    /** @param subject how refusals name the URL (a redirect names where it came from) */
    URI allowedUrl(Artifact artifact, URI uri, String subject) {
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null || hasDotDot(uri)) {
            throw refused(artifact, subject, "is not a plain http(s) URL (host, no user info, fragment or '..')");
        }
        URI u = uri.normalize();
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        for (URI p : urlPrefixes) {
            if (p.getScheme().equals(scheme) && p.getHost().equalsIgnoreCase(u.getHost())
                    && port(p) == port(u) && u.getRawPath() != null && u.getRawPath().startsWith(p.getRawPath())) {
                return u;
            }
        }
        throw refused(artifact, subject, "is outside the build sources");
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /** A {@code ..} segment, also percent-encoded, which a server could resolve above the prefix. */
    private static boolean hasDotDot(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        return Arrays.asList(path.replace('\\', '/').split("/")).contains("..");
    }

    TaskFailureException refused(Artifact artifact, String why) {
        return refused(artifact, artifact.uri(), why);
    }

    private TaskFailureException refused(Artifact artifact, String subject, String why) {
        return new TaskFailureException("refusing to read artifact " + artifact.name() + ": " + subject + " "
                + why + "; work items may reference only the artifact store (store:) and the build sources: "
                + describe() + " (" + howToAllow + ")");
    }
}
