package dev.keywarden.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Typed, checked access to one TOML table, with errors that name the file, the rule and the key. */
final class TomlFields {
    private final ObjectNode table;
    private final String file;
    private final Optional<String> ruleId;
    private final String where;

    TomlFields(ObjectNode table, String file, Optional<String> ruleId, String where) {
        this.table = table;
        this.file = file;
        this.ruleId = ruleId;
        this.where = where;
    }

    ConfigException error(String reason) {
        return new ConfigException(file, ruleId, reason);
    }

    /** Rejects keys that are not in {@code allowed}, naming the first unknown one. */
    void onlyKeys(Set<String> allowed) throws ConfigException {
        Iterator<String> names = table.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!allowed.contains(key)) {
                throw error("unknown key '" + key + "' in " + where + " (known keys: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    boolean has(String key) {
        return table.has(key) && !table.get(key).isNull();
    }

    JsonNode node(String key) {
        return table.get(key);
    }

    Optional<String> string(String key) throws ConfigException {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode value = table.get(key);
        if (!value.isTextual()) {
            throw error("key '" + key + "' in " + where + " must be a string");
        }
        return Optional.of(value.asText());
    }

    String requiredString(String key) throws ConfigException {
        return string(key).orElseThrow(() -> error("missing required key '" + key + "' in " + where));
    }

    Optional<Double> number(String key) throws ConfigException {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode value = table.get(key);
        if (!value.isNumber()) {
            throw error("key '" + key + "' in " + where + " must be a number");
        }
        return Optional.of(value.asDouble());
    }

    Optional<Integer> integer(String key) throws ConfigException {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode value = table.get(key);
        if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > Integer.MAX_VALUE) {
            throw error("key '" + key + "' in " + where + " must be a non-negative integer");
        }
        return Optional.of(value.asInt());
    }

    Optional<Boolean> bool(String key) throws ConfigException {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode value = table.get(key);
        if (!value.isBoolean()) {
            throw error("key '" + key + "' in " + where + " must be true or false");
        }
        return Optional.of(value.asBoolean());
    }

    List<String> strings(String key) throws ConfigException {
        if (!has(key)) {
            return List.of();
        }
        JsonNode value = table.get(key);
        if (!value.isArray()) {
            throw error("key '" + key + "' in " + where + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw error("key '" + key + "' in " + where + " must be an array of strings");
            }
            out.add(element.asText());
        }
        return out;
    }

    /** An array of tables ({@code [[x]]}) or a single table ({@code [x]}), as a list. */
    List<ObjectNode> tables(String key) throws ConfigException {
        if (!has(key)) {
            return List.of();
        }
        JsonNode value = table.get(key);
        if (value.isObject()) {
            return List.of((ObjectNode) value);
        }
        if (!value.isArray()) {
            throw error("key '" + key + "' in " + where + " must be a table or an array of tables");
        }
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isObject()) {
                throw error("key '" + key + "' in " + where + " must be an array of tables");
            }
            out.add((ObjectNode) element);
        }
        return out;
    }
}
