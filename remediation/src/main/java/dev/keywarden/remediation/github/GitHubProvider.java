package dev.keywarden.remediation.github;

import dev.keywarden.remediation.Connector;
import dev.keywarden.remediation.ConnectorException;
import dev.keywarden.remediation.ConnectorProvider;
import dev.keywarden.remediation.ConnectorSettings;
import java.util.Set;

/** Registers {@link GitHubRevoker} as {@code github}. */
public final class GitHubProvider implements ConnectorProvider {
    static final String ID = "github";

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
        return "GitHub tokens: POST /credentials/revoke (batched), DELETE /installation/token; check GET /user";
    }

    @Override
    public Set<String> defaultRules() {
        return Set.of("github-pat", "github-fine-grained-pat", "github-oauth-token", "github-app-user-token",
                "github-refresh-token", "github-app-installation-token");
    }

    @Override
    public Connector create(ConnectorSettings settings) throws ConnectorException {
        return new GitHubRevoker(settings);
    }
}
