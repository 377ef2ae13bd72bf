package dev.keywarden.remediation.slack;

import dev.keywarden.remediation.Connector;
import dev.keywarden.remediation.ConnectorException;
import dev.keywarden.remediation.ConnectorProvider;
import dev.keywarden.remediation.ConnectorSettings;
import java.util.Set;

/** Registers {@link SlackRevoker} as {@code slack}. */
public final class SlackProvider implements ConnectorProvider {
    static final String ID = "slack";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Connector.Kind kind() {
        return Connector.Kind.REVOKER;
    }

    @Override
    public String description() {
        return "Slack tokens: auth.revoke (planned with its test=true dry run); check auth.test";
    }

    @Override
    public Set<String> defaultRules() {
        return Set.of("slack-bot-token", "slack-user-token", "slack-app-token", "slack-rotating-token",
                "slack-refresh-token", "slack-legacy-token");
    }

    @Override
    public Connector create(ConnectorSettings settings) throws ConnectorException {
        return new SlackRevoker(settings);
    }
}
