package dev.relpromo.balrog.server;

import com.fasterxml.jackson.databind.JsonNode;

/** A release blob with its product and the version the next write must name ({@code data_version}). */
public record Release(String name, String product, JsonNode blob, int dataVersion, boolean readOnly) {
}
