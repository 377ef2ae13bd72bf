package dev.keywarden.remediation.vaultkv;

import dev.keywarden.remediation.Connector;
import dev.keywarden.remediation.DescribedProvider;
import java.util.Set;

/** Registers {@link VaultKvStore} as {@code vault-kv}. */
public final class VaultKvProvider extends DescribedProvider {
    static final String ID = "vault-kv";

    public VaultKvProvider() {
        super(ID, Connector.Kind.STORE,
                "HashiCorp Vault / OpenBao KV v2: writes the replacement as a new version with check-and-set",
                Set.of(), VaultKvStore::new);
    }
}
