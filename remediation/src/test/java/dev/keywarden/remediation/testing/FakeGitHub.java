package dev.keywarden.remediation.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GitHub's credential revocation API as documented: {@code POST /credentials/revoke} unauthenticated (an
 * authenticated call is refused with 403), at most 1000 credentials, 202 and no per-token result, 422 on a bad body,
 * a rate limit per hour; {@code GET /user} as a token (200 with the login, 401 when revoked);
 * {@code DELETE /installation/token} for installation tokens.
 */
public final class FakeGitHub extends FakeServer {
    private final Map<String, String> liveTokens = new LinkedHashMap<>();
    private int revokeCallsLeft = 60;
    private String enterpriseToken;

    /** GitHub Enterprise Server 3.19: the revocation endpoint requires this token, and github.com's refusal ends. */
    public synchronized FakeGitHub enterprise(String operatorToken) {
        enterpriseToken = operatorToken;
        return this;
    }

    /** A live token belonging to {@code login}. */
    public synchronized FakeGitHub token(String token, String login) {
        liveTokens.put(token, login);
        return this;
    }

    public synchronized boolean live(String token) {
        return liveTokens.containsKey(token);
    }

    public synchronized void revokeCallsLeft(int n) {
        revokeCallsLeft = n;
    }

    @Override
    protected Reply handle(Request r) {
        String id = nextRequestId();
        if (r.method().equals("GET") && (r.path().equals("/user") || r.path().equals("/installation/repositories"))) {
            String token = bearer(r);
            if (token == null || !liveTokens.containsKey(token)) {
                return Reply.json(401, Map.of("message", "Bad credentials")).with("X-GitHub-Request-Id", id);
            }
            if (r.path().equals("/installation/repositories")) {
                return Reply.json(200, Map.of("total_count", 3)).with("X-GitHub-Request-Id", id);
            }
            return Reply.json(200, Map.of("login", liveTokens.get(token), "type", "User"))
                    .with("X-OAuth-Scopes", "repo, workflow").with("X-GitHub-Request-Id", id);
        }
        if (r.method().equals("POST") && r.path().equals("/credentials/revoke")) {
            if (enterpriseToken == null && r.header("Authorization") != null) {
                return Reply.json(403, Map.of("message", "Any authenticated requests will return a 403"))
                        .with("X-GitHub-Request-Id", id);
            }
            if (enterpriseToken != null && !("Bearer " + enterpriseToken).equals(r.header("Authorization"))) {
                return Reply.json(401, Map.of("message", "Requires authentication")).with("X-GitHub-Request-Id", id);
            }
            if (revokeCallsLeft <= 0) {
                return Reply.json(403, Map.of("message", "API rate limit exceeded for 127.0.0.1."))
                        .with("X-RateLimit-Remaining", "0").with("X-GitHub-Request-Id", id);
            }
            revokeCallsLeft--;
            JsonNode credentials = r.json().path("credentials");
            if (!credentials.isArray() || credentials.size() == 0 || credentials.size() > 1000) {
                return Reply.json(422, Map.of("message", "Validation Failed")).with("X-GitHub-Request-Id", id);
            }
            credentials.forEach(c -> liveTokens.remove(c.asText()));
            return Reply.json(202, Map.of()).with("X-GitHub-Request-Id", id);
        }
        if (r.method().equals("DELETE") && r.path().equals("/installation/token")) {
            String token = bearer(r);
            if (token == null || liveTokens.remove(token) == null) {
                return Reply.json(401, Map.of("message", "Bad credentials")).with("X-GitHub-Request-Id", id);
            }
            return Reply.empty(204).with("X-GitHub-Request-Id", id);
        }
        return Reply.json(404, Map.of("message", "Not Found"));
    }

    private static String bearer(Request r) {
        String auth = r.header("Authorization");
        if (auth == null) {
            return null;
        }
        int space = auth.indexOf(' ');
        return space < 0 ? null : auth.substring(space + 1);
    }
}
