package dev.relpromo.balrog.aus;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The public update decision (Balrog {@code AUS.evaluateRules} and the schema-9 app release blob): the best rule,
 * the background-rate dice and the fallback mapping, {@code shouldServeUpdate}, the patches with their URLs from
 * {@code fileUrls} (lookup order {@code [channel, fallback channel, "*"]}, the first existing block wins).
 */
public final class UpdateResolver {
    private final Function<String, Optional<JsonNode>> releases;
    private final IntSupplier dice;
    private final Set<String> allowedDomains;
    private final PinLookup pins;

    /** The pinnable releases: which release a product/channel serves to installs pinned to a version prefix. */
    public interface PinLookup {
        Optional<String> mapping(String product, String channel, String pinVersion);
    }

    /**
     * @param releases       release blobs by name
     * @param dice           a roll in 0..99 for the background rate; tests inject a fixed one
     * @param allowedDomains hosts patch URLs may point at; empty allows every host
     */
    public UpdateResolver(Function<String, Optional<JsonNode>> releases, IntSupplier dice, Set<String> allowedDomains) {
        this(releases, dice, allowedDomains, (product, channel, pin) -> Optional.empty());
    }

    /** @param pins the pinnable releases, looked up on the fallback channel */
    public UpdateResolver(Function<String, Optional<JsonNode>> releases, IntSupplier dice, Set<String> allowedDomains,
                          PinLookup pins) {
        this.releases = releases;
        this.dice = dice;
        this.allowedDomains = Set.copyOf(allowedDomains);
        this.pins = pins;
    }

    public Optional<UpdateXml.Update> resolve(List<Rule> rules, UpdateQuery query) {
        Optional<Rule> best = RuleMatching.bestRule(rules, query);
        if (best.isEmpty() || best.get().mapping() == null) {
            return Optional.empty();
        }
        Rule rule = best.get();
        String mapping = rule.mapping();
        if (query.force() == -1) {
            mapping = rule.fallbackMapping();
        } else if (query.force() != 1 && rule.backgroundRate() < 100 && dice.getAsInt() >= rule.backgroundRate()) {
            mapping = rule.fallbackMapping();
        }
        if (mapping == null) {
            return Optional.empty();
        }
        Optional<JsonNode> blob = releases.apply(mapping);
        if (blob.isEmpty()) {
            return Optional.empty();
        }
        if (query.pin() != null && exceedsPin(blob.get(), query)) {
            // Past the pin: the pinned release if one is registered; if none is, the update as usual, so a wrong
            // pin never silently stops updates (Balrog's reasoning).
            Optional<String> pinned = pins.mapping(query.product(), query.fallbackChannel(), query.pin());
            if (pinned.isPresent()) {
                Optional<JsonNode> pinnedBlob = releases.apply(pinned.get());
                return pinnedBlob.isEmpty() ? Optional.empty() : update(pinnedBlob.get(), rule, query);
            }
        }
        return update(blob.get(), rule, query);
    }

    /** A pin is a version prefix ending in a dot ({@code 130.} or {@code 130.0.}); the blob exceeds it when outside it. */
    static boolean exceedsPin(JsonNode blob, UpdateQuery query) {
        String version = blob.path("appVersion").asText("");
        String pin = query.pin().endsWith(".") ? query.pin() : query.pin() + ".";
        if (version.startsWith(pin)) {
            return false;
        }
        String pinBase = pin.substring(0, pin.length() - 1);
        String padded = pinBase.contains(".") ? pinBase : pinBase + ".0";
        return MozillaVersion.isValid(version) && MozillaVersion.isValid(padded)
                && MozillaVersion.parse(version).compareTo(MozillaVersion.parse(padded)) > 0;
    }

    /** The update a schema-9 blob offers this query, or empty when {@code shouldServeUpdate} says no. */
    public Optional<UpdateXml.Update> update(JsonNode blob, Rule rule, UpdateQuery query) {
        Optional<JsonNode> platform = platform(blob, query.buildTarget());
        if (platform.isEmpty()) {
            return Optional.empty();
        }
        JsonNode locale = platform.get().path("locales").path(query.locale());
        if (locale.isMissingNode()) {
            return Optional.empty();
        }
        String appVersion = text(locale, "appVersion").orElse(text(blob, "appVersion").orElse(null));
        String buildID = text(locale, "buildID").orElse(null);
        if (appVersion == null || buildID == null) {
            return Optional.empty();
        }
        if (!shouldServeUpdate(query, appVersion, buildID)) {
            return Optional.empty();
        }
        String hashFunction = text(blob, "hashFunction").orElse("sha512");
        List<UpdateXml.Patch> patches = new ArrayList<>();
        completePatch(blob, platform.get(), locale, query, hashFunction).ifPresent(patches::add);
        partialPatch(blob, platform.get(), locale, query, hashFunction).ifPresent(patches::add);
        if (patches.isEmpty()) {
            return Optional.empty();
        }
        TreeMap<String, String> attributes = new TreeMap<>();
        attributes.put("appVersion", appVersion);
        attributes.put("buildID", buildID);
        attributes.put("displayVersion", text(locale, "displayVersion").orElse(text(blob, "displayVersion").orElse(appVersion)));
        attributes.put("type", rule.updateType());
        for (JsonNode line : blob.path("updateLine")) {
            if (updateLineApplies(line.path("for"), query)) {
                line.path("fields").properties().forEach(f -> attributes.put(f.getKey(), f.getValue().asText()));
            }
        }
        // Placeholders in the update line too (detailsURL carries %LOCALE%).
        attributes.replaceAll((k, v) -> substitute(v, query.locale(), platform.get()));
        return Optional.of(new UpdateXml.Update(attributes, patches));
    }

