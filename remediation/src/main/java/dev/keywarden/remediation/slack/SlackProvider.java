package dev.keywarden.remediation.slack;

import dev.keywarden.remediation.Connector;
import dev.keywarden.remediation.DescribedProvider;
import java.util.Set;

/** Registers {@link SlackRevoker} as {@code slack}. */
public final class SlackProvider extends DescribedProvider {
    static final String ID = "slack";

    public SlackProvider() {
        super(ID, Connector.Kind.REVOKER,
                "Slack tokens: auth.revoke (planned with its test=true dry run); check auth.test",
                Set.of("slack-bot-token", "slack-user-token", "slack-app-token", "slack-rotating-token",
                        "slack-refresh-token", "slack-legacy-token"), SlackRevoker::new);
    }
}
