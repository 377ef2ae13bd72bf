package dev.keywarden.remediation.github;

import dev.keywarden.remediation.Connector;
import dev.keywarden.remediation.DescribedProvider;
import java.util.Set;

/** Registers {@link GitHubRevoker} as {@code github}. */
public final class GitHubProvider extends DescribedProvider {
    static final String ID = "github";

    public GitHubProvider() {
        super(ID, Connector.Kind.REVOKER,
                "GitHub tokens: POST /credentials/revoke (batched), DELETE /installation/token; check GET /user",
                Set.of("github-pat", "github-fine-grained-pat", "github-oauth-token", "github-app-user-token",
                        "github-refresh-token", "github-app-installation-token"), GitHubRevoker::new);
    }
}