    /**
     * No update to an older build: none when the query's version is newer than the blob's, or equal with a build id
     * at least the blob's.
     */
    public static boolean shouldServeUpdate(UpdateQuery query, String blobVersion, String blobBuildID) {
        if (!MozillaVersion.isValid(query.version()) || !MozillaVersion.isValid(blobVersion)) {
            return false;
        }
        int c = MozillaVersion.parse(query.version()).compareTo(MozillaVersion.parse(blobVersion));
        if (c > 0) {
            return false;
        }
        return c != 0 || query.buildID().compareTo(blobBuildID) < 0;
    }

    /** The platform entry for a build target, following one {@code alias}. */
    public static Optional<JsonNode> platform(JsonNode blob, String buildTarget) {
        JsonNode platform = blob.path("platforms").path(buildTarget);
        if (platform.isMissingNode()) {
            return Optional.empty();
        }
        if (platform.hasNonNull("alias")) {
            platform = blob.path("platforms").path(platform.get("alias").asText());
            if (platform.isMissingNode() || platform.hasNonNull("alias")) {
                return Optional.empty();
            }
        }
        return Optional.of(platform);
    }

    private Optional<UpdateXml.Patch> completePatch(JsonNode blob, JsonNode platform, JsonNode locale,
                                                    UpdateQuery query, String hashFunction) {
        for (JsonNode complete : locale.path("completes")) {
            String from = complete.path("from").asText("*");
            if (!from.equals("*") && !isFromThisBuild(from, query)) {
                continue;
            }
            Optional<String> url = url(blob, platform, complete, "completes", from, query);
            if (url.isPresent()) {
                return Optional.of(patch("complete", url.get(), hashFunction, complete));
            }
        }
        return Optional.empty();
    }

    private Optional<UpdateXml.Patch> partialPatch(JsonNode blob, JsonNode platform, JsonNode locale,
                                                   UpdateQuery query, String hashFunction) {
        for (JsonNode partial : locale.path("partials")) {
            String from = partial.path("from").asText("");
            if (!isFromThisBuild(from, query)) {
                continue;
            }
            Optional<String> url = url(blob, platform, partial, "partials", from, query);
            if (url.isPresent()) {
                return Optional.of(patch("partial", url.get(), hashFunction, partial));
            }
        }
        return Optional.empty();
    }

    /** A partial applies when its from-release has the query's build id for this target and locale. */
    private boolean isFromThisBuild(String fromRelease, UpdateQuery query) {
        return releases.apply(fromRelease)
                .flatMap(from -> platform(from, query.buildTarget()))
                .map(p -> p.path("locales").path(query.locale()).path("buildID").asText(""))
                .filter(query.buildID()::equals)
                .isPresent();
    }

    private static UpdateXml.Patch patch(String type, String url, String hashFunction, JsonNode patch) {
        return new UpdateXml.Patch(type, url, hashFunction, patch.path("hashValue").asText(), patch.path("filesize").asLong());
    }

    private Optional<String> url(JsonNode blob, JsonNode platform, JsonNode patch, String kind, String from,
                                 UpdateQuery query) {
        String url = null;
        JsonNode fileUrls = blob.path("fileUrls");
        for (String channel : List.of(query.channel(), query.fallbackChannel(), "*")) {
            JsonNode block = fileUrls.path(channel);
            if (!block.isMissingNode()) {
                // The first existing block wins, even without this patch: no fall-through (Balrog does the same).
                JsonNode urls = block.path(kind);
                url = urls.hasNonNull(from) ? urls.get(from).asText() : urls.hasNonNull("*") ? urls.get("*").asText() : null;
                break;
            }
        }
        if (url == null && patch.hasNonNull("fileUrl")) {
            url = patch.get("fileUrl").asText(); // nightly-style blobs carry the URL per locale
        }
        if (url == null) {
            return Optional.empty();
        }
        url = substitute(url, query.locale(), platform);
        return allowed(url) ? Optional.of(url) : Optional.empty();
    }

    private boolean allowed(String url) {
        if (allowedDomains.isEmpty()) {
            return true;
        }
        try {
            String host = URI.create(url).getHost();
            return host != null && allowedDomains.contains(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String substitute(String template, String locale, JsonNode platform) {
        return template.replace("%LOCALE%", locale)
                .replace("%OS_FTP%", platform.path("OS_FTP").asText(""))
                .replace("%OS_BOUNCER%", platform.path("OS_BOUNCER").asText(""));
    }

    private static boolean updateLineApplies(JsonNode conditions, UpdateQuery query) {
        for (Map.Entry<String, JsonNode> condition : conditions.properties()) {
            List<String> values = new ArrayList<>();
            condition.getValue().forEach(v -> values.add(v.asText()));
            boolean ok = switch (condition.getKey()) {
                case "channels" -> values.stream().anyMatch(c -> RuleMatching.matchChannel(c, query.channel()));
                case "locales" -> values.contains(query.locale());
                case "versions" -> values.stream().anyMatch(v -> RuleMatching.matchVersion(v, query.version()));
                case "buildIDs" -> values.stream().anyMatch(b -> RuleMatching.matchBuildID(b, query.buildID()));
                default -> false; // an unknown condition never matches rather than matching everyone
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }
}
