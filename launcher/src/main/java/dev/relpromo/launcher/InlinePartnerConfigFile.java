package dev.relpromo.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a {@code release_partner_config} parameter from a file, as the real action's parameters.yml holds it: YAML
 * (JSON is YAML too). The planner checks its content; here only the syntax, with the file and line on error.
 */
final class InlinePartnerConfigFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InlinePartnerConfigFile() {
    }

    static JsonNode read(Path file) {
        Object value;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            value = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new IllegalArgumentException(file + ":" + line + ": not valid YAML/JSON: " + e.getProblem(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the partner config " + file + ": " + e.getMessage(), e);
        }
        JsonNode node = JSON.valueToTree(value);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(file + ": release_partner_config must be a mapping of kind prefixes"
                    + " (release-partner-repack, release-eme-free-repack, ...) to partners");
        }
        // the real parameters.yml nests it under its parameter name
        return node.has("release_partner_config") && node.size() == 1 ? node.get("release_partner_config") : node;
    }
}
