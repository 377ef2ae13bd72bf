package dev.keywarden.remediation.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keywarden.remediation.Check;
import dev.keywarden.remediation.ConnectorException;
import dev.keywarden.remediation.ConnectorSettings;
import dev.keywarden.remediation.Leak;
import dev.keywarden.remediation.ProviderHttp;
import dev.keywarden.remediation.Receipt;
import dev.keywarden.remediation.Revoker;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Set;

/**
 * Slack tokens revoke themselves with {@code auth.revoke} (Bearer auth, form body). Slack answers 200 even to errors,
 * so {@code ok} decides; {@code invalid_auth} and {@code token_revoked} on a repeat mean already revoked. Slack's own
 * dry run ({@code test=true}: "the token will not actually be revoked") proves in the plan that the call would be
 * accepted. Checked with {@code auth.test}. Revoking a bot token deactivates the bot user; the app stays installed.
 * Options: {@code endpoint} (default {@code https://slack.com/api}).
 */
public final class SlackRevoker implements Revoker {
    private static final Set<String> ALREADY_DEAD = Set.of("invalid_auth", "token_revoked", "account_inactive",
            "token_expired");

    private final URI endpoint;
    private final ProviderHttp http;

    SlackRevoker(ConnectorSettings settings) throws ConnectorException {
        this.endpoint = settings.endpoint("endpoint", "https://slack.com/api");
        this.http = new ProviderHttp(settings.timeout(), "X-Slack-Req-Id");
    }

    @Override
    public String id() {
        return SlackProvider.ID;
    }

    @Override
    public boolean accepts(Leak leak) {
        return leak.secret().startsWith("xox");
    }

    @Override
    public String target(Leak leak) {
        return "Slack token at " + endpoint.getHost();
    }

    @Override
    public Check check(Leak leak) throws ConnectorException {
        JsonNode test = call(leak, "auth.test", "", "Slack auth.test");
        if (!test.path("ok").asBoolean()) {
            String error = test.path("error").asText("unknown");
            return ALREADY_DEAD.contains(error) ? Check.dead("Slack answers " + error)
                    : Check.unknown("Slack answers " + error);
        }
        String owner = test.path("user").asText("?") + " in " + test.path("team").asText("?");
        JsonNode dry = call(leak, "auth.revoke", "test=true", "Slack auth.revoke dry run");
        String dryRun = dry.path("ok").asBoolean() ? "auth.revoke test=true accepted"
                : "auth.revoke test=true refused: " + dry.path("error").asText();
        return Check.live(owner, (test.path("bot_id").isTextual() ? "bot token; " : "") + dryRun);
    }

    @Override
    public Receipt revoke(Leak leak) throws ConnectorException {
        JsonNode r = call(leak, "auth.revoke", "", "Slack auth.revoke");
        if (r.path("ok").asBoolean() && r.path("revoked").asBoolean()) {
            return Receipt.of(null, "revoked");
        }
        String error = r.path("error").asText("");
        if (ALREADY_DEAD.contains(error)) {
            return Receipt.of(null, "already revoked (" + error + ")");
        }
        throw new ConnectorException(error.equals("ratelimited") ? ConnectorException.Kind.THROTTLED
                : ConnectorException.Kind.REJECTED, "Slack auth.revoke failed: " + (error.isEmpty()
                ? "not revoked" : error));
    }

    private JsonNode call(Leak leak, String method, String form, String what) throws ConnectorException {
        ProviderHttp.Response r = http.send(http.request(URI.create(endpoint + "/" + method))
                .header("Authorization", "Bearer " + leak.secret())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), what);
        if (r.status() == 429) {
            throw new ConnectorException(ConnectorException.Kind.THROTTLED, what + ": rate limited (429)",
                    r.requestId());
        }
        if (!r.ok()) {
            throw ProviderHttp.failure(what, r, "");
        }
        return r.json();
    }
}
