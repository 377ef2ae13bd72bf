package dev.keywarden.remediation.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keywarden.remediation.Check;
import dev.keywarden.remediation.ConnectorException;
import dev.keywarden.remediation.ConnectorSettings;
import dev.keywarden.remediation.Issued;
import dev.keywarden.remediation.Leak;
import dev.keywarden.remediation.ProviderHttp;
import dev.keywarden.remediation.Receipt;
import dev.keywarden.remediation.Revoker;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Optional;

/**
 * GitLab personal access tokens, acting as the leaked token itself: {@code GET /personal_access_tokens/self} checks
 * it (200 with name, user, scopes, last use; 401 once revoked or expired), {@code DELETE .../self} revokes it (204),
 * {@code POST .../self/rotate} replaces it (the old token dies at once: no overlap). Rotation is never retried: GitLab
 * treats the rotation of an already revoked token as reuse and revokes the whole token family, the new token
 * included. Options: {@code endpoint} (default {@code https://gitlab.com/api/v4}), {@code expiresInDays} for the
 * rotated token.
 */
public final class GitLabRevoker implements Revoker {
    private final URI endpoint;
    private final Optional<String> expiresInDays;
    private final ProviderHttp http;

    GitLabRevoker(ConnectorSettings settings) throws ConnectorException {
        this.endpoint = settings.endpoint("endpoint", "https://gitlab.com/api/v4");
        this.expiresInDays = settings.option("expiresInDays");
        this.http = new ProviderHttp(settings.timeout(), "X-Request-Id");
    }

    @Override
    public String id() {
        return GitLabProvider.ID;
    }

    @Override
    public boolean accepts(Leak leak) {
        return leak.secret().startsWith("glpat-");
    }

    @Override
    public String target(Leak leak) {
        return "GitLab personal access token at " + endpoint.getHost();
    }

    @Override
    public Check check(Leak leak) throws ConnectorException {
        ProviderHttp.Response r = http.send(self(leak, "").GET().build(), "GitLab token check");
        if (r.status() == 401) {
            return Check.dead("GitLab answers 401: revoked or expired");
        }
        if (!r.ok()) {
            return Check.unknown("GitLab answered HTTP " + r.status());
        }
        JsonNode t = r.json();
        if (t.path("revoked").asBoolean(false) || !t.path("active").asBoolean(true)) {
            return Check.dead("revoked or inactive");
        }
        Check live = Check.live("user " + t.path("user_id").asText("?"), "token '" + t.path("name").asText()
                + "' (id " + t.path("id").asText() + "), scopes " + t.path("scopes") + ", expires "
                + t.path("expires_at").asText("never"));
        return t.path("last_used_at").isTextual() ? live.withLastUsed(t.path("last_used_at").asText()) : live;
    }

    @Override
    public Receipt revoke(Leak leak) throws ConnectorException {
        ProviderHttp.Response r = http.send(self(leak, "").DELETE().build(), "GitLab token revoke");
        if (r.status() == 204) {
            return new Receipt(r.requestId(), "revoked (204)");
        }
        if (r.status() == 401) {
            return new Receipt(r.requestId(), "already revoked or expired (401)");
        }
        throw ProviderHttp.failure("GitLab token revoke", r, message(r));
    }

    @Override
    public Rotation rotation() {
        return Rotation.REPLACE;
    }

    /** One call, never repeated: see the class comment. */
    @Override
    public Issued issue(Leak leak) throws ConnectorException {
        String query = expiresInDays.map(days -> "?expires_at=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                .plusDays(Long.parseLong(days))).orElse("");
        ProviderHttp.Response r = http.send(self(leak, "/rotate" + query)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), "GitLab token rotate");
        if (r.status() != 200) {
            throw ProviderHttp.failure("GitLab token rotate", r, message(r));
        }
        JsonNode t = r.json();
        String token = t.path("token").asText("");
        if (token.isEmpty()) {
            throw new ConnectorException(ConnectorException.Kind.SERVER, "GitLab token rotate: the answer holds no "
                    + "token", r.requestId());
        }
        return new Issued(Map.of("value", token), "token id " + t.path("id").asText() + ", expires "
                + t.path("expires_at").asText("never"), r.requestId());
    }

    private HttpRequest.Builder self(Leak leak, String suffix) {
        return http.request(URI.create(endpoint + "/personal_access_tokens/self" + suffix))
                .header("PRIVATE-TOKEN", leak.secret());
    }

    private static String message(ProviderHttp.Response r) {
        try {
            JsonNode j = r.json();
            return j.path("message").isTextual() ? j.path("message").asText() : j.path("error").asText("");
        } catch (ConnectorException e) {
            return "";
        }
    }
}
