package dev.keywarden.remediation;

import java.util.Map;
import java.util.Objects;

/**
 * Where a store keeps the replacement: a path (Vault KV path, Secrets Manager secret id) and how the credential's
 * parts map to fields there ({@code value} for a single token; {@code accessKeyId}, {@code secretAccessKey} for an
 * AWS key). A part without a mapping is written under its own name; an empty field name means "the whole value".
 */
public record StoreTarget(String path, Map<String, String> fields) {
    public StoreTarget {
        Objects.requireNonNull(path, "path");
        fields = Map.copyOf(fields);
    }

    public String field(String part) {
        return fields.getOrDefault(part, part);
    }

    @Override
    public String toString() {
        return path + (fields.isEmpty() ? "" : " " + fields);
    }
}
