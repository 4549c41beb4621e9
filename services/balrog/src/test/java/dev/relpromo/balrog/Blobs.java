package dev.relpromo.balrog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Schema-9 release blobs shaped like balrogscript's (submit-toplevel plus submit-locale), for tests. */
public final class Blobs {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String WIN64 = "WINNT_x86_64-msvc";
    public static final String WIN64_ALIAS = "WINNT_x86_64-msvc-x64";

    private Blobs() {
    }

    /** {@code Firefox-<version>-build1} with en-US and de on win64; {@code previous} (may be null) gets a partial. */
    public static ObjectNode release(String version, String buildID, String previous) {
        String name = "Firefox-" + version + "-build1";
        ObjectNode blob = JSON.createObjectNode();
        blob.put("name", name).put("schema_version", 9).put("hashFunction", "sha512")
                .put("appVersion", version).put("displayVersion", version);
        ObjectNode line = blob.putArray("updateLine").addObject();
        line.putObject("for");
        line.putObject("fields")
                .put("detailsURL", "https://www.mozilla.org/%LOCALE%/firefox/" + version + "/releasenotes/")
                .put("type", "minor");
        ObjectNode fileUrls = blob.putObject("fileUrls");
        ObjectNode star = fileUrls.putObject("*");
        star.putObject("completes").put("*", "https://download.mozilla.org/?product=firefox-" + version
                + "-complete&os=%OS_BOUNCER%&lang=%LOCALE%");
        ObjectNode localtest = fileUrls.putObject("release-localtest");
        localtest.putObject("completes").put("*", "https://archive.mozilla.org/pub/firefox/candidates/" + version
                + "-candidates/build1/update/%OS_FTP%/%LOCALE%/firefox-" + version + ".complete.mar");
        if (previous != null) {
            String prev = previous.substring("Firefox-".length(), previous.indexOf("-build"));
            star.putObject("partials").put(previous, "https://download.mozilla.org/?product=firefox-" + version
                    + "-partial-" + prev + "&os=%OS_BOUNCER%&lang=%LOCALE%");
            localtest.putObject("partials").put(previous, "https://archive.mozilla.org/pub/firefox/candidates/" + version
                    + "-candidates/build1/update/%OS_FTP%/%LOCALE%/firefox-" + prev + "-" + version + ".partial.mar");
        }
        ObjectNode platforms = blob.putObject("platforms");
        ObjectNode win64 = platforms.putObject(WIN64).put("OS_BOUNCER", "win64").put("OS_FTP", "win64");
        platforms.putObject(WIN64_ALIAS).put("alias", WIN64);
        ObjectNode locales = win64.putObject("locales");
        for (String locale : new String[] {"en-US", "de"}) {
            ObjectNode l = locales.putObject(locale).put("buildID", buildID).put("appVersion", version)
                    .put("displayVersion", version);
            l.putArray("completes").addObject().put("from", "*").put("filesize", 60_000_000L)
                    .put("hashValue", "c0" + locale.hashCode());
            if (previous != null) {
                l.putArray("partials").addObject().put("from", previous).put("filesize", 9_000_000L)
                        .put("hashValue", "p0" + locale.hashCode());
            }
        }
        return blob;
    }
}
