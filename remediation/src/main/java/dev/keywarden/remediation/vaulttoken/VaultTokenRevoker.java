package dev.keywarden.remediation.vaulttoken;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keywarden.remediation.Check;
import dev.keywarden.remediation.ConnectorException;
import dev.keywarden.remediation.ConnectorSettings;
import dev.keywarden.remediation.Leak;
import dev.keywarden.remediation.ProviderHttp;
import dev.keywarden.remediation.Receipt;
import dev.keywarden.remediation.Revoker;
import dev.keywarden.remediation.vault.VaultApi;

/**
 * A leaked Vault (or OpenBao) token revokes itself: {@code POST /v1/auth/token/revoke-self} as the token (204), which
 * also revokes its child tokens and leases. Checked with {@code GET /v1/auth/token/lookup-self}: 200 live (display
 * name, policies, expiry), 403 dead. Batch tokens ({@code hvb.}, {@code b.}) cannot be revoked: they expire.
 * Options: {@code endpoint} (else {@code VAULT_ADDR}), {@code namespace}.
 */
public final class VaultTokenRevoker implements Revoker {
    private final VaultApi vault;

    VaultTokenRevoker(ConnectorSettings settings) throws ConnectorException {
        this.vault = new VaultApi(settings);
    }

    @Override
    public String id() {
        return VaultTokenProvider.ID;
    }

    @Override
    public boolean accepts(Leak leak) {
        String s = leak.secret();
        return !(s.startsWith("hvb.") || s.startsWith("b."));
    }

    @Override
    public String target(Leak leak) {
        return "Vault token at " + vault.host();
    }

    @Override
    public Check check(Leak leak) throws ConnectorException {
        ProviderHttp.Response r = vault.send(vault.request("auth/token/lookup-self", leak.secret()).GET().build(),
                "Vault token lookup");
        if (r.status() == 403) {
            return Check.dead("Vault answers 403 permission denied: the token is invalid");
        }
        if (!r.ok()) {
            return Check.unknown("Vault answered HTTP " + r.status());
        }
        JsonNode data = r.json().path("data");
        String expires = data.path("expire_time").isNull() || data.path("expire_time").isMissingNode()
                ? "never expires" : "expires " + data.path("expire_time").asText();
        return Check.live(data.path("display_name").asText("?"), "policies " + data.path("policies") + ", "
                + expires);
    }

    @Override
    public Receipt revoke(Leak leak) throws ConnectorException {
        ProviderHttp.Response r = vault.send(vault.request("auth/token/revoke-self", leak.secret())
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), "Vault token revoke");
        if (r.status() == 204 || r.ok()) {
            return new Receipt(VaultApi.requestId(r).or(r::requestId), "revoked with its children and leases ("
                    + r.status() + ")");
        }
        if (r.status() == 403) {
            return new Receipt(VaultApi.requestId(r), "already invalid (403)");
        }
        throw VaultApi.failure("Vault token revoke", r);
    }
}
