package dev.keywarden.remediation.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Vault's KV v2 engine (mounted at {@code secret/}) and token auth, as documented: versions and check-and-set
 * ({@code cas} must equal the current version, {@code 0} writes only a new secret, {@code cas_required} refuses a
 * write without it, with Vault's own error strings), 404 {@code {"errors":[]}} for a missing secret, 403
 * {@code permission denied} for a bad token; {@code auth/token/lookup-self} and {@code revoke-self}. Every JSON
 * answer carries a {@code request_id}.
 */
public final class FakeVault extends FakeServer {
    private final Set<String> operatorTokens = new LinkedHashSet<>();
    private final Map<String, String> liveTokens = new LinkedHashMap<>();
    private final Map<String, List<Map<String, String>>> secrets = new LinkedHashMap<>();
    private final Set<String> casRequired = new LinkedHashSet<>();

    /** A token allowed to read and write KV. */
    public synchronized FakeVault operator(String token) {
        operatorTokens.add(token);
        return this;
    }

    /** A live token (for lookup-self and revoke-self) with a display name. */
    public synchronized FakeVault token(String token, String displayName) {
        liveTokens.put(token, displayName);
        return this;
    }

    public synchronized boolean live(String token) {
        return liveTokens.containsKey(token);
    }

    /** Seeds a secret with one version. */
    public synchronized FakeVault secret(String path, Map<String, String> data) {
        secrets.put(path, new ArrayList<>(List.of(data)));
        return this;
    }

    public synchronized FakeVault casRequired(String path) {
        casRequired.add(path);
        return this;
    }

    public synchronized List<Map<String, String>> versions(String path) {
        return List.copyOf(secrets.getOrDefault(path, List.of()));
    }

    private final Map<String, Map<String, String>> races = new LinkedHashMap<>();

    /** Another writer changes the secret just before the next write to it arrives, as a concurrent rotation would. */
    public synchronized void raceNextWrite(String path, Map<String, String> data) {
        races.put(path, data);
    }

    @Override
    protected Reply handle(Request r) {
        String id = nextRequestId();
        String token = r.header("X-Vault-Token");
        String p = r.path();
        if (p.equals("/v1/auth/token/lookup-self") || p.equals("/v1/auth/token/revoke-self")) {
            if (token == null || !liveTokens.containsKey(token)) {
                return errors(403, "permission denied");
            }
            if (p.endsWith("revoke-self")) {
                liveTokens.remove(token);
                return Reply.empty(204);
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("display_name", liveTokens.get(token));
            data.put("policies", List.of("default", "deploy"));
            data.put("expire_time", "2027-01-01T00:00:00Z");
            return Reply.json(200, Map.of("request_id", id, "data", data));
        }
        if (token == null || !operatorTokens.contains(token)) {
            return errors(403, "permission denied");
        }
        if (p.startsWith("/v1/secret/metadata/")) {
            String path = p.substring("/v1/secret/metadata/".length());
            List<Map<String, String>> versions = secrets.get(path);
            if (versions == null) {
                return errors(404);
            }
            return Reply.json(200, Map.of("request_id", id, "data", Map.of("current_version", versions.size(),
                    "oldest_version", 1, "cas_required", casRequired.contains(path))));
        }
        if (p.startsWith("/v1/secret/data/")) {
            String path = p.substring("/v1/secret/data/".length());
            List<Map<String, String>> versions = secrets.get(path);
            if (r.method().equals("GET")) {
                if (versions == null || versions.isEmpty()) {
                    return errors(404);
                }
                return Reply.json(200, Map.of("request_id", id, "data", Map.of("data", versions.get(versions.size()
                        - 1), "metadata", Map.of("version", versions.size(), "created_time", Instant.EPOCH
                        .toString(), "destroyed", false, "deletion_time", ""))));
            }
            if (r.method().equals("POST") || r.method().equals("PUT")) {
                Map<String, String> race = races.remove(path);
                if (race != null) {
                    versions = secrets.computeIfAbsent(path, k -> new ArrayList<>());
                    versions.add(race);
                }
                JsonNode body = r.json();
                int current = versions == null ? 0 : versions.size();
                JsonNode cas = body.path("options").path("cas");
                if (cas.isMissingNode() && casRequired.contains(path)) {
                    return errors(400, "check-and-set parameter required for this call");
                }
                if (!cas.isMissingNode() && cas.asInt() != current) {
                    return errors(400, "check-and-set parameter did not match the current version");
                }
                Map<String, String> data = new LinkedHashMap<>();
                body.path("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText()));
                secrets.computeIfAbsent(path, k -> new ArrayList<>()).add(data);
                return Reply.json(200, Map.of("request_id", id, "data", Map.of("version", current + 1,
                        "created_time", Instant.EPOCH.toString(), "destroyed", false, "deletion_time", "")));
            }
        }
        return errors(404);
    }

    private static Reply errors(int status, String... messages) {
        return Reply.json(status, Map.of("errors", List.of(messages)));
    }
}
