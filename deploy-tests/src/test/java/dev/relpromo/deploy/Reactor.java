package dev.relpromo.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The reactor root and what the deployment files must cover: the service modules listed in the parent pom. */
final class Reactor {

    private static final Pattern SERVICE_MODULE = Pattern.compile("<module>\\s*services/([^<\\s]+)\\s*</module>");
    /** The shared library under services/, not a runnable service. */
    private static final String KIT = "kit";

    static final Path ROOT = findRoot();

    private Reactor() {
    }

    /** How a module under services/ makes itself a runnable service (what the launcher discovers). */
    private static final String REGISTRATION = "src/main/resources/META-INF/services/dev.relpromo.kit.app.RelpromoService";

    /**
     * Every runnable service module (services/NAME in the parent pom that registers a relpromo service; not the kit,
     * nor a library module that is not wired as a service yet), in pom order.
     */
    static List<String> serviceModules() {
        Matcher m = SERVICE_MODULE.matcher(read("pom.xml"));
        List<String> names = m.results().map(r -> r.group(1)).filter(n -> !n.equals(KIT))
                .filter(n -> Files.isRegularFile(ROOT.resolve("services").resolve(n).resolve(REGISTRATION)))
                .collect(Collectors.toList());
        if (names.isEmpty()) {
            throw new IllegalStateException("no <module>services/...</module> in " + ROOT.resolve("pom.xml"));
        }
        return names;
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One YAML document as a map, with plain types only (no arbitrary classes). */
    static Map<String, Object> yaml(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    /** Maven passes the root as relpromo.root; an IDE run walks up to the pom that lists this module. */
    private static Path findRoot() {
        String given = System.getProperty("relpromo.root");
        if (given != null && !given.isBlank() && Files.isRegularFile(Path.of(given, "pom.xml"))) {
            return Path.of(given).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.readString(pom).contains("<module>deploy-tests</module>")) {
                    return dir;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no reactor root (a pom.xml listing deploy-tests) above " + Path.of("").toAbsolutePath());
    }
}
