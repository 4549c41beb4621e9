package dev.relpromo.balrog.aus;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/** Renders {@code update.xml} as Balrog's public API does: no update is an empty {@code <updates>} element. */
public final class UpdateXml {

    /** A {@code <patch>}: {@code type} is {@code complete} or {@code partial}. */
    public record Patch(String type, String url, String hashFunction, String hashValue, long size) {
    }

    /** An {@code <update>}: its attributes (rendered sorted, as the v9 blob does) and its patches, complete first. */
    public record Update(SortedMap<String, String> attributes, List<Patch> patches) {
    }

    private UpdateXml() {
    }

    public static String render(Optional<Update> update) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<updates>\n");
        update.ifPresent(u -> {
            xml.append("    <update");
            for (Map.Entry<String, String> attribute : u.attributes().entrySet()) {
                attribute(xml, attribute.getKey(), attribute.getValue());
            }
            xml.append(">\n");
            for (Patch patch : u.patches()) {
                xml.append("        <patch");
                attribute(xml, "type", patch.type());
                attribute(xml, "URL", patch.url());
                attribute(xml, "hashFunction", patch.hashFunction());
                attribute(xml, "hashValue", patch.hashValue());
                attribute(xml, "size", Long.toString(patch.size()));
                xml.append("/>\n");
            }
            xml.append("    </update>\n");
        });
        return xml.append("</updates>\n").toString();
    }

    private static void attribute(StringBuilder xml, String name, String value) {
        xml.append(' ').append(name).append("=\"").append(escape(value)).append('"');
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
