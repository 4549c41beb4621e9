package dev.relpromo.balrog.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relpromo.balrog.Blobs;
import dev.relpromo.balrog.client.BalrogClient;
import dev.relpromo.balrog.client.BalrogClientException;
import dev.relpromo.balrog.client.DataVersionConflictException;
import dev.relpromo.balrog.client.RetryPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local server over real HTTP on a real H2 file database. */
class BalrogServerTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final Map<String, User> TOKENS = Map.of(
            "t-script", new User("balrogscript", Set.of()),
            "t-releng", new User("ryan", Set.of("releng")),
            "t-relman", new User("pascal", Set.of("relman")),
            "t-admin", new User("admin", Set.of("admin", "releng")));

    @TempDir
    Path dataDir;
    private final AtomicLong clock = new AtomicLong(NOW);
    private BalrogServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = BalrogServer.start(dataDir, TOKENS, clock::get, () -> 0, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private BalrogClient client(String token) {
        return BalrogClient.withToken(server.uri(), token, new RetryPolicy(1, 0, 0));
    }

    private HttpResponse<String> request(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.uri() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void releaseRoundTripAndStaleDataVersionIsAConflict() throws Exception {
        BalrogClient script = client("t-script");
        String name = "Firefox-130.0-build1";
        assertThat(script.release(name)).isEmpty();
        assertThat(script.putRelease(name, "Firefox", Blobs.release("130.0", "20240901000000", null), null))
                .isEqualTo(Blobs.JSON.readTree("{\".\":1,\"platforms\":{\"" + Blobs.WIN64 + "\":{\"locales\":{\"de\":1,\"en-US\":1}}}}"));

        BalrogClient.ReleaseState read = script.release(name).orElseThrow();
        assertThat(read.product()).isEqualTo("Firefox");
        assertThat(read.dataVersion()).isEqualTo(1);
        // Through JSON text: a long written as 60000000 reads back as an int node.
        assertThat(read.blob()).isEqualTo(Blobs.JSON.readTree(Blobs.release("130.0", "20240901000000", null).toString()));

        ObjectNode changed = read.blob().deepCopy().put("displayVersion", "130.0 (fixed)");
        ObjectNode afterBase = script.putRelease(name, "Firefox", changed, read.dataVersions());
        assertThat(afterBase.get(".").asInt()).isEqualTo(2);
        assertThat(afterBase.at("/platforms/" + Blobs.WIN64 + "/locales/de").asInt()).as("untouched locale").isEqualTo(1);
        assertThatThrownBy(() -> script.putRelease(name, "Firefox", changed.deepCopy().put("displayVersion", "x"), read.dataVersions()))
                .isInstanceOf(DataVersionConflictException.class).hasMessageContaining("data_version 2");
        assertThat(request("PUT", "/v2/releases/" + name, null, "{}").statusCode()).isEqualTo(401);
        assertThat(request("PUT", "/v2/releases/" + name, "nope", "{}").body()).doesNotContain("nope");

        // submit-locale: a POST deep-merges one locale in; a new locale needs no version, a changed one its own.
        ObjectNode fr = Blobs.JSON.createObjectNode();
        fr.putObject("platforms").putObject(Blobs.WIN64).putObject("locales").putObject("fr").put("buildID", "20240901000000");
        assertThat(script.postRelease(name, fr, null).at("/platforms/" + Blobs.WIN64 + "/locales/fr").asInt()).isEqualTo(1);
        ObjectNode de = Blobs.JSON.createObjectNode();
        de.putObject("platforms").putObject(Blobs.WIN64).putObject("locales").putObject("de").put("displayVersion", "130.0 DE");
        ObjectNode deVersion = (ObjectNode) Blobs.JSON.readTree("{\"platforms\":{\"" + Blobs.WIN64 + "\":{\"locales\":{\"de\":1}}}}");
        assertThat(script.postRelease(name, de, deVersion).at("/platforms/" + Blobs.WIN64 + "/locales/de").asInt()).isEqualTo(2);
        ObjectNode deAgain = de.deepCopy();
        deAgain.withObjectProperty("platforms").withObjectProperty(Blobs.WIN64).withObjectProperty("locales").withObjectProperty("de").put("displayVersion", "again");
        assertThatThrownBy(() -> script.postRelease(name, deAgain, deVersion)).isInstanceOf(DataVersionConflictException.class)
                .hasMessageContaining(".platforms." + Blobs.WIN64 + ".locales.de");

        JsonNode blob = script.release(name).orElseThrow().blob();
        assertThat(blob.at("/platforms/" + Blobs.WIN64 + "/locales").fieldNames()).toIterable().containsExactlyInAnyOrder("en-US", "de", "fr");
        assertThat(blob.at("/platforms/" + Blobs.WIN64 + "/locales/de/displayVersion").asText()).isEqualTo("130.0 DE");
        assertThat(blob.at("/platforms/" + Blobs.WIN64 + "/locales/de/buildID").asText()).as("merged, not replaced").isEqualTo("20240901000000");
        assertThat(blob.at("/platforms/" + Blobs.WIN64_ALIAS + "/alias").asText()).isEqualTo(Blobs.WIN64);
        assertThat(request("GET", "/v2/releases", null, null).body()).contains("\"data_version\":2");
        assertThat(request("POST", "/v2/releases/Firefox-1.0-build1", "t-script", "{\"blob\":{}}").statusCode()).isEqualTo(404);

        assertThat(request("PUT", "/v2/releases/" + name + "/read_only", "t-script", "{\"read_only\":true,\"old_data_version\":2}").statusCode())
                .isEqualTo(200);
        assertThatThrownBy(() -> script.postRelease(name, fr, null)).isInstanceOf(BalrogClientException.class).hasMessageContaining("read-only");
    }

    @Test
    void rulesRoundTrip() throws Exception {
        BalrogClient script = client("t-script");
        long id = script.createRule(Blobs.JSON.createObjectNode().put("priority", 100).put("backgroundRate", 100)
                .put("product", "Firefox").put("channel", "release-localtest").put("mapping", "Firefox-129.0-build1")
                .put("alias", "firefox-release-localtest"));
        ObjectNode rule = script.rule("firefox-release-localtest").orElseThrow();
        assertThat(rule.get("rule_id").asLong()).isEqualTo(id);
        assertThat(rule.get("data_version").asInt()).isEqualTo(1);
        assertThat(script.updateRule(Long.toString(id), Blobs.JSON.createObjectNode().put("mapping", "Firefox-130.0-build1"), 1)).isEqualTo(2);
        assertThat(script.rule(Long.toString(id)).orElseThrow().get("mapping").asText()).isEqualTo("Firefox-130.0-build1");
        assertThat(script.rule(Long.toString(id)).orElseThrow().get("channel").asText()).isEqualTo("release-localtest");
        assertThatThrownBy(() -> script.updateRule(Long.toString(id), Blobs.JSON.createObjectNode().put("mapping", "x"), 1))
                .isInstanceOf(DataVersionConflictException.class);
        assertThat(script.rules()).hasSize(1);
        assertThatThrownBy(() -> script.createRule(Blobs.JSON.createObjectNode().put("priority", 1)))
                .isInstanceOf(BalrogClientException.class).hasMessageContaining("backgroundRate");
    }

    /** release-balrog-scheduling: the rule changes when its time has come and relman + releng have signed off. */
    @Test
    void scheduledChangeIsEnactedOnlyAfterItsTimeAndEverySignoff() throws Exception {
        long ruleId = seedReleaseRule();
        BalrogAgent agent = new BalrogAgent(server.database(), clock::get);
        long when = NOW + 5 * 60_000;
        long scId = schedule(ruleId, when);

        ObjectNode pending = client("t-script").scheduledRuleChanges().get(0);
        assertThat(pending.get("required_signoffs")).isEqualTo(Blobs.JSON.readTree("{\"releng\":1,\"relman\":1}"));
        assertThat(pending.get("signoffs").size()).isZero();

        assertThat(agent.runOnce()).as("before its time, unsigned").isEmpty();
        clock.set(when);
        assertThat(agent.runOnce()).as("time has come, no signoffs").isEmpty();
        client("t-releng").signOff(scId, "releng");
        assertThat(agent.runOnce()).as("releng only").isEmpty();
        assertThatThrownBy(() -> client("t-releng").signOff(scId, "relman"))
                .isInstanceOf(BalrogClientException.class).hasMessageContaining("403");
        client("t-relman").signOff(scId, "relman");
        client("t-relman").revokeSignoff(scId, "pascal");
        assertThat(agent.runOnce()).as("relman revoked").isEmpty();
        assertThat(request("POST", "/scheduled_changes/rules/" + scId + "/enact", "t-script", null).statusCode()).isEqualTo(400);
        client("t-relman").signOff(scId, "relman");

        assertThat(agent.runOnce()).containsExactly(scId);
        ObjectNode rule = client("t-script").rule(Long.toString(ruleId)).orElseThrow();
        assertThat(rule.get("mapping").asText()).isEqualTo("Firefox-130.0-build1");
        assertThat(rule.get("fallbackMapping").asText()).isEqualTo("Firefox-129.0-build1");
        assertThat(rule.get("data_version").asInt()).isEqualTo(2);
        assertThat(client("t-script").scheduledRuleChanges()).isEmpty();
        assertThat(agent.runOnce()).isEmpty();

        String xml = request("GET", "/update/6/Firefox/129.0/20240801000000/" + Blobs.WIN64
                + "/de/release-cck-mozilla-EMEfree/default/default/mozilla-EMEfree/1.0/update.xml", null, null).body();
        assertThat(xml).contains("appVersion=\"130.0\"")
                .contains("URL=\"https://download.mozilla.org/?product=firefox-130.0-complete&amp;os=win64&amp;lang=de\"");
    }

    @Test
    void schedulerWithTheOneNeededRoleSignsOffAutomaticallyAndPastWhenIsRefused() throws Exception {
        long ruleId = seedReleaseRule();
        long scId = client("t-admin").scheduleRuleChange(change(ruleId, NOW + 1000)).get("sc_id").asLong();
        assertThat(client("t-script").scheduledRuleChanges().get(0).get("signoffs"))
                .isEqualTo(Blobs.JSON.readTree("{\"admin\":\"releng\"}"));
        assertThat(scId).isPositive();
        assertThatThrownBy(() -> client("t-script").scheduleRuleChange(change(ruleId, NOW - 1)))
                .isInstanceOf(BalrogClientException.class).hasMessageContaining("future");
    }

    @Test
    void scheduledInsertAndDeleteWithoutRequiredSignoffsWaitOnlyForTheirTime() throws Exception {
        BalrogAgent agent = new BalrogAgent(server.database(), clock::get);
        BalrogClient script = client("t-script");
        long insert = script.scheduleRuleChange(Blobs.JSON.createObjectNode().put("change_type", "insert")
                .put("when", NOW + 10).put("priority", 50).put("backgroundRate", 100).put("product", "Firefox")
                .put("channel", "beta").put("mapping", "Firefox-130.0b3-build1")).get("sc_id").asLong();
        assertThat(agent.runOnce()).isEmpty();
        clock.set(NOW + 10);
        assertThat(agent.runOnce()).containsExactly(insert);
        ObjectNode rule = script.rules().get(0);
        assertThat(rule.get("channel").asText()).isEqualTo("beta");

        long delete = script.scheduleRuleChange(Blobs.JSON.createObjectNode().put("change_type", "delete")
                .put("when", NOW + 20).put("rule_id", rule.get("rule_id").asLong()).put("data_version", 1)).get("sc_id").asLong();
        clock.set(NOW + 20);
        assertThat(agent.runOnce()).containsExactly(delete);
        assertThat(script.rules()).isEmpty();
    }

    @Test
    void restartKeepsReleasesRulesScheduledChangesAndSignoffs() throws Exception {
        long ruleId = seedReleaseRule();
        long scId = schedule(ruleId, NOW + 60_000);
        client("t-releng").signOff(scId, "releng");
        server.close();
        server = null;

        server = BalrogServer.start(dataDir, TOKENS, clock::get, () -> 0, "127.0.0.1", 0);
        BalrogClient script = client("t-script");
        assertThat(script.release("Firefox-130.0-build1")).isPresent();
        assertThat(script.release("Firefox-129.0-build1").orElseThrow().dataVersion()).isEqualTo(1);
        assertThat(script.rule(Long.toString(ruleId)).orElseThrow().get("mapping").asText()).isEqualTo("Firefox-129.0-build1");
        ObjectNode change = script.scheduledRuleChanges().get(0);
        assertThat(change.get("sc_id").asLong()).isEqualTo(scId);
        assertThat(change.get("signoffs")).isEqualTo(Blobs.JSON.readTree("{\"ryan\":\"releng\"}"));
        assertThat(request("GET", "/required_signoffs/product", null, null).body()).contains("\"relman\"");
        // New ids continue after the old ones.
        assertThat(script.createRule(Blobs.JSON.createObjectNode().put("priority", 1).put("backgroundRate", 100))).isGreaterThan(ruleId);
    }

    @Test
    void updateEndpointServesLocaltestAndNothingForTheCurrentBuild() throws Exception {
        seedReleaseRule();
        client("t-script").createRule(Blobs.JSON.createObjectNode().put("priority", 200).put("backgroundRate", 100)
                .put("product", "Firefox").put("channel", "release-localtest").put("mapping", "Firefox-130.0-build1"));
        String path = "/update/6/Firefox/129.0/20240801000000/" + Blobs.WIN64 + "/de/%s/default/default/default/default/update.xml";
        HttpResponse<String> localtest = request("GET", String.format(path, "release-localtest"), null, null);
        assertThat(localtest.statusCode()).isEqualTo(200);
        assertThat(localtest.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/xml"));
        assertThat(localtest.body()).contains("<patch type=\"complete\" URL=\"https://archive.mozilla.org/pub/firefox/candidates/130.0-candidates/build1/update/win64/de/firefox-130.0.complete.mar\"")
                .contains("type=\"partial\"");
        assertThat(request("GET", String.format(path, "release"), null, null).body())
                .isEqualTo("<?xml version=\"1.0\"?>\n<updates>\n</updates>\n");
        assertThat(request("GET", "/update/6/Firefox/update.xml", null, null).statusCode()).isEqualTo(400);

        // An install pinned to 129. on release is held at the pinned release once release moves on.
        client("t-script").putRelease("Firefox-129.0.2-build1", "Firefox", Blobs.release("129.0.2", "20240815000000", null), null);
        client("t-script").setPinnable("Firefox-129.0.2-build1", "Firefox", "release", "129.");
        long rule = client("t-script").rule("1").orElseThrow().get("rule_id").asLong();
        client("t-script").updateRule(Long.toString(rule), Blobs.JSON.createObjectNode().put("mapping", "Firefox-130.0-build1"), 1);
        assertThat(request("GET", String.format(path, "release") + "?pin=129.", null, null).body()).contains("appVersion=\"129.0.2\"");
        assertThat(request("GET", String.format(path, "release"), null, null).body()).contains("appVersion=\"130.0\"");
    }

    private long seedReleaseRule() throws Exception {
        BalrogClient script = client("t-script");
        script.putRelease("Firefox-129.0-build1", "Firefox", Blobs.release("129.0", "20240801000000", null), null);
        script.putRelease("Firefox-130.0-build1", "Firefox", Blobs.release("130.0", "20240901000000", "Firefox-129.0-build1"), null);
        for (String role : new String[] {"releng", "relman"}) {
            assertThat(request("POST", "/required_signoffs/product", "t-admin",
                    "{\"product\":\"Firefox\",\"channel\":\"release\",\"role\":\"" + role + "\",\"signoffs_required\":1}").statusCode())
                    .isEqualTo(201);
        }
        assertThat(request("POST", "/required_signoffs/product", "t-admin",
                "{\"product\":\"Firefox\",\"channel\":\"release\",\"role\":\"relman\",\"signoffs_required\":2}").body())
                .contains("only 1 users hold the role");
        assertThat(request("POST", "/required_signoffs/product", "t-script",
                "{\"product\":\"Firefox\",\"channel\":\"release\",\"role\":\"qa\",\"signoffs_required\":1}").statusCode()).isEqualTo(403);
        return script.createRule(Blobs.JSON.createObjectNode().put("priority", 100).put("backgroundRate", 100)
                .put("product", "Firefox").put("channel", "release").put("mapping", "Firefox-129.0-build1"));
    }

    private static ObjectNode change(long ruleId, long when) {
        // What balrogscript's ReleaseScheduler sends.
        return Blobs.JSON.createObjectNode().put("change_type", "update").put("when", when).put("rule_id", ruleId)
                .put("data_version", 1).put("mapping", "Firefox-130.0-build1").put("fallbackMapping", "Firefox-129.0-build1")
                .put("priority", 100).put("backgroundRate", 100);
    }

    private long schedule(long ruleId, long when) {
        return client("t-script").scheduleRuleChange(change(ruleId, when)).get("sc_id").asLong();
    }
}
