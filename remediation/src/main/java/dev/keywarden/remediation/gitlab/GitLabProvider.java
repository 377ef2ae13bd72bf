package dev.keywarden.remediation.gitlab;

import dev.keywarden.remediation.Connector;
import dev.keywarden.remediation.DescribedProvider;
import java.util.Set;

/** Registers {@link GitLabRevoker} as {@code gitlab}. */
public final class GitLabProvider extends DescribedProvider {
    static final String ID = "gitlab";

    public GitLabProvider() {
        super(ID, Connector.Kind.REVOKER,
                "GitLab personal access tokens: self-revoke, self-rotate (never retried); check /self",
                Set.of("gitlab-pat", "gitlab-pat-routable"), GitLabRevoker::new);
    }
}
