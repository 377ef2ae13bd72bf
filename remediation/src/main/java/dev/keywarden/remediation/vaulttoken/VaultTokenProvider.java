package dev.keywarden.remediation.vaulttoken;

import dev.keywarden.remediation.Connector;
import dev.keywarden.remediation.DescribedProvider;
import java.util.Set;

/** Registers {@link VaultTokenRevoker} as {@code vault-token}. */
public final class VaultTokenProvider extends DescribedProvider {
    static final String ID = "vault-token";

    public VaultTokenProvider() {
        super(ID, Connector.Kind.REVOKER,
                "HashiCorp Vault / OpenBao tokens: revoke-self (with children and leases); check lookup-self",
                Set.of("vault-service-token", "vault-legacy-token", "vault-batch-token"), VaultTokenRevoker::new);
    }
}
