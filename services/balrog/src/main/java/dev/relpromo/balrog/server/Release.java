package dev.relpromo.balrog.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A release blob (base and locales assembled) with its product, the base's data version and Balrog's
 * {@code data_versions} tree ({@code "."} and one per {@code platforms.<target>.locales.<locale>}).
 */
public record Release(String name, String product, JsonNode blob, int dataVersion, ObjectNode dataVersions, boolean readOnly) {
}
