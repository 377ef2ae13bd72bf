package dev.keywarden.remediation.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slack's {@code auth.test} and {@code auth.revoke} as documented: Bearer token, form body, HTTP 200 even for errors
 * ({@code {"ok":false,"error":"invalid_auth"}}), and {@code test=true} answering as if revoked without revoking.
 */
public final class FakeSlack extends FakeServer {
    private final Map<String, String> tokens = new LinkedHashMap<>();

    public synchronized FakeSlack token(String token, String user) {
        tokens.put(token, user);
        return this;
    }

    public synchronized boolean live(String token) {
        return tokens.containsKey(token);
    }

    @Override
    protected Reply handle(Request r) {
        String id = nextRequestId();
        String auth = r.header("Authorization");
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
        if (!r.method().equals("POST")) {
            return Reply.json(200, Map.of("ok", false, "error", "method_not_supported"));
        }
        if (token == null) {
            return Reply.json(200, Map.of("ok", false, "error", "not_authed")).with("X-Slack-Req-Id", id);
        }
        if (!tokens.containsKey(token)) {
            return Reply.json(200, Map.of("ok", false, "error", "invalid_auth")).with("X-Slack-Req-Id", id);
        }
        if (r.path().equals("/api/auth.test")) {
            return Reply.json(200, Map.of("ok", true, "user", tokens.get(token), "team", "Acme", "user_id",
                    "U024BE7LH", "bot_id", "B0123")).with("X-Slack-Req-Id", id);
        }
        if (r.path().equals("/api/auth.revoke")) {
            boolean test = "true".equals(r.form().get("test")) || "1".equals(r.form().get("test"));
            if (!test) {
                tokens.remove(token);
            }
            return Reply.json(200, Map.of("ok", true, "revoked", !test)).with("X-Slack-Req-Id", id);
        }
        return Reply.json(200, Map.of("ok", false, "error", "unknown_method"));
    }
}
