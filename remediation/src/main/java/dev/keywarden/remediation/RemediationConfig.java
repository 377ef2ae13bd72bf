package dev.keywarden.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code [remediation]} table of {@code .keywarden.toml}: where state and audit go, connector options (endpoint
 * overrides, which environment variable holds a credential) and routes from rules to connectors. Credentials are
 * never accepted here: a key that names one is an error pointing at the environment.
 *
 * <pre>
 * [remediation]
 * stateFile = ".keywarden/remediation/state.json"
 * auditLog = ".keywarden/remediation/audit.jsonl"
 *
 * [remediation.connectors.vault-kv]
 * endpoint = "https://vault.example.com:8200"
 * tokenEnv = "VAULT_TOKEN"
 *
 * [remediation.rules.github-pat]
 * revoker = "github"
 * store = "vault-kv"
 * target = "ci/github"
 * field = "token"
 * replacementEnv = "NEW_GITHUB_TOKEN"
 * </pre>
 */
public record RemediationConfig(Optional<Path> stateFile, Optional<Path> auditLog, Optional<Path> plugins,
                                Duration timeout, int retries, Duration retryDelay,
                                Map<String, Map<String, String>> connectors, Map<String, RuleRoute> rules) {

    /**
     * How one rule's findings are remediated.
     *
     * @param revoker        the revoker's id, when not the default one for the rule
     * @param store          the store holding the replacement, if any
     * @param target         the path in the store
     * @param fields         credential part to field in the store ({@code value} for single tokens)
     * @param replacementEnv an environment variable holding a replacement made by hand, for issuers without a
     *                       rotation API
     */
    public record RuleRoute(Optional<String> revoker, Optional<String> store, Optional<String> target,
                            Map<String, String> fields, Optional<String> replacementEnv) {
        public RuleRoute {
            fields = Map.copyOf(fields);
        }
    }

    private static final Set<String> TOP_KEYS = Set.of("stateFile", "auditLog", "plugins", "timeoutSeconds",
            "retries", "retryDelayMillis", "connectors", "rules");
    private static final Set<String> RULE_KEYS = Set.of("revoker", "store", "target", "field", "fields",
            "replacementEnv");
    /** Option names that would hold a credential. {@code tokenEnv} and the like name a variable and are fine. */
    private static final Pattern CREDENTIAL_KEY = Pattern.compile(
            "(?i).*(token|secret|password|passwd|credentials?|apikey|accesskey|privatekey)");

    public RemediationConfig {
        connectors = Map.copyOf(connectors);
        rules = Map.copyOf(rules);
    }

    public static RemediationConfig empty() {
        return new RemediationConfig(Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(30),
                2, Duration.ofMillis(500), Map.of(), Map.of());
    }

    public RuleRoute route(String ruleId) {
        return rules.getOrDefault(ruleId, new RuleRoute(Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of(), Optional.empty()));
    }

    public Map<String, String> connectorOptions(String id) {
        return connectors.getOrDefault(id, Map.of());
    }

    /** The {@code [remediation]} table of a config file; an empty configuration when it has none. */
    public static RemediationConfig load(Path file) throws RemediationException {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw RemediationException.usage(file + ": config file not found");
        } catch (IOException e) {
            throw RemediationException.usage(file + ": cannot read the configuration: "
                    + ProviderHttp.shorten(String.valueOf(e.getMessage())));
        }
        JsonNode table = root == null ? null : root.get("remediation");
        if (table == null) {
            return empty();
        }
        String where = file + ": [remediation]";
        if (!table.isObject()) {
            throw RemediationException.usage(where + " must be a table");
        }
        Fields top = new Fields(table, where);
        top.only(TOP_KEYS);
        Path dir = file.toAbsolutePath().getParent();
        Map<String, Map<String, String>> connectors = new LinkedHashMap<>();
        JsonNode c = table.get("connectors");
        if (c != null) {
            if (!c.isObject()) {
                throw RemediationException.usage(where + ": 'connectors' must be a table");
            }
            for (Map.Entry<String, JsonNode> e : c.properties()) {
                connectors.put(e.getKey(), options(file + ": [remediation.connectors." + e.getKey() + "]",
                        e.getValue()));
            }
        }
        Map<String, RuleRoute> rules = new LinkedHashMap<>();
        JsonNode r = table.get("rules");
        if (r != null) {
            if (!r.isObject()) {
                throw RemediationException.usage(where + ": 'rules' must be a table of rule ids");
            }
            for (Map.Entry<String, JsonNode> e : r.properties()) {
                rules.put(e.getKey(), route(file + ": [remediation.rules." + e.getKey() + "]", e.getValue()));
            }
        }
        return new RemediationConfig(top.text("stateFile").map(dir::resolve), top.text("auditLog").map(dir::resolve),
                top.text("plugins").map(dir::resolve), Duration.ofSeconds(top.number("timeoutSeconds", 30, 1, 600)),
                (int) top.number("retries", 2, 0, 10), Duration.ofMillis(top.number("retryDelayMillis", 500, 0,
                60_000)), connectors, rules);
    }

    private static Map<String, String> options(String where, JsonNode table) throws RemediationException {
        if (!table.isObject()) {
            throw RemediationException.usage(where + " must be a table");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : table.properties()) {
            if (CREDENTIAL_KEY.matcher(e.getKey()).matches()) {
                throw RemediationException.usage(where + ": '" + e.getKey() + "' would put a credential in the "
                        + "config file; credentials come from the environment (name the variable with '"
                        + e.getKey() + "Env', or use the provider's standard chain)");
            }
            if (!e.getValue().isValueNode()) {
                throw RemediationException.usage(where + ": '" + e.getKey() + "' must be a string, number or "
                        + "boolean");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static RuleRoute route(String where, JsonNode table) throws RemediationException {
        if (!table.isObject()) {
            throw RemediationException.usage(where + " must be a table");
        }
        Fields f = new Fields(table, where);
        f.only(RULE_KEYS);
        Map<String, String> fields = new LinkedHashMap<>();
        f.text("field").ifPresent(v -> fields.put("value", v));
        JsonNode map = table.get("fields");
        if (map != null) {
            if (!map.isObject()) {
                throw RemediationException.usage(where + ": 'fields' must be a table of part = field name");
            }
            map.properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
        }
        RuleRoute route = new RuleRoute(f.text("revoker"), f.text("store"), f.text("target"), fields,
                f.text("replacementEnv"));
        if (route.store().isPresent() != route.target().isPresent()) {
            throw RemediationException.usage(where + ": 'store' and 'target' go together");
        }
        return route;
    }

    /** Typed access to one table, errors naming the file and table. */
    private record Fields(JsonNode table, String where) {
        Fields {
            if (!table.isObject()) {
                throw new IllegalArgumentException(where + " must be a table");
            }
        }

        void only(Set<String> keys) throws RemediationException {
            for (Iterator<String> it = table.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!keys.contains(k)) {
                    throw RemediationException.usage(where + ": unknown key '" + k + "' (known keys: "
                            + String.join(", ", keys.stream().sorted().toList()) + ")");
                }
            }
        }

        Optional<String> text(String key) throws RemediationException {
            JsonNode v = table.get(key);
            if (v == null) {
                return Optional.empty();
            }
            if (!v.isTextual()) {
                throw RemediationException.usage(where + ": '" + key + "' must be a string");
            }
            return Optional.of(v.asText());
        }

        long number(String key, long fallback, long min, long max) throws RemediationException {
            JsonNode v = table.get(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
                throw RemediationException.usage(where + ": '" + key + "' must be an integer from " + min + " to "
                        + max);
            }
            return v.asLong();
        }
    }
}
