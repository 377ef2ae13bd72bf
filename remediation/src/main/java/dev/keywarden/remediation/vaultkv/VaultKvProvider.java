package dev.keywarden.remediation.vaultkv;

import dev.keywarden.remediation.Connector;
import dev.keywarden.remediation.ConnectorException;
import dev.keywarden.remediation.ConnectorProvider;
import dev.keywarden.remediation.ConnectorSettings;
import java.util.Set;

/** Registers {@link VaultKvStore} as {@code vault-kv}. */
public final class VaultKvProvider implements ConnectorProvider {
    static final String ID = "vault-kv";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Connector.Kind kind() {
        return Connector.Kind.STORE;
    }

    @Override
    public String description() {
        return "HashiCorp Vault / OpenBao KV v2: writes the replacement as a new version with check-and-set";
    }

    @Override
    public Set<String> defaultRules() {
        return Set.of();
    }

    @Override
    public Connector create(ConnectorSettings settings) throws ConnectorException {
        return new VaultKvStore(settings);
    }
}
