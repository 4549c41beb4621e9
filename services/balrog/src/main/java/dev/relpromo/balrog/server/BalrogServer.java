package dev.relpromo.balrog.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.relpromo.balrog.aus.Rule;
import dev.relpromo.balrog.aus.RuleJson;
import dev.relpromo.balrog.aus.UpdateQuery;
import dev.relpromo.balrog.aus.UpdateResolver;
import dev.relpromo.balrog.aus.UpdateXml;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Balrog-compatible server over a {@link BalrogDatabase}: the admin API ({@code /v2/releases},
 * {@code /rules}, {@code /scheduled_changes/rules}, {@code /required_signoffs/product}) and the public
 * {@code /update/6/.../update.xml}. The JDK HTTP server: the API is a handful of JSON routes and needs no framework.
 * Reads are open; a write needs {@code Authorization: Bearer <token>} of a configured user, a signoff the role.
 */
public final class BalrogServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BalrogServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_ROLE = "admin";

    private final BalrogDatabase database;
    private final Map<String, User> tokens;
    private final LongSupplier clockMs;
    private final UpdateResolver resolver;
    private final HttpServer http;

    /**
     * @param tokens bearer token → user; tokens are secrets and never logged
     * @param dice   the background-rate roll (0..99); production passes a random one
     */
    public BalrogServer(BalrogDatabase database, Map<String, User> tokens, LongSupplier clockMs, IntSupplier dice,
                        Set<String> allowedDomains, String host, int port) throws IOException {
        this.database = database;
        this.tokens = Map.copyOf(tokens);
        this.clockMs = clockMs;
        this.resolver = new UpdateResolver(name -> database.release(name).map(Release::blob), dice, allowedDomains, database::pin);
        this.http = HttpServer.create(new InetSocketAddress(host, port), 0);
        http.createContext("/", this::handle);
        http.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "balrog-http");
            thread.setDaemon(true);
            return thread;
        }));
        http.start();
    }

    /** Opens (migrating) the database in {@code dataDir} and serves it; closing the server closes the database. */
    public static BalrogServer start(Path dataDir, Map<String, User> tokens, LongSupplier clockMs, IntSupplier dice,
                                     String host, int port) throws IOException {
        BalrogDatabase database = BalrogDatabase.open(dataDir);
        try {
            return new BalrogServer(database, tokens, clockMs, dice, Set.of(), host, port);
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public URI uri() {
        return URI.create("http://" + http.getAddress().getHostString() + ":" + http.getAddress().getPort());
    }

    public BalrogDatabase database() {
        return database;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (BalrogException e) {
                respondJson(exchange, e.status(), JSON.createObjectNode().put("exception", e.getMessage()));
            } catch (IllegalArgumentException e) {
                respondJson(exchange, 400, JSON.createObjectNode().put("exception", e.getMessage()));
            } catch (RuntimeException e) {
                LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                respondJson(exchange, 500, JSON.createObjectNode().put("exception", e.getMessage()));
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String[] p = path.substring(1).split("/");
        if (path.startsWith("/update/6/")) {
            requireMethod(method, "GET");
            // The raw path: the fields are decoded one by one, so an encoded "/" stays inside its field.
            UpdateQuery query = UpdateQuery.parse(exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery());
            Optional<UpdateXml.Update> update = resolver.resolve(database.rules(), query);
            respond(exchange, 200, "text/xml; charset=utf-8", UpdateXml.render(update).getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (path.equals("/v2/releases")) {
            requireMethod(method, "GET");
            ArrayNode releases = JSON.createArrayNode();
            for (Release r : database.releases()) {
                releases.addObject().put("name", r.name()).put("product", r.product()).put("data_version", r.dataVersion());
            }
            ObjectNode body = JSON.createObjectNode();
            body.set("releases", releases);
            respondJson(exchange, 200, body);
            return;
        }
        if (p.length == 3 && p[0].equals("v2") && p[1].equals("releases")) {
            releases(exchange, method, decode(p[2]));
            return;
        }
        if ((p.length == 3 && p[0].equals("releases") && p[2].equals("read_only"))
                || (p.length == 4 && p[0].equals("v2") && p[1].equals("releases") && p[3].equals("read_only"))) {
            requireMethod(method, "PUT");
            authenticate(exchange);
            JsonNode body = body(exchange);
            database.setReadOnly(decode(p[p.length - 2]), body.path("read_only").asBoolean(), requiredInt(body, "old_data_version"));
            respondJson(exchange, 200, JSON.createObjectNode());
            return;
        }
        if (p.length == 4 && p[0].equals("v2") && p[1].equals("releases") && p[3].equals("pinnable")) {
            requireMethod(method, "PUT");
            authenticate(exchange);
            JsonNode body = body(exchange);
            database.putPin(requiredText(body, "product"), requiredText(body, "channel"), requiredText(body, "version"), decode(p[2]));
            respondJson(exchange, 200, JSON.createObjectNode());
            return;
        }
        if (p[0].equals("rules")) {
            rules(exchange, method, p);
            return;
        }
        if (p.length >= 2 && p[0].equals("scheduled_changes") && p[1].equals("rules")) {
            scheduledChanges(exchange, method, p);
            return;
        }
        if (path.equals("/required_signoffs/product")) {
            if (method.equals("GET")) {
                ArrayNode rows = JSON.createArrayNode();
                for (RequiredSignoff r : database.requiredSignoffs()) {
                    rows.addObject().put("product", r.product()).put("channel", r.channel()).put("role", r.role())
                            .put("signoffs_required", r.signoffsRequired()).put("data_version", r.dataVersion());
                }
                ObjectNode body = JSON.createObjectNode().put("count", rows.size());
                body.set("required_signoffs", rows);
                respondJson(exchange, 200, body);
                return;
            }
            requireMethod(method, "POST");
            User user = authenticate(exchange);
            requireRole(user, ADMIN_ROLE);
            JsonNode body = body(exchange);
            String role = requiredText(body, "role");
            int required = requiredInt(body, "signoffs_required");
            long holders = tokens.values().stream().filter(u -> u.roles().contains(role)).map(User::name).distinct().count();
            if (required > holders) {
                // Balrog refuses a requirement nobody could ever meet.
                throw BalrogException.badRequest(required + " signoffs as " + role + " required, but only " + holders + " users hold the role");
            }
            database.putRequiredSignoff(requiredText(body, "product"), requiredText(body, "channel"), role, required);
            respondJson(exchange, 201, JSON.createObjectNode());
            return;
        }
        throw BalrogException.notFound(path);
    }

    private void releases(HttpExchange exchange, String method, String name) throws IOException {
        switch (method) {
            case "GET" -> {
                Release release = database.release(name).orElseThrow(() -> BalrogException.notFound("release " + name));
                ObjectNode body = JSON.createObjectNode().put("name", release.name()).put("product", release.product())
                        .put("read_only", release.readOnly());
                body.set("blob", release.blob());
                body.set("data_versions", release.dataVersions());
                respondJson(exchange, 200, body);
            }
            case "PUT", "POST" -> {
                authenticate(exchange);
                JsonNode body = body(exchange);
                if (!body.path("blob").isObject()) {
                    throw BalrogException.badRequest("blob must be a JSON object");
                }
                JsonNode old = body.get("old_data_versions");
                if (old != null && !old.isNull() && !old.isObject()) {
                    throw BalrogException.badRequest("old_data_versions must be an object like {\".\": 1, \"platforms\": {...}}");
                }
                String product = body.hasNonNull("product") ? body.get("product").asText() : null;
                boolean existed = database.release(name).isPresent();
                ObjectNode versions = method.equals("PUT")
                        ? database.putRelease(name, product, body.get("blob"), old)
                        : database.mergeRelease(name, body.get("blob"), old);
                respondJson(exchange, existed ? 200 : 201, versions);
            }
            default -> throw new BalrogException(405, method + " not allowed on /v2/releases/" + name);
        }
    }

    private void rules(HttpExchange exchange, String method, String[] p) throws IOException {
        if (p.length == 1) {
            if (method.equals("GET")) {
                ArrayNode rules = JSON.createArrayNode();
                database.rules().forEach(r -> rules.add(RuleJson.toJson(r)));
                ObjectNode body = JSON.createObjectNode().put("count", rules.size());
                body.set("rules", rules);
                respondJson(exchange, 200, body);
                return;
            }
            requireMethod(method, "POST");
            authenticate(exchange);
            Rule rule = RuleJson.fromJson(body(exchange));
            long id = database.createRule(new Rule(null, rule.alias(), rule.priority(), rule.mapping(), rule.fallbackMapping(),
                    rule.backgroundRate(), rule.updateType(), rule.product(), rule.version(), rule.buildID(), rule.channel(),
                    rule.buildTarget(), rule.locale(), rule.distribution(), rule.distVersion(), rule.osVersion(),
                    rule.instructionSet(), rule.memory(), rule.mig64(), rule.jaws(), rule.headerArchitecture(), rule.comment(), 1));
            respondJson(exchange, 200, JSON.createObjectNode().put("rule_id", id));
            return;
        }
        String id = decode(p[1]);
        switch (method) {
            case "GET" -> respondJson(exchange, 200,
                    RuleJson.toJson(database.rule(id).orElseThrow(() -> BalrogException.notFound("rule " + id))));
            case "POST", "PUT" -> {
                authenticate(exchange);
                JsonNode body = body(exchange);
                Rule updated = database.updateRule(id, body, requiredInt(body, "data_version"));
                respondJson(exchange, 200, JSON.createObjectNode().put("new_data_version", updated.dataVersion()));
            }
            case "DELETE" -> {
                authenticate(exchange);
                String version = queryParameters(exchange).get("data_version");
                if (version == null || !version.matches("\\d+")) {
                    throw BalrogException.badRequest("data_version query parameter is required");
                }
                database.deleteRule(id, Integer.parseInt(version));
                respondJson(exchange, 200, JSON.createObjectNode());
            }
            default -> throw new BalrogException(405, method + " not allowed on /rules/" + id);
        }
    }

    private void scheduledChanges(HttpExchange exchange, String method, String[] p) throws IOException {
        if (p.length == 2) {
            if (method.equals("GET")) {
                boolean all = "1".equals(queryParameters(exchange).get("all"));
                ArrayNode changes = JSON.createArrayNode();
                database.scheduledRuleChanges(all).forEach(c -> changes.add(toJson(c)));
                ObjectNode body = JSON.createObjectNode().put("count", changes.size());
                body.set("scheduled_changes", changes);
                respondJson(exchange, 200, body);
                return;
            }
            requireMethod(method, "POST");
            User user = authenticate(exchange);
            JsonNode body = body(exchange);
            String changeType = requiredText(body, "change_type");
            long when = requiredLong(body, "when");
            if (when <= clockMs.getAsLong()) {
                throw BalrogException.badRequest("when must be in the future (ms epoch), got " + when);
            }
            Long ruleId = body.hasNonNull("rule_id") ? body.get("rule_id").asLong() : null;
            Integer dataVersion = body.hasNonNull("data_version") ? body.get("data_version").asInt() : null;
            Rule rule;
            if (changeType.equals("insert")) {
                rule = RuleJson.fromJson(withoutScheduling(body)); // the new rule gets its id when enacted
            } else {
                if (ruleId == null) {
                    throw BalrogException.badRequest(changeType + " needs rule_id");
                }
                Rule current = database.rule(Long.toString(ruleId)).orElseThrow(() -> BalrogException.notFound("rule " + ruleId));
                rule = RuleJson.merge(current, withoutScheduling(body));
            }
            long scId = database.scheduleRuleChange(user.name(), changeType, when, rule, ruleId, dataVersion);
            // The scheduler signs off when they hold exactly one of the roles the change needs (Balrog does too).
            ScheduledRuleChange change = database.scheduledRuleChange(scId).orElseThrow();
            List<String> held = change.requiredSignoffs().keySet().stream().filter(user.roles()::contains).toList();
            if (held.size() == 1) {
                database.signOff(scId, user.name(), held.get(0));
            }
            respondJson(exchange, 200, toJson(database.scheduledRuleChange(scId).orElseThrow()));
            return;
        }
        long scId = parseId(p[2]);
        if (p.length == 3) {
            requireMethod(method, "GET");
            respondJson(exchange, 200, toJson(database.scheduledRuleChange(scId)
                    .orElseThrow(() -> BalrogException.notFound("scheduled change " + scId))));
            return;
        }
        if (p.length == 4 && p[3].equals("signoffs")) {
            User user = authenticate(exchange);
            if (method.equals("POST")) {
                String role = requiredText(body(exchange), "role");
                requireRole(user, role);
                database.signOff(scId, user.name(), role);
                respondJson(exchange, 200, toJson(database.scheduledRuleChange(scId).orElseThrow()));
                return;
            }
            requireMethod(method, "DELETE");
            String username = queryParameters(exchange).getOrDefault("username", user.name());
            if (!username.equals(user.name())) {
                requireRole(user, ADMIN_ROLE); // only an admin revokes someone else's signoff
            }
            database.revokeSignoff(scId, username);
            respondJson(exchange, 200, JSON.createObjectNode());
            return;
        }
        if (p.length == 4 && p[3].equals("enact")) {
            requireMethod(method, "POST");
            authenticate(exchange);
            database.enact(scId, clockMs.getAsLong());
            respondJson(exchange, 200, JSON.createObjectNode());
            return;
        }
        throw BalrogException.notFound(exchange.getRequestURI().getPath());
    }

    private static JsonNode withoutScheduling(JsonNode body) {
        ObjectNode fields = body.deepCopy();
        fields.remove(List.of("when", "change_type", "data_version", "rule_id", "sc_data_version", "data_verison"));
        return fields;
    }

    private static ObjectNode toJson(ScheduledRuleChange change) {
        ObjectNode json = RuleJson.toJson(change.rule());
        json.put("sc_id", change.scId());
        json.put("scheduled_by", change.scheduledBy());
        json.put("change_type", change.changeType());
        json.put("complete", change.complete());
        json.put("when", change.whenMs());
        json.put("sc_data_version", change.scDataVersion());
        if (change.baseRuleId() != null) {
            json.put("rule_id", change.baseRuleId());
        } else {
            json.remove("rule_id");
        }
        if (change.baseDataVersion() != null) {
            json.put("data_version", change.baseDataVersion());
        } else {
            json.remove("data_version");
        }
        ObjectNode signoffs = json.putObject("signoffs");
        change.signoffs().forEach(signoffs::put);
        ObjectNode required = json.putObject("required_signoffs");
        change.requiredSignoffs().forEach(required::put);
        return json;
    }

    // ---- plumbing

    private User authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            throw new BalrogException(401, "a bearer token is required");
        }
        User user = tokens.get(header.substring("Bearer ".length()).trim());
        if (user == null) {
            throw new BalrogException(401, "unknown bearer token"); // never echo the token
        }
        return user;
    }

    private static void requireRole(User user, String role) {
        if (!user.roles().contains(role)) {
            throw new BalrogException(403, user.name() + " does not hold the role " + role);
        }
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw new BalrogException(405, method + " not allowed here, use " + expected);
        }
    }

    private static long parseId(String text) {
        if (!text.matches("\\d+")) {
            throw BalrogException.badRequest("not a scheduled change id: " + text);
        }
        return Long.parseLong(text);
    }

    private static String requiredText(JsonNode body, String field) {
        if (!body.hasNonNull(field) || body.get(field).asText().isEmpty()) {
            throw BalrogException.badRequest(field + " is required");
        }
        return body.get(field).asText();
    }

    private static int requiredInt(JsonNode body, String field) {
        if (!body.hasNonNull(field) || !body.get(field).canConvertToInt()) {
            throw BalrogException.badRequest(field + " is required and must be an integer");
        }
        return body.get(field).asInt();
    }

    private static long requiredLong(JsonNode body, String field) {
        if (!body.hasNonNull(field) || !body.get(field).canConvertToLong()) {
            throw BalrogException.badRequest(field + " is required and must be an integer");
        }
        return body.get(field).asLong();
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(64 * 1024 * 1024);
            if (bytes.length == 0) {
                throw BalrogException.badRequest("a JSON body is required");
            }
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw BalrogException.badRequest("the body is not JSON: " + e.getMessage());
            }
        }
    }

    private static Map<String, String> queryParameters(HttpExchange exchange) {
        Map<String, String> parameters = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                parameters.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static void respondJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        respond(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
        database.close();
    }
}
