package dev.keywarden.remediation.vaultkv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keywarden.remediation.ConnectorException;
import dev.keywarden.remediation.ConnectorSettings;
import dev.keywarden.remediation.ProviderHttp;
import dev.keywarden.remediation.Receipt;
import dev.keywarden.remediation.Store;
import dev.keywarden.remediation.StoreTarget;
import dev.keywarden.remediation.vault.VaultApi;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Vault KV version 2 secret as the store of a replacement. Reads the current version, writes a new version with
 * {@code options.cas} set to it (so a concurrent change is never overwritten) keeping the secret's other fields, and
 * when a write is repeated — or lost to a dropped connection — tells "already written" from "changed meanwhile" by
 * reading what is there. Options: {@code endpoint} (else {@code VAULT_ADDR}), {@code mount} (default {@code secret}),
 * {@code namespace}, {@code tokenEnv} (default {@code VAULT_TOKEN}).
 */
public final class VaultKvStore implements Store {
    static final String CAS_MISMATCH = "check-and-set parameter did not match the current version";

    private final VaultApi vault;
    private final String mount;
    private final String token;

    VaultKvStore(ConnectorSettings settings) throws ConnectorException {
        this.vault = new VaultApi(settings);
        this.mount = trim(settings.option("mount", "secret"));
        this.token = settings.credential("tokenEnv", "VAULT_TOKEN");
    }

    @Override
    public String id() {
        return VaultKvProvider.ID;
    }

    /** The current version and its data; version 0 and no data when the secret does not exist. */
    private record Current(long version, Map<String, String> data) {
    }

    @Override
    public String inspect(StoreTarget target) throws ConnectorException {
        ProviderHttp.Response r = vault.send(vault.request(mount + "/metadata/" + trim(target.path()), token).GET()
                .build(), "Vault KV metadata read");
        if (r.status() == 404) {
            return "new secret at " + vault.host() + " " + mount + "/" + trim(target.path());
        }
        if (!r.ok()) {
            throw VaultApi.failure("Vault KV metadata read", r);
        }
        JsonNode data = r.json().path("data");
        return "version " + data.path("current_version").asLong() + " at " + vault.host() + " " + mount + "/"
                + trim(target.path()) + (data.path("cas_required").asBoolean() ? ", cas required" : "");
    }

    @Override
    public Receipt put(StoreTarget target, Map<String, String> values, String idempotencyKey)
            throws ConnectorException {
        String path = trim(target.path());
        Current current = read(path);
        Map<String, String> wanted = new LinkedHashMap<>();
        values.forEach((part, value) -> wanted.put(target.field(part), value));
        if (holds(current, wanted)) {
            return Receipt.of(null, "version " + current.version() + " already holds the replacement");
        }
        ObjectNode body = ProviderHttp.JSON.createObjectNode();
        body.putObject("options").put("cas", current.version());
        ObjectNode data = body.putObject("data");
        current.data().forEach(data::put);
        wanted.forEach(data::put);
        ProviderHttp.Response r = vault.send(vault.request(mount + "/data/" + path, token)
                .header("Content-Type", "application/json").POST(ProviderHttp.json(body)).build(), "Vault KV write");
        if (r.ok()) {
            long version = r.json().path("data").path("version").asLong();
            return new Receipt(VaultApi.requestId(r), "version " + version + " written with cas "
                    + current.version());
        }
        if (r.status() == 400 && VaultApi.errors(r).stream().anyMatch(e -> e.contains(CAS_MISMATCH))) {
            Current now = read(path);
            if (holds(now, wanted)) {
                return new Receipt(VaultApi.requestId(r), "version " + now.version() + " already holds the "
                        + "replacement");
            }
            throw new ConnectorException(ConnectorException.Kind.CONFLICT, "Vault KV write: " + mount + "/" + path
                    + " changed while keywarden wrote it (now version " + now.version() + "); nothing was "
                    + "overwritten: check it and run again", VaultApi.requestId(r));
        }
        throw VaultApi.failure("Vault KV write", r);
    }

    private Current read(String path) throws ConnectorException {
        ProviderHttp.Response r = vault.send(vault.request(mount + "/data/" + path, token).GET().build(),
                "Vault KV read");
        if (r.status() == 404) {
            Optional<Long> deleted = Optional.empty();
            // a deleted or destroyed latest version reads as 404 too; its metadata still counts the versions
            ProviderHttp.Response meta = vault.send(vault.request(mount + "/metadata/" + path, token).GET().build(),
                    "Vault KV metadata read");
            if (meta.ok()) {
                deleted = Optional.of(meta.json().path("data").path("current_version").asLong());
            }
            return new Current(deleted.orElse(0L), Map.of());
        }
        if (!r.ok()) {
            throw VaultApi.failure("Vault KV read", r);
        }
        JsonNode data = r.json().path("data");
        Map<String, String> fields = new LinkedHashMap<>();
        data.path("data").properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
        return new Current(data.path("metadata").path("version").asLong(), fields);
    }

    private static boolean holds(Current current, Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(current.data().get(e.getKey())));
    }

    private static String trim(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
