package dev.relpromo.balrog.aus;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What an application asks in {@code /update/6/<product>/<version>/<buildID>/<buildTarget>/<locale>/<channel>/
 * <osVersion>/<systemCapabilities>/<distribution>/<distVersion>/update.xml}. {@code force} is 1 (ignore the
 * background rate), -1 (always the fallback mapping) or 0.
 */
public record UpdateQuery(
        String product,
        String version,
        String buildID,
        String buildTarget,
        String locale,
        String channel,
        String osVersion,
        String instructionSet,
        Integer memory,
        Boolean jaws,
        String distribution,
        String distVersion,
        int force,
        Boolean mig64,
        String headerArchitecture,
        String pin) {

    private static final String PREFIX = "/update/6/";

    public static UpdateQuery of(String product, String version, String buildID, String buildTarget, String locale,
                                 String channel) {
        return new UpdateQuery(product, version, buildID, buildTarget, locale, channel, "default", null, null, null,
                "default", "default", 0, null, null, null);
    }

    public UpdateQuery withChannel(String newChannel) {
        return new UpdateQuery(product, version, buildID, buildTarget, locale, newChannel, osVersion, instructionSet,
                memory, jaws, distribution, distVersion, force, mig64, headerArchitecture, pin);
    }

    public UpdateQuery withForce(int newForce) {
        return new UpdateQuery(product, version, buildID, buildTarget, locale, channel, osVersion, instructionSet,
                memory, jaws, distribution, distVersion, newForce, mig64, headerArchitecture, pin);
    }

    public UpdateQuery withDistribution(String newDistribution) {
        return new UpdateQuery(product, version, buildID, buildTarget, locale, channel, osVersion, instructionSet,
                memory, jaws, newDistribution, distVersion, force, mig64, headerArchitecture, pin);
    }

    public UpdateQuery withOsVersion(String newOsVersion) {
        return new UpdateQuery(product, version, buildID, buildTarget, locale, channel, newOsVersion, instructionSet,
                memory, jaws, distribution, distVersion, force, mig64, headerArchitecture, pin);
    }

    /** The fallback channel: {@code release-cck-mozilla-EMEfree} → {@code release} (Balrog {@code getFallbackChannel}). */
    public String fallbackChannel() {
        return fallbackChannel(channel);
    }

    public static String fallbackChannel(String channel) {
        int cck = channel.indexOf("-cck-");
        String fallback = cck < 0 ? channel : channel.substring(0, cck);
        // System add-on channels keep their suffix (Balrog getFallbackChannel).
        return channel.endsWith("-sysaddon") && !fallback.endsWith("-sysaddon") ? fallback + "-sysaddon" : fallback;
    }

    public UpdateQuery withPin(String newPin) {
        return new UpdateQuery(product, version, buildID, buildTarget, locale, channel, osVersion, instructionSet,
                memory, jaws, distribution, distVersion, force, mig64, headerArchitecture, newPin);
    }

    /**
     * Parses a v6 update path; {@code rawQuery} is the URL query ({@code force=1}, {@code mig64=1}) or null.
     *
     * @throws IllegalArgumentException naming what is wrong with the path
     */
    public static UpdateQuery parse(String path, String rawQuery) {
        if (!path.startsWith(PREFIX) || !path.endsWith("/update.xml")) {
            throw new IllegalArgumentException("not a v6 update path: " + path);
        }
        String[] parts = path.substring(PREFIX.length(), path.length() - "/update.xml".length()).split("/", -1);
        if (parts.length != 10) {
            throw new IllegalArgumentException("a v6 update path has 10 fields before update.xml, got " + parts.length + ": " + path);
        }
        for (int i = 0; i < parts.length; i++) {
            parts[i] = URLDecoder.decode(parts[i], StandardCharsets.UTF_8);
        }
        String instructionSet = null;
        Integer memory = null;
        Boolean jaws = null;
        // systemCapabilities: "ISET:SSE4_2,MEM:16384,JAWS:0"; older clients send a bare instruction set.
        for (String capability : parts[7].split(",")) {
            int colon = capability.indexOf(':');
            if (colon < 0) {
                if (!capability.isEmpty() && !capability.equals("NA")) {
                    instructionSet = capability;
                }
                continue;
            }
            String key = capability.substring(0, colon);
            String value = capability.substring(colon + 1);
            switch (key) {
                case "ISET" -> instructionSet = value;
                case "MEM" -> memory = value.matches("\\d+") ? Integer.valueOf(value) : null;
                case "JAWS" -> jaws = value.equals("1");
                default -> { }
            }
        }
        Map<String, String> params = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        int force = switch (params.getOrDefault("force", "")) {
            case "1" -> 1;
            case "-1" -> -1;
            default -> 0;
        };
        Boolean mig64 = params.containsKey("mig64") ? "1".equals(params.get("mig64")) : null;
        String pin = params.containsKey("pin") ? URLDecoder.decode(params.get("pin"), StandardCharsets.UTF_8) : null;
        return new UpdateQuery(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], instructionSet,
                memory, jaws, parts[8], parts[9], force, mig64, null, pin);
    }
}
