package dev.keywarden.remediation.vaulttoken;

import dev.keywarden.remediation.Connector;
import dev.keywarden.remediation.ConnectorException;
import dev.keywarden.remediation.ConnectorProvider;
import dev.keywarden.remediation.ConnectorSettings;
import java.util.Set;

/** Registers {@link VaultTokenRevoker} as {@code vault-token}. */
public final class VaultTokenProvider implements ConnectorProvider {
    static final String ID = "vault-token";

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
        return "HashiCorp Vault / OpenBao tokens: revoke-self (with children and leases); check lookup-self";
    }

    @Override
    public Set<String> defaultRules() {
        return Set.of("vault-service-token", "vault-legacy-token", "vault-batch-token");
    }

    @Override
    public Connector create(ConnectorSettings settings) throws ConnectorException {
        return new VaultTokenRevoker(settings);
    }
}
