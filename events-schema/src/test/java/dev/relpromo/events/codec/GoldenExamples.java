package dev.relpromo.events.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The golden example events under {@code examples/<type>/v<N>/*.json}. */
final class GoldenExamples {
    private static final Pattern VERSION_DIR = Pattern.compile("v(\\d+)");

    record Example(EventType type, int version, String name, JsonNode json) {
        @Override
        public String toString() {
            return type.schemaName() + "/v" + version + "/" + name;
        }
    }

    static List<Example> all() {
        List<Example> out = new ArrayList<>();
        for (EventType type : EventType.values()) {
            out.addAll(of(type));
        }
        return out;
    }

    static List<Example> of(EventType type) {
        Path dir = root().resolve(type.schemaName());
        List<Example> out = new ArrayList<>();
        try (Stream<Path> versions = Files.list(dir)) {
            for (Path v : versions.sorted().toList()) {
                Matcher m = VERSION_DIR.matcher(v.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                try (Stream<Path> files = Files.list(v)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                        out.add(new Example(type, Integer.parseInt(m.group(1)),
                                f.getFileName().toString(), EventCodec.mapper().readTree(f.toFile())));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("examples of " + type + " in " + dir, e);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no golden examples for " + type + " in " + dir);
        }
        return out;
    }

    private static Path root() {
        try {
            return Path.of(GoldenExamples.class.getClassLoader().getResource("examples").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
