package dev.keywarden.remediation.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keywarden.remediation.BatchRevoker;
import dev.keywarden.remediation.Check;
import dev.keywarden.remediation.ConnectorException;
import dev.keywarden.remediation.ConnectorSettings;
import dev.keywarden.remediation.Leak;
import dev.keywarden.remediation.ProviderHttp;
import dev.keywarden.remediation.Receipt;
import dev.keywarden.remediation.Revoker;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub tokens. Revokes through {@code POST /credentials/revoke} (unauthenticated on github.com, up to 1000
 * credentials a call, answered 202 and carried out asynchronously; GitHub e-mails the owner), except installation
 * tokens ({@code ghs_}), which revoke themselves with {@code DELETE /installation/token}. Checks with
 * {@code GET /user} as the token: 200 live (with the login), 401 dead. GitHub has no API to issue a replacement.
 *
 * <p>Options: {@code endpoint} (GitHub Enterprise Server: {@code https://HOST/api/v3}), {@code apiVersion},
 * {@code tokenEnv}: a variable holding a token to authenticate the revoke call, which GHES requires and github.com
 * refuses.
 */
public final class GitHubRevoker implements Revoker, BatchRevoker {
    static final List<String> REVOCABLE = List.of("ghp_", "github_pat_", "gho_", "ghu_", "ghr_");
    static final String INSTALLATION = "ghs_";

    private final URI endpoint;
    private final String apiVersion;
    private final Optional<String> operatorToken;
    private final ProviderHttp http;

    GitHubRevoker(ConnectorSettings settings) throws ConnectorException {
        this.endpoint = settings.endpoint("endpoint", "https://api.github.com");
        this.apiVersion = settings.option("apiVersion", "2022-11-28");
        this.operatorToken = settings.option("tokenEnv").flatMap(settings::env);
        if (settings.option("tokenEnv").isPresent() && operatorToken.isEmpty()) {
            throw new ConnectorException(ConnectorException.Kind.AUTH, "github: the environment variable "
                    + settings.option("tokenEnv").get() + " named by tokenEnv is not set");
        }
        this.http = new ProviderHttp(settings.timeout(), "X-GitHub-Request-Id");
    }

    @Override
    public String id() {
        return GitHubProvider.ID;
    }

    @Override
    public boolean accepts(Leak leak) {
        return REVOCABLE.stream().anyMatch(leak.secret()::startsWith) || leak.secret().startsWith(INSTALLATION);
    }

    @Override
    public String target(Leak leak) {
        return "GitHub token at " + endpoint.getHost();
    }

    @Override
    public Check check(Leak leak) throws ConnectorException {
        if (leak.secret().startsWith("ghr_")) {
            return Check.unknown("a refresh token cannot call the API; it dies with revocation");
        }
        boolean installation = leak.secret().startsWith(INSTALLATION);
        URI uri = endpoint.resolve(endpoint.getPath() + (installation ? "/installation/repositories?per_page=1"
                : "/user"));
        ProviderHttp.Response r = http.send(github(uri).header("Authorization", "token " + leak.secret()).GET()
                .build(), "GitHub check");
        if (r.status() == 401) {
            return Check.dead("GitHub answers 401 Bad credentials");
        }
        if (!r.ok()) {
            return Check.unknown("GitHub answered HTTP " + r.status());
        }
        JsonNode body = r.json();
        if (installation) {
            return Check.live("installation", "an installation token: " + body.path("total_count").asInt()
                    + " repositories");
        }
        String scopes = r.headers().firstValue("X-OAuth-Scopes").map(v -> ", scopes: " + (v.isBlank() ? "none" : v))
                .orElse("");
        return Check.live(body.path("login").asText("?"), body.path("type").asText("User") + scopes);
    }

    @Override
    public Receipt revoke(Leak leak) throws ConnectorException {
        if (leak.secret().startsWith(INSTALLATION)) {
            ProviderHttp.Response r = http.send(github(endpoint.resolve(endpoint.getPath() + "/installation/token"))
                    .header("Authorization", "token " + leak.secret()).DELETE().build(), "GitHub installation token "
                    + "revoke");
            if (r.status() == 204) {
                return new Receipt(r.requestId(), "revoked (204)");
            }
            if (r.status() == 401) {
                return new Receipt(r.requestId(), "already invalid (401)");
            }
            throw ProviderHttp.failure("GitHub installation token revoke", r, message(r));
        }
        return revokeAll(List.of(leak));
    }

    @Override
    public int batchLimit() {
        return 1000;
    }

    /** Installation tokens never come here: the executor batches only what {@link #batchable} accepts. */
    @Override
    public Receipt revokeAll(List<Leak> leaks) throws ConnectorException {
        List<String> credentials = leaks.stream().map(Leak::secret).toList();
        HttpRequest.Builder request = github(endpoint.resolve(endpoint.getPath() + "/credentials/revoke"))
                .header("Content-Type", "application/json")
                .POST(ProviderHttp.json(Map.of("credentials", credentials)));
        operatorToken.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        ProviderHttp.Response r = http.send(request.build(), "GitHub credential revoke");
        if (r.status() == 202) {
            return new Receipt(r.requestId(), "accepted (202): GitHub revokes asynchronously and notifies the owner");
        }
        if (r.status() == 403 && r.body().toLowerCase(java.util.Locale.ROOT).contains("rate limit")) {
            throw new ConnectorException(ConnectorException.Kind.THROTTLED, "GitHub credential revoke: rate limit "
                    + "exceeded (60 requests an hour)", r.requestId());
        }
        throw ProviderHttp.failure("GitHub credential revoke", r, message(r));
    }

    /** Every kind but installation tokens, which revoke themselves one by one. */
    @Override
    public boolean batchable(Leak leak) {
        return !leak.secret().startsWith(INSTALLATION);
    }

    private HttpRequest.Builder github(URI uri) {
        return http.request(uri).header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", apiVersion);
    }

    private static String message(ProviderHttp.Response r) {
        try {
            return r.json().path("message").asText("");
        } catch (ConnectorException e) {
            return "";
        }
    }
}
