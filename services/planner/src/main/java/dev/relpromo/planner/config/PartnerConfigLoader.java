package dev.relpromo.planner.config;

import dev.relpromo.events.Platform;
import dev.relpromo.kit.store.Digests;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads a partner configuration from a directory laid out as {@code repo sync} leaves it: {@code <dir>/default.xml}
 * and each partner project at {@code <dir>/<path>}, with sub-configs at {@code desktop/<sub>/repack.cfg}. Every
 * error of the tree is collected before one {@link PartnerConfigException} is thrown.
 */
public final class PartnerConfigLoader {
    private PartnerConfigLoader() {
    }

    public static final String DESKTOP = "desktop";
    public static final String DISTRIBUTION = "distribution";
    public static final String EXTENSIONS = "extensions";
    public static final String DISTRIBUTION_INI = DISTRIBUTION + "/distribution.ini";
    /** The win32 stub installer's {@code partner.ini} template ({@code %LOCALE%}, {@code %BOUNCER_PRODUCT%}). */
    public static final String STUB_PARTNER_INI = "stub/partner.ini";
    /** File names that would be dangerous inside the snapshot zip (the repack service extracts it). */
    private static final Pattern UNSAFE_FILE_NAME = Pattern.compile("[\\\\\\x00-\\x1f\\x7f]");

    public static PartnerConfig load(Path dir) {
        return loadTree(dir, null);
    }

    /**
     * The partner configuration with EME-free taken from its own manifest directory, as the real pipeline reads it
     * from a second repo ({@code mozilla-EME-free-manifest}): every partner repo that manifest names takes the
     * EME-free path, and the partner configuration must not name an EME-free repo as well. The config hash covers
     * both trees.
     */
    public static PartnerConfig load(Path partnersDir, Path emeFreeDir) {
        PartnerConfig partners = load(partnersDir);
        PartnerConfig emeFree = loadTree(emeFreeDir, RepackPath.EME_FREE);
        List<ConfigError> errors = new ArrayList<>();
        Path manifestFile = partnersDir.resolve(ManifestParser.FILE_NAME);
        for (Partner p : partners.partners(RepackPath.EME_FREE)) {
            errors.add(new ConfigError(manifestFile, p.project().line(), "partner '" + p.name() + "' is EME-free, but"
                    + " EME-free comes from its own configuration " + emeFreeDir + ": remove it from one of them"));
        }
        for (Partner p : emeFree.partners()) {
            partners.partner(p.name()).filter(other -> other.repackPath() != RepackPath.EME_FREE).ifPresent(other ->
                    errors.add(new ConfigError(emeFreeDir.resolve(ManifestParser.FILE_NAME), p.project().line(),
                            "partner '" + p.name() + "' is also a partner repack in " + manifestFile + ":"
                                    + other.project().line())));
        }
        if (!errors.isEmpty()) {
            throw new PartnerConfigException(errors);
        }
        List<Partner> all = new ArrayList<>(partners.partners());
        all.addAll(emeFree.partners());
        MessageDigest sha256 = Digests.sha256();
        sha256.update((partners.configHash() + "\n" + emeFree.configHash()).getBytes(StandardCharsets.UTF_8));
        return new PartnerConfig(partnersDir, partners.manifest(), all, "sha256:" + Digests.hex(sha256.digest()));
    }

    /** @param forcedPath the path every partner takes, or null to decide by name ({@link RepackPath#ofPartner}) */
    private static PartnerConfig loadTree(Path dir, RepackPath forcedPath) {
        List<ConfigError> errors = new ArrayList<>();
        Path manifestFile = dir.resolve(ManifestParser.FILE_NAME);
        Optional<byte[]> manifestBytes = read(manifestFile, errors);
        Optional<Manifest> manifest = manifestBytes.flatMap(bytes -> ManifestParser.parse(manifestFile, bytes, errors));
        if (manifest.isEmpty()) {
            throw new PartnerConfigException(errors);
        }
        List<Partner> partners = new ArrayList<>();
        Map<String, Integer> partnerLines = new HashMap<>();
        for (Manifest.Project project : manifest.get().partnerProjects()) {
            loadPartner(dir, manifestFile, project, forcedPath, partnerLines, errors).ifPresent(partners::add);
        }
        if (!errors.isEmpty()) {
            throw new PartnerConfigException(errors);
        }
        return new PartnerConfig(dir, manifest.get(), partners, configHash(manifestBytes.get(), partners));
    }

