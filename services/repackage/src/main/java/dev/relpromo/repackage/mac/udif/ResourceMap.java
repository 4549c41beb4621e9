package dev.relpromo.repackage.mac.udif;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The XML property list that UDIF keeps instead of a resource fork: {@code resource-fork → blkx → [dict]}, each
 * dict holding one partition's BLKX table as base64 {@code Data}.
 *
 * <p>dmg2img reads it with plain string searches: the blkx array must end at the first {@code </array>}, the
 * {@code Name} key must follow {@code Data}, and {@code </plist>} must lie in the last 20 bytes. Keys are in the
 * alphabetical order hdiutil writes, which satisfies all three.
 */
final class ResourceMap {
    private ResourceMap() {
    }

    static byte[] encode(String partitionName, int id, byte[] blkx) {
        String name = escape(partitionName);
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                + "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                + "<plist version=\"1.0\">\n"
                + "<dict>\n"
                + "\t<key>resource-fork</key>\n"
                + "\t<dict>\n"
                + "\t\t<key>blkx</key>\n"
                + "\t\t<array>\n"
                + "\t\t\t<dict>\n"
                + "\t\t\t\t<key>Attributes</key>\n"
                + "\t\t\t\t<string>0x0050</string>\n"
                + "\t\t\t\t<key>CFName</key>\n"
                + "\t\t\t\t<string>" + name + "</string>\n"
                + "\t\t\t\t<key>Data</key>\n"
                + "\t\t\t\t<data>" + Base64.getEncoder().encodeToString(blkx) + "</data>\n"
                + "\t\t\t\t<key>ID</key>\n"
                + "\t\t\t\t<string>" + id + "</string>\n"
                + "\t\t\t\t<key>Name</key>\n"
                + "\t\t\t\t<string>" + name + "</string>\n"
                + "\t\t\t</dict>\n"
                + "\t\t</array>\n"
                + "\t</dict>\n"
                + "</dict>\n"
                + "</plist>\n";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
