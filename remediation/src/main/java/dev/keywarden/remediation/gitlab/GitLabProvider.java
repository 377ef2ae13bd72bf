package dev.keywarden.remediation.gitlab;

import dev.keywarden.remediation.Connector;
import dev.keywarden.remediation.ConnectorException;
import dev.keywarden.remediation.ConnectorProvider;
import dev.keywarden.remediation.ConnectorSettings;
import java.util.Set;

/** Registers {@link GitLabRevoker} as {@code gitlab}. */
public final class GitLabProvider implements ConnectorProvider {
    static final String ID = "gitlab";

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
        return "GitLab personal access tokens: self-revoke, self-rotate (never retried); check /self";
    }

    @Override
    public Set<String> defaultRules() {
        return Set.of("gitlab-pat", "gitlab-pat-routable");
    }

    @Override
    public Connector create(ConnectorSettings settings) throws ConnectorException {
        return new GitLabRevoker(settings);
    }
}
