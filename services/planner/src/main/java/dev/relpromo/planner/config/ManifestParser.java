package dev.relpromo.planner.config;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses the {@code default.xml} manifest with StAX so every error carries its line. Understands the subset of
 * the repo manifest format partner manifests use: {@code <remote>}, {@code <default>} and {@code <project>}.
 * Anything else is refused rather than silently ignored.
 */
public final class ManifestParser {
    private ManifestParser() {
    }

    public static final String FILE_NAME = "default.xml";

    private static final Map<String, Set<String>> ATTRIBUTES = Map.of(
            "remote", Set.of("name", "fetch"),
            "default", Set.of("remote", "revision"),
            "project", Set.of("name", "path", "remote", "revision"));

    public static Optional<Manifest> parse(Path file, byte[] content, List<ConfigError> errors) {
        int before = errors.size();
        List<Element> elements = new ArrayList<>();
        try {
            read(file, content, elements, errors);
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNumber());
            errors.add(new ConfigError(file, line, "invalid XML: " + xmlMessage(e)));
            return Optional.empty();
        }
        Manifest manifest = resolve(file, elements, errors);
        errors.subList(before, errors.size()).sort(java.util.Comparator.comparingInt(ConfigError::line));
        return errors.size() == before ? Optional.of(manifest) : Optional.empty();
    }

    private record Element(String name, Map<String, String> attributes, int line) {
    }

    private static void read(Path file, byte[] content, List<Element> elements, List<ConfigError> errors)
            throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // A manifest is plain data: no DTDs, no external entities.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader r = factory.createXMLStreamReader(new ByteArrayInputStream(content));
        try {
            int depth = 0;
            boolean sawRoot = false;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = r.getLocalName();
                    int line = r.getLocation().getLineNumber();
                    if (depth == 1) {
                        sawRoot = true;
                        if (!name.equals("manifest")) {
                            errors.add(new ConfigError(file, line, "root element must be <manifest>, not <" + name + ">"));
                            return;
                        }
                    } else if (depth > 2) {
                        errors.add(new ConfigError(file, line, "unsupported element <" + name + "> nested in a manifest entry"));
                    } else if (!ATTRIBUTES.containsKey(name)) {
                        errors.add(new ConfigError(file, line, "unsupported element <" + name + ">"));
                    } else {
                        Map<String, String> attributes = new LinkedHashMap<>();
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            String attribute = r.getAttributeLocalName(i);
                            if (!ATTRIBUTES.get(name).contains(attribute)) {
                                errors.add(new ConfigError(file, line,
                                        "unsupported attribute '" + attribute + "' on <" + name + ">"));
                            }
                            attributes.put(attribute, r.getAttributeValue(i));
                        }
                        elements.add(new Element(name, attributes, line));
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            if (!sawRoot) {
                errors.add(new ConfigError(file, 0, "no <manifest> element"));
            }
        } finally {
            r.close();
        }
    }

    private static Manifest resolve(Path file, List<Element> elements, List<ConfigError> errors) {
        Map<String, Manifest.Remote> remotes = new LinkedHashMap<>();
        Map<String, String> defaults = new HashMap<>();
        int defaultLine = 0;
        for (Element e : elements) {
            switch (e.name()) {
                case "remote" -> {
                    String name = required(file, e, "name", errors);
                    String fetch = required(file, e, "fetch", errors);
                    if (name != null && fetch != null) {
                        Manifest.Remote previous = remotes.putIfAbsent(name, new Manifest.Remote(name, fetch, e.line()));
                        if (previous != null) {
                            errors.add(new ConfigError(file, e.line(),
                                    "duplicate remote '" + name + "' (first declared on line " + previous.line() + ")"));
                        }
                    }
                }
                case "default" -> {
                    if (defaultLine > 0) {
                        errors.add(new ConfigError(file, e.line(),
                                "duplicate <default> (first declared on line " + defaultLine + ")"));
                    }
                    defaultLine = e.line();
                    defaults.putAll(e.attributes());
                }
                default -> { // projects are resolved below, once every remote and default is known
                }
            }
        }
        List<Manifest.Project> projects = new ArrayList<>();
        Map<String, Integer> paths = new HashMap<>();
        for (Element e : elements) {
            if (!e.name().equals("project")) {
                continue;
            }
            Map<String, String> attributes = new HashMap<>(defaults);
            attributes.putAll(e.attributes());
            Element withDefaults = new Element(e.name(), attributes, e.line());
            String name = required(file, withDefaults, "name", errors);
            String path = required(file, withDefaults, "path", errors);
            String remote = required(file, withDefaults, "remote", errors);
            String revision = required(file, withDefaults, "revision", errors);
            if (remote != null && !remotes.containsKey(remote)) {
                errors.add(new ConfigError(file, e.line(), "project '" + name + "' refers to unknown remote '" + remote + "'"));
            }
            if (path != null) {
                Integer first = paths.putIfAbsent(path, e.line());
                if (first != null) {
                    errors.add(new ConfigError(file, e.line(),
                            "duplicate project path '" + path + "' (first declared on line " + first + ")"));
                }
            }
            if (name != null && path != null && remote != null && revision != null) {
                projects.add(new Manifest.Project(name, path, remote, revision, e.line()));
            }
        }
        return new Manifest(file, remotes, projects);
    }

    private static String required(Path file, Element e, String attribute, List<ConfigError> errors) {
        String value = e.attributes().get(attribute);
        if (value == null || value.isBlank()) {
            errors.add(new ConfigError(file, e.line(), "<" + e.name() + "> is missing attribute '" + attribute + "'"));
            return null;
        }
        return value;
    }

    /** The JDK parser's message without its "ParseError at [row,col]" preamble (the line is reported anyway). */
    private static String xmlMessage(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        int i = message.indexOf("Message: ");
        return (i >= 0 ? message.substring(i + "Message: ".length()) : message).strip();
    }
}
