package dev.relpromo.balrog.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relpromo.balrog.aus.Rule;
import dev.relpromo.balrog.aus.RuleJson;
import dev.relpromo.balrog.aus.RuleMatching;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;

/**
 * The Balrog tables in an H2 file database under a data directory, migrated by Flyway on open. One connection,
 * every operation synchronized: the local server is a test and development tool, not a throughput one. Writes check
 * the {@code data_version} they were given and fail with 409 when it is stale, as Balrog does.
 */
public final class BalrogDatabase implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private final Connection connection;

    private BalrogDatabase(Connection connection) {
        this.connection = connection;
    }

    public static BalrogDatabase open(Path dataDir) {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("balrog") + ";AUTO_SERVER=FALSE";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        try {
            Connection connection = DriverManager.getConnection(url, "sa", "");
            connection.setAutoCommit(false);
            return new BalrogDatabase(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the Balrog database in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    // ---- releases

    public synchronized Optional<Release> release(String name) {
        return query("SELECT name, product, data, data_version, read_only FROM releases WHERE name = ?",
                List.of(name), this::release).stream().findFirst();
    }

    public synchronized List<Release> releases() {
        return query("SELECT name, product, data, data_version, read_only FROM releases ORDER BY name", List.of(), this::release);
    }

    private record Asset(JsonNode data, int dataVersion) {
    }

    private Map<String, Asset> assets(String name) {
        Map<String, Asset> assets = new TreeMap<>();
        query("SELECT path, data, data_version FROM release_assets WHERE name = ?", List.of(name),
                row -> assets.put(row.getString("path"), new Asset(read(row.getString("data")), row.getInt("data_version"))));
        return assets;
    }

    /**
     * Sets a release to exactly {@code blob} (Balrog v2 {@code PUT}): each changed part needs its version in
     * {@code oldDataVersions} ({@code "."} for the base, {@code platforms.<t>.locales.<l>} for a locale), a new part
     * none; unchanged parts are left alone; locales missing from {@code blob} are deleted.
     *
     * @return the release's data versions after the write
     */
    public synchronized ObjectNode putRelease(String name, String product, JsonNode blob, JsonNode oldDataVersions) {
        return transaction(() -> {
            Optional<Release> current = release(name);
            current.ifPresent(BalrogDatabase::checkWritable);
            if (current.isEmpty() && product == null) {
                throw BalrogException.badRequest("product is required to create release " + name);
            }
            ReleaseParts parts = ReleaseParts.split(blob);
            writeBase(name, current, product, parts.base(), ReleaseParts.baseVersion(oldDataVersions), false);
            Map<String, Asset> existing = assets(name);
            for (Map.Entry<String, JsonNode> asset : parts.assets().entrySet()) {
                writeAsset(name, asset.getKey(), existing.get(asset.getKey()), asset.getValue(),
                        ReleaseParts.assetVersion(oldDataVersions, asset.getKey()));
            }
            for (Map.Entry<String, Asset> old : existing.entrySet()) {
                if (!parts.assets().containsKey(old.getKey())) {
                    checkVersion("release " + name + " " + old.getKey(), old.getValue().dataVersion(),
                            ReleaseParts.assetVersion(oldDataVersions, old.getKey()));
                    update("DELETE FROM release_assets WHERE name = ? AND path = ?", List.of(name, old.getKey()));
                }
            }
            return dataVersions(name);
        });
    }

    /**
     * Deep-merges {@code blobPart} into an existing release (Balrog v2 {@code POST}, what submit-locale sends): each
     * part the merge changes needs its current version in {@code oldDataVersions}; a new locale needs none.
     */
    public synchronized ObjectNode mergeRelease(String name, JsonNode blobPart, JsonNode oldDataVersions) {
        return transaction(() -> {
            Release current = release(name).orElseThrow(() -> BalrogException.notFound("release " + name));
            checkWritable(current);
            ReleaseParts part = ReleaseParts.split(blobPart);
            Map<String, Asset> existing = assets(name);
            ObjectNode base = ReleaseParts.split(current.blob()).base();
            if (!part.base().isEmpty()) {
                ObjectNode merged = base.deepCopy();
                deepMerge(merged, part.base());
                writeBase(name, Optional.of(current), null, merged, ReleaseParts.baseVersion(oldDataVersions), true);
            }
            for (Map.Entry<String, JsonNode> asset : part.assets().entrySet()) {
                Asset old = existing.get(asset.getKey());
                JsonNode merged = asset.getValue();
                if (old != null && old.data() instanceof ObjectNode oldObject && asset.getValue().isObject()) {
                    ObjectNode copy = oldObject.deepCopy();
                    deepMerge(copy, asset.getValue());
                    merged = copy;
                }
                writeAsset(name, asset.getKey(), old, merged, ReleaseParts.assetVersion(oldDataVersions, asset.getKey()));
            }
            return dataVersions(name);
        });
    }

    private void writeBase(String name, Optional<Release> current, String product, JsonNode base, Integer oldVersion,
                           boolean merging) {
        if (current.isEmpty()) {
            if (oldVersion != null) {
                throw BalrogException.conflict("release " + name + " does not exist, yet old_data_versions names " + oldVersion);
            }
            update("INSERT INTO releases (name, product, data, data_version) VALUES (?, ?, ?, 1)", List.of(name, product, write(base)));
            return;
        }
        Release release = current.get();
        JsonNode currentBase = ReleaseParts.split(release.blob()).base();
        String newProduct = product == null ? release.product() : product;
        if (currentBase.equals(base) && newProduct.equals(release.product())) {
            return; // unchanged: no version needed, none bumped
        }
        checkVersion("release " + name, release.dataVersion(), oldVersion);
        update("UPDATE releases SET product = ?, data = ?, data_version = ? WHERE name = ?",
                List.of(newProduct, write(base), release.dataVersion() + 1, name));
    }

    private void writeAsset(String name, String path, Asset current, JsonNode data, Integer oldVersion) {
        if (current == null) {
            if (oldVersion != null) {
                throw BalrogException.conflict("release " + name + " has no " + path + ", yet old_data_versions names " + oldVersion);
            }
            update("INSERT INTO release_assets (name, path, data, data_version) VALUES (?, ?, ?, 1)", List.of(name, path, write(data)));
            return;
        }
        if (current.data().equals(data)) {
            return;
        }
        checkVersion("release " + name + " " + path, current.dataVersion(), oldVersion);
        update("UPDATE release_assets SET data = ?, data_version = ? WHERE name = ? AND path = ?",
                List.of(write(data), current.dataVersion() + 1, name, path));
    }

    private static void checkWritable(Release release) {
        if (release.readOnly()) {
            throw new BalrogException(403, "release " + release.name() + " is read-only");
        }
    }

    private ObjectNode dataVersions(String name) {
        Release release = release(name).orElseThrow(() -> BalrogException.notFound("release " + name));
        return release.dataVersions();
    }

    public synchronized void setReadOnly(String name, boolean readOnly, int oldDataVersion) {
        transaction(() -> {
            Release current = release(name).orElseThrow(() -> BalrogException.notFound("release " + name));
            checkVersion("release " + name, current.dataVersion(), oldDataVersion);
            update("UPDATE releases SET read_only = ?, data_version = data_version + 1 WHERE name = ?", List.of(readOnly, name));
            return null;
        });
    }

    static void deepMerge(ObjectNode target, JsonNode part) {
        part.properties().forEach(f -> {
            JsonNode existing = target.get(f.getKey());
            if (existing instanceof ObjectNode existingObject && f.getValue().isObject()) {
                deepMerge(existingObject, f.getValue());
            } else {
                target.set(f.getKey(), f.getValue().deepCopy());
            }
        });
    }

    // ---- pinnable releases

    /** Pins {@code version} (a prefix like {@code 130.}) on a product/channel to an existing release. */
    public synchronized void putPin(String product, String channel, String version, String mapping) {
        if (!version.matches("\\d+\\.(\\d+\\.)?")) {
            throw BalrogException.badRequest("a pin version is a prefix like 130. or 130.0., got " + version);
        }
        transaction(() -> {
            release(mapping).orElseThrow(() -> BalrogException.notFound("release " + mapping));
            int version0 = query("SELECT data_version FROM pinnable_releases WHERE product = ? AND channel = ? AND version = ?",
                    List.of(product, channel, version), row -> row.getInt(1)).stream().findFirst().orElse(0);
            update("MERGE INTO pinnable_releases (product, channel, version, mapping, data_version) KEY (product, channel, version) VALUES (?, ?, ?, ?, ?)",
                    List.of(product, channel, version, mapping, version0 + 1));
            return null;
        });
    }

    public synchronized Optional<String> pin(String product, String channel, String version) {
        return query("SELECT mapping FROM pinnable_releases WHERE product = ? AND channel = ? AND version = ?",
                List.of(product, channel, version), row -> row.getString(1)).stream().findFirst();
    }

    // ---- rules

    public synchronized List<Rule> rules() {
        return query("SELECT * FROM rules ORDER BY rule_id", List.of(), BalrogDatabase::rule);
    }

    /** A rule by its id or its alias. */
    public synchronized Optional<Rule> rule(String idOrAlias) {
        if (idOrAlias.matches("\\d+")) {
            return query("SELECT * FROM rules WHERE rule_id = ?", List.of(Long.parseLong(idOrAlias)), BalrogDatabase::rule)
                    .stream().findFirst();
        }
        return query("SELECT * FROM rules WHERE alias = ?", List.of(idOrAlias), BalrogDatabase::rule).stream().findFirst();
    }

    public synchronized long createRule(Rule rule) {
        return transaction(() -> insertRule(rule));
    }

    /** Applies the named fields to a rule, if {@code dataVersion} is its current one; returns the rule as it is now. */
    public synchronized Rule updateRule(String idOrAlias, JsonNode changes, int dataVersion) {
        return transaction(() -> updateRuleInTransaction(idOrAlias, changes, dataVersion));
    }

    public synchronized void deleteRule(String idOrAlias, int dataVersion) {
        transaction(() -> {
            Rule current = rule(idOrAlias).orElseThrow(() -> BalrogException.notFound("rule " + idOrAlias));
            checkVersion("rule " + idOrAlias, current.dataVersion(), dataVersion);
            update("DELETE FROM rules WHERE rule_id = ?", List.of(current.ruleId()));
            return null;
        });
    }

    private Rule updateRuleInTransaction(String idOrAlias, JsonNode changes, int dataVersion) {
        Rule current = rule(idOrAlias).orElseThrow(() -> BalrogException.notFound("rule " + idOrAlias));
        checkVersion("rule " + idOrAlias, current.dataVersion(), dataVersion);
        Rule updated = RuleJson.merge(current, changes).withRuleId(current.ruleId()).withDataVersion(current.dataVersion() + 1);
        update("DELETE FROM rules WHERE rule_id = ?", List.of(current.ruleId()));
        insertRule(updated);
        return updated;
    }

    private long insertRule(Rule rule) {
        List<Object> values = new ArrayList<>(ruleValues(rule));
        String columns = "alias, priority, mapping, fallback_mapping, background_rate, update_type, product, version, "
                + "build_id, channel, build_target, locale, distribution, dist_version, os_version, instruction_set, "
                + "memory, mig64, jaws, header_architecture, comment, data_version";
        String marks = "?, ".repeat(22);
        if (rule.ruleId() != null) {
            values.add(0, rule.ruleId());
            columns = "rule_id, " + columns;
            marks = "?, " + marks;
        }
        String sql = "INSERT INTO rules (" + columns + ") VALUES (" + marks.substring(0, marks.length() - 2) + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(statement, values);
            statement.executeUpdate();
            if (rule.ruleId() != null) {
                return rule.ruleId();
            }
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == 23505) {
                throw BalrogException.badRequest("rule alias " + rule.alias() + " is taken");
            }
            throw new IllegalStateException("cannot store rule: " + e.getMessage(), e);
        }
    }

    private static List<Object> ruleValues(Rule r) {
        List<Object> values = new ArrayList<>();
        values.add(r.alias());
        values.add(r.priority());
        values.add(r.mapping());
        values.add(r.fallbackMapping());
        values.add(r.backgroundRate());
        values.add(r.updateType());
        values.add(r.product());
        values.add(r.version());
        values.add(r.buildID());
        values.add(r.channel());
        values.add(r.buildTarget());
        values.add(r.locale());
        values.add(r.distribution());
        values.add(r.distVersion());
        values.add(r.osVersion());
        values.add(r.instructionSet());
        values.add(r.memory());
        values.add(r.mig64());
        values.add(r.jaws());
        values.add(r.headerArchitecture());
        values.add(r.comment());
        values.add(r.dataVersion());
        return values;
    }

    private static Rule rule(ResultSet row) throws SQLException {
        return new Rule(row.getLong("rule_id"), row.getString("alias"), row.getInt("priority"), row.getString("mapping"),
                row.getString("fallback_mapping"), row.getInt("background_rate"), row.getString("update_type"),
                row.getString("product"), row.getString("version"), row.getString("build_id"), row.getString("channel"),
                row.getString("build_target"), row.getString("locale"), row.getString("distribution"),
                row.getString("dist_version"), row.getString("os_version"), row.getString("instruction_set"),
                row.getString("memory"), (Boolean) row.getObject("mig64"), (Boolean) row.getObject("jaws"),
                row.getString("header_architecture"), row.getString("comment"), row.getInt("data_version"));
    }

    // ---- required signoffs

    public synchronized List<RequiredSignoff> requiredSignoffs() {
        return query("SELECT * FROM product_req_signoffs ORDER BY product, channel, role", List.of(),
                row -> new RequiredSignoff(row.getString("product"), row.getString("channel"), row.getString("role"),
                        row.getInt("signoffs_required"), row.getInt("data_version")));
    }

    public synchronized void putRequiredSignoff(String product, String channel, String role, int signoffsRequired) {
        if (signoffsRequired < 1) {
            throw BalrogException.badRequest("signoffs_required must be at least 1");
        }
        transaction(() -> {
            update("MERGE INTO product_req_signoffs (product, channel, role, signoffs_required, data_version) KEY (product, channel, role) VALUES (?, ?, ?, ?, 1)",
                    List.of(product, channel, role, signoffsRequired));
            return null;
        });
    }

    /** Per role, the maximum requirement over the product/channel rows matching any of the rules (Balrog's rule). */
    Map<String, Integer> requiredSignoffsFor(List<Rule> rules) {
        Map<String, Integer> required = new TreeMap<>();
        for (RequiredSignoff requirement : requiredSignoffs()) {
            for (Rule rule : rules) {
                boolean productMatches = rule.product() == null || rule.product().equals(requirement.product());
                boolean channelMatches = rule.channel() == null
                        || RuleMatching.matchChannel(requirement.channel(), rule.channel())
                        || RuleMatching.matchChannel(rule.channel(), requirement.channel());
                if (productMatches && channelMatches) {
                    required.merge(requirement.role(), requirement.signoffsRequired(), Math::max);
                }
            }
        }
        return required;
    }

    // ---- scheduled rule changes

    public synchronized long scheduleRuleChange(String scheduledBy, String changeType, long whenMs, Rule rule,
                                                Long baseRuleId, Integer baseDataVersion) {
        if (!List.of("insert", "update", "delete").contains(changeType)) {
            throw BalrogException.badRequest("change_type must be insert, update or delete, got " + changeType);
        }
        if (!changeType.equals("insert") && (baseRuleId == null || baseDataVersion == null)) {
            throw BalrogException.badRequest(changeType + " of a rule needs rule_id and data_version");
        }
        return transaction(() -> {
            if (baseRuleId != null) {
                Rule current = rule(Long.toString(baseRuleId)).orElseThrow(() -> BalrogException.notFound("rule " + baseRuleId));
                checkVersion("rule " + baseRuleId, current.dataVersion(), baseDataVersion);
            }
            long scId;
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO rules_scheduled_changes (scheduled_by, change_type, data_version, base_rule_id, base_data_version, base_data) VALUES (?, ?, 1, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                bind(statement, java.util.Arrays.asList(scheduledBy, changeType, baseRuleId, baseDataVersion, write(RuleJson.toJson(rule))));
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    keys.next();
                    scId = keys.getLong(1);
                }
            }
            update("INSERT INTO rules_scheduled_changes_conditions (sc_id, when_ms, data_version) VALUES (?, ?, 1)", List.of(scId, whenMs));
            return scId;
        });
    }

    public synchronized List<ScheduledRuleChange> scheduledRuleChanges(boolean includeComplete) {
        return loadScheduledChanges(includeComplete);
    }

    public synchronized Optional<ScheduledRuleChange> scheduledRuleChange(long scId) {
        return loadScheduledChanges(true).stream().filter(c -> c.scId() == scId).findFirst();
    }

    private List<ScheduledRuleChange> loadScheduledChanges(boolean includeComplete) {
        record Row(long scId, String by, String type, int version, Long baseId, Integer baseVersion, Rule rule, long when, boolean complete) {
        }
        List<Row> rows = query("SELECT c.*, w.when_ms FROM rules_scheduled_changes c JOIN rules_scheduled_changes_conditions w ON c.sc_id = w.sc_id"
                + (includeComplete ? "" : " WHERE NOT c.complete") + " ORDER BY c.sc_id", List.of(),
                row -> new Row(row.getLong("sc_id"), row.getString("scheduled_by"), row.getString("change_type"),
                        row.getInt("data_version"), (Long) row.getObject("base_rule_id"), (Integer) row.getObject("base_data_version"),
                        RuleJson.fromJson(read(row.getString("base_data"))), row.getLong("when_ms"), row.getBoolean("complete")));
        List<ScheduledRuleChange> changes = new ArrayList<>();
        for (Row row : rows) {
            Map<String, String> signoffs = new LinkedHashMap<>();
            query("SELECT username, role FROM rules_scheduled_changes_signoffs WHERE sc_id = ? ORDER BY username",
                    List.of(row.scId()), s -> signoffs.put(s.getString("username"), s.getString("role")));
            List<Rule> touched = new ArrayList<>(List.of(row.rule()));
            if (row.baseId() != null) {
                rule(Long.toString(row.baseId())).ifPresent(touched::add);
            }
            changes.add(new ScheduledRuleChange(row.scId(), row.by(), row.type(), row.version(), row.baseId(),
                    row.baseVersion(), row.rule(), row.when(), row.complete(), signoffs, requiredSignoffsFor(touched)));
        }
        return changes;
    }

    public synchronized void signOff(long scId, String username, String role) {
        transaction(() -> {
            ScheduledRuleChange change = scheduledRuleChange(scId).orElseThrow(() -> BalrogException.notFound("scheduled change " + scId));
            if (change.complete()) {
                throw BalrogException.badRequest("scheduled change " + scId + " is already enacted");
            }
            String existing = change.signoffs().get(username);
            if (existing != null && !existing.equals(role)) {
                throw BalrogException.badRequest(username + " already signed off on scheduled change " + scId + " as " + existing);
            }
            if (existing == null) {
                update("INSERT INTO rules_scheduled_changes_signoffs (sc_id, username, role) VALUES (?, ?, ?)", List.of(scId, username, role));
            }
            return null;
        });
    }

    public synchronized void revokeSignoff(long scId, String username) {
        transaction(() -> {
            update("DELETE FROM rules_scheduled_changes_signoffs WHERE sc_id = ? AND username = ?", List.of(scId, username));
            return null;
        });
    }

    /**
     * Carries out a scheduled change if it is ready at {@code nowMs}; a change that is not ready is refused with 400
     * naming what it still waits for.
     */
    public synchronized void enact(long scId, long nowMs) {
        transaction(() -> {
            ScheduledRuleChange change = scheduledRuleChange(scId).orElseThrow(() -> BalrogException.notFound("scheduled change " + scId));
            if (!change.isReady(nowMs)) {
                throw BalrogException.badRequest("scheduled change " + scId + " is not ready: when=" + change.whenMs()
                        + " now=" + nowMs + " signoffs=" + change.signoffs() + " required=" + change.requiredSignoffs());
            }
            switch (change.changeType()) {
                case "insert" -> insertRule(change.rule().withDataVersion(1));
                case "update" -> {
                    ObjectNode fields = RuleJson.toJson(change.rule());
                    updateRuleInTransaction(Long.toString(change.baseRuleId()), fields, change.baseDataVersion());
                }
                default -> {
                    Rule current = rule(Long.toString(change.baseRuleId())).orElseThrow(() -> BalrogException.notFound("rule " + change.baseRuleId()));
                    checkVersion("rule " + change.baseRuleId(), current.dataVersion(), change.baseDataVersion());
                    update("DELETE FROM rules WHERE rule_id = ?", List.of(current.ruleId()));
                }
            }
            update("UPDATE rules_scheduled_changes SET complete = TRUE, data_version = data_version + 1 WHERE sc_id = ?", List.of(scId));
            return null;
        });
    }

    // ---- plumbing

    private static void checkVersion(String what, int current, Integer given) {
        if (given == null) {
            throw BalrogException.conflict(what + " exists at data_version " + current + ": old_data_versions must name it");
        }
        if (current != given) {
            throw BalrogException.conflict(what + " is at data_version " + current + ", the request names " + given);
        }
    }

    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T transaction(Work<T> work) {
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("Balrog database: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rollback();
            throw e;
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original failure is the one worth reporting
        }
    }

    private <T> List<T> query(String sql, List<?> parameters, RowMapper<T> mapper) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Balrog database: " + e.getMessage(), e);
        }
    }

    private void update(String sql, List<?> parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Balrog database: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement statement, List<?> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value == null) {
                statement.setNull(i + 1, Types.NULL);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    private Release release(ResultSet row) throws SQLException {
        String name = row.getString("name");
        Map<String, Asset> assets = assets(name);
        Map<String, JsonNode> data = new TreeMap<>();
        Map<String, Integer> versions = new TreeMap<>();
        assets.forEach((path, asset) -> {
            data.put(path, asset.data());
            versions.put(path, asset.dataVersion());
        });
        int baseVersion = row.getInt("data_version");
        return new Release(name, row.getString("product"), ReleaseParts.assemble(read(row.getString("data")), data),
                baseVersion, ReleaseParts.dataVersions(baseVersion, versions), row.getBoolean("read_only"));
    }

    static String write(JsonNode json) {
        try {
            // Sorted keys: the stored text of a blob depends only on its content.
            return JSON.writeValueAsString(JSON.treeToValue(json, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the Balrog database: " + e.getMessage(), e);
        }
    }
}