    private static Optional<Partner> loadPartner(Path dir, Path manifestFile, Manifest.Project project,
                                                 RepackPath forcedPath, Map<String, Integer> partnerLines,
                                                 List<ConfigError> errors) {
        int line = project.line();
        if (!isSafeRelativePath(project.path())) {
            errors.add(new ConfigError(manifestFile, line, "unsafe project path '" + project.path()
                    + "': every component must match [A-Za-z0-9][A-Za-z0-9._-]*"));
            return Optional.empty();
        }
        String name = project.partnerName();
        Integer first = partnerLines.putIfAbsent(name, line);
        if (first != null) {
            errors.add(new ConfigError(manifestFile, line,
                    "duplicate partner name '" + name + "' (first declared on line " + first + ")"));
            return Optional.empty();
        }
        Path repo = dir.resolve(project.path());
        if (!Files.isDirectory(repo)) {
            errors.add(new ConfigError(manifestFile, line, "project directory '" + project.path()
                    + "' of partner '" + name + "' does not exist in " + dir));
            return Optional.empty();
        }
        Path desktop = repo.resolve(DESKTOP);
        if (!Files.isDirectory(desktop, LinkOption.NOFOLLOW_LINKS)) {
            errors.add(new ConfigError(repo, 0, "partner repo has no " + DESKTOP + "/ directory"));
            return Optional.empty();
        }
        RepackPath repackPath = forcedPath != null ? forcedPath : RepackPath.ofPartner(name);
        List<SubConfig> subConfigs = new ArrayList<>();
        List<Path> entries;
        try (Stream<Path> list = Files.list(desktop)) {
            entries = list.sorted().toList();
        } catch (IOException e) {
            errors.add(new ConfigError(desktop, 0, "cannot list: " + e.getMessage()));
            return Optional.empty();
        }
        for (Path subDir : entries) {
            if (Files.isSymbolicLink(subDir)) {
                errors.add(new ConfigError(subDir, 0, "symbolic links are not allowed in a partner configuration"));
            } else if (Files.isDirectory(subDir, LinkOption.NOFOLLOW_LINKS)) {
                loadSubConfig(name, repackPath, subDir, errors).ifPresent(subConfigs::add);
            } // plain files next to the sub-configs (README ...) are not configuration
        }
        if (subConfigs.isEmpty() && entries.stream().noneMatch(e -> Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS))) {
            errors.add(new ConfigError(desktop, 0, "no sub-configs (expected " + DESKTOP + "/<sub>/repack.cfg)"));
        }
        return Optional.of(new Partner(name, project, repo, repackPath, subConfigs));
    }

    private static Optional<SubConfig> loadSubConfig(String partner, RepackPath repackPath, Path subDir,
                                                     List<ConfigError> errors) {
        int before = errors.size();
        String name = subDir.getFileName().toString();
        if (!Names.isSafeName(name)) {
            errors.add(new ConfigError(subDir, 0, "unsafe sub-config name '" + name
                    + "': must match [A-Za-z0-9][A-Za-z0-9._-]*"));
            return Optional.empty();
        }
        Path cfgFile = subDir.resolve(RepackConfigParser.FILE_NAME);
        if (!Files.isRegularFile(cfgFile, LinkOption.NOFOLLOW_LINKS)) {
            errors.add(new ConfigError(subDir, 0, "sub-config has no " + RepackConfigParser.FILE_NAME));
            return Optional.empty();
        }
        if (!Files.isRegularFile(subDir.resolve(DISTRIBUTION_INI), LinkOption.NOFOLLOW_LINKS)) {
            // partner_repack.py opens distribution.ini unconditionally, so the repack would fail later anyway.
            errors.add(new ConfigError(subDir, 0, "sub-config has no " + DISTRIBUTION_INI));
        }
        SortedMap<String, byte[]> files = new TreeMap<>();
        read(cfgFile, errors).ifPresent(bytes -> files.put(RepackConfigParser.FILE_NAME, bytes));
        collect(subDir, subDir.resolve(DISTRIBUTION), files, errors);
        collect(subDir, subDir.resolve(EXTENSIONS), files, errors);
        byte[] cfgBytes = files.get(RepackConfigParser.FILE_NAME);
        Optional<RepackConfig> config = cfgBytes == null ? Optional.empty()
                : RepackConfigParser.parse(cfgFile, cfgBytes, errors);
        config.ifPresent(c -> checkForPath(c, repackPath, errors));
        config.ifPresent(c -> collectWindowsFiles(c, subDir, files, errors));
        if (config.isEmpty() || errors.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new SubConfig(partner, name, subDir, repackPath, config.get(), files));
    }

    /**
     * The files a Windows repack takes from the sub-config beyond distribution/ and extensions/: the stub's
     * {@code partner.ini} template, and a {@code replacement_setup_exe}. The real pipeline downloads the latter from a
     * URL at repack time; here it is a file of the sub-config, so the snapshot pins it like every other file.
     */
    private static void collectWindowsFiles(RepackConfig config, Path subDir, SortedMap<String, byte[]> files,
                                            List<ConfigError> errors) {
        if (config.repackStubInstaller() && config.platforms().contains(Platform.WIN32)) {
            Path template = subDir.resolve(STUB_PARTNER_INI);
            if (Files.isRegularFile(template, LinkOption.NOFOLLOW_LINKS)) {
                read(template, errors).ifPresent(bytes -> files.put(STUB_PARTNER_INI, bytes));
            } else {
                errors.add(new ConfigError(config.file(), config.lineOf("repack_stub_installer"),
                        "repack_stub_installer needs the stub template " + STUB_PARTNER_INI + " in the sub-config"));
            }
        }
        String setup = config.replacementSetupExe();
        if (setup == null) {
            return;
        }
        int line = config.lineOf("replacement_setup_exe");
        if (setup.contains(":") || !isSafeRelativePath(setup)) {
            errors.add(new ConfigError(config.file(), line, "replacement_setup_exe '" + setup + "' must be a file of"
                    + " the sub-config named by a relative path (such as setup.exe); URLs are not fetched at repack time"));
            return;
        }
        Path file = subDir.resolve(setup);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            errors.add(new ConfigError(config.file(), line, "replacement_setup_exe '" + setup
                    + "' is not a regular file of the sub-config (" + file + ")"));
            return;
        }
        read(file, errors).ifPresent(bytes -> files.put(setup, bytes));
    }

    /** EME-free is published as {@code <platform>-EME-free/<locale>}, which exists for mac and Windows only. */
    private static void checkForPath(RepackConfig config, RepackPath repackPath, List<ConfigError> errors) {
        if (repackPath != RepackPath.EME_FREE) {
            return;
        }
        for (Platform p : Platform.values()) {
            if (p.isLinux() && config.platforms().contains(p)) {
                errors.add(new ConfigError(config.file(), config.lineOf(p.configKey()),
                        "EME-free repacks have no Linux builds: " + p.configKey() + " must be false"));
            }
        }
    }

    /** Adds every regular file below {@code root} (if it exists) to {@code files}, keyed relative to {@code subDir}. */
    private static void collect(Path subDir, Path root, SortedMap<String, byte[]> files, List<ConfigError> errors) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return checkName(subDir, d, errors) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isSymbolicLink()) {
                        // a link could smuggle files from outside the partner repo into the snapshot
                        errors.add(new ConfigError(file, 0, "symbolic links are not allowed in a partner configuration"));
                    } else if (!attrs.isRegularFile()) {
                        errors.add(new ConfigError(file, 0, "not a regular file"));
                    } else if (checkName(subDir, file, errors)) {
                        read(file, errors).ifPresent(bytes -> files.put(relative(subDir, file), bytes));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            errors.add(new ConfigError(root, 0, "cannot read: " + e.getMessage()));
        }
    }

    private static boolean checkName(Path subDir, Path p, List<ConfigError> errors) {
        if (UNSAFE_FILE_NAME.matcher(relative(subDir, p)).find()) {
            errors.add(new ConfigError(p, 0, "file name contains a backslash or control character"));
            return false;
        }
        return true;
    }

    private static String relative(Path base, Path p) {
        List<String> parts = new ArrayList<>();
        base.relativize(p).forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }

    private static boolean isSafeRelativePath(String path) {
        for (String part : path.split("/", -1)) {
            if (!Names.isSafeName(part)) {
                return false;
            }
        }
        return true;
    }

    private static Optional<byte[]> read(Path file, List<ConfigError> errors) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            errors.add(new ConfigError(file, 0, Files.exists(file) ? "cannot read: " + e.getMessage() : "file not found"));
            return Optional.empty();
        }
    }

    /**
     * sha256 over the manifest and every snapshotted file, in sorted order of their paths relative to the
     * configuration directory; each file contributes its path, a NUL, its length and its bytes, so moving bytes
     * between files or renaming one changes the hash.
     */
    static String configHash(byte[] manifest, List<Partner> partners) {
        SortedMap<String, byte[]> all = new TreeMap<>();
        all.put(ManifestParser.FILE_NAME, manifest);
        for (Partner partner : partners) {
            for (SubConfig sub : partner.subConfigs()) {
                String prefix = partner.project().path() + "/" + DESKTOP + "/" + sub.name() + "/";
                sub.files().forEach((path, bytes) -> all.put(prefix + path, bytes));
            }
        }
        MessageDigest sha256 = Digests.sha256();
        all.forEach((path, bytes) -> {
            sha256.update(path.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
            sha256.update(bytes);
        });
        return "sha256:" + Digests.hex(sha256.digest());
    }
}
