package dev.keywarden.remediation.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GitLab's personal access token API under {@code /api/v4}, as documented: {@code GET /personal_access_tokens/self}
 * (401 once revoked), {@code DELETE .../self} (204), {@code POST .../self/rotate} (200 with the new token; the old one
 * is revoked at once) — and reuse detection: rotating an already revoked token revokes every token of its family.
 */
public final class FakeGitLab extends FakeServer {
    private record Pat(int id, String name, int userId, int family, boolean revoked) {
        Pat revoke() {
            return new Pat(id, name, userId, family, true);
        }
    }

    private final Map<String, Pat> tokens = new LinkedHashMap<>();
    private final Supplier<String> newTokens;
    private int ids = 100;

    /** @param newTokens makes the tokens rotation hands out */
    public FakeGitLab(Supplier<String> newTokens) {
        this.newTokens = newTokens;
    }

    public synchronized FakeGitLab token(String token, String name, int userId) {
        int id = ++ids;
        tokens.put(token, new Pat(id, name, userId, id, false));
        return this;
    }

    public synchronized boolean live(String token) {
        Pat p = tokens.get(token);
        return p != null && !p.revoked();
    }

    /** The tokens alive now, in order of creation. */
    public synchronized List<String> liveTokens() {
        return tokens.entrySet().stream().filter(e -> !e.getValue().revoked()).map(Map.Entry::getKey).toList();
    }

    @Override
    protected Reply handle(Request r) {
        String id = nextRequestId();
        if (!r.path().startsWith("/api/v4/personal_access_tokens/self")) {
            return Reply.json(404, Map.of("message", "404 Not Found"));
        }
        String token = r.header("PRIVATE-TOKEN");
        Pat pat = token == null ? null : tokens.get(token);
        if (pat == null) {
            return unauthorized(id);
        }
        if (pat.revoked()) {
            if (r.path().endsWith("/rotate") && r.method().equals("POST")) {
                tokens.replaceAll((t, p) -> p.family() == pat.family() ? p.revoke() : p); // reuse detected
            }
            return unauthorized(id);
        }
        if (r.method().equals("GET") && r.path().equals("/api/v4/personal_access_tokens/self")) {
            return Reply.json(200, body(pat, null)).with("X-Request-Id", id);
        }
        if (r.method().equals("DELETE") && r.path().equals("/api/v4/personal_access_tokens/self")) {
            tokens.put(token, pat.revoke());
            return Reply.empty(204).with("X-Request-Id", id);
        }
        if (r.method().equals("POST") && r.path().equals("/api/v4/personal_access_tokens/self/rotate")) {
            tokens.put(token, pat.revoke());
            String fresh = newTokens.get();
            Pat next = new Pat(++ids, pat.name(), pat.userId(), pat.family(), false);
            tokens.put(fresh, next);
            return Reply.json(200, body(next, fresh)).with("X-Request-Id", id);
        }
        return Reply.json(405, Map.of("message", "405 Method Not Allowed"));
    }

    private static Map<String, Object> body(Pat p, String token) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", p.id());
        b.put("name", p.name());
        b.put("revoked", p.revoked());
        b.put("created_at", "2026-10-01T00:00:00.000Z");
        b.put("scopes", List.of("api"));
        b.put("user_id", p.userId());
        b.put("last_used_at", "2026-11-28T17:00:00.000Z");
        b.put("active", !p.revoked());
        b.put("expires_at", "2027-01-01");
        if (token != null) {
            b.put("token", token);
        }
        return b;
    }

    private static Reply unauthorized(String id) {
        return Reply.json(401, Map.of("message", "401 Unauthorized")).with("X-Request-Id", id);
    }
}
