package dev.keywarden.remediation.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keywarden.remediation.ConnectorException;
import dev.keywarden.remediation.ConnectorSettings;
import dev.keywarden.remediation.ProviderHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the Vault (and OpenBao) connectors share: the address ({@code endpoint} option, else {@code VAULT_ADDR}),
 * the namespace header, the {@code X-Vault-Token} header, and Vault's error envelope {@code {"errors":[...]}}.
 */
public final class VaultApi {
    private final URI address;
    private final Optional<String> namespace;
    private final ProviderHttp http;

    public VaultApi(ConnectorSettings settings) throws ConnectorException {
        Optional<String> configured = settings.option("endpoint");
        if (configured.isEmpty() && settings.env("VAULT_ADDR").isEmpty()) {
            throw ConnectorException.unsupported(settings.id() + ": no Vault address: set endpoint in "
                    + "[remediation.connectors." + settings.id() + "] or VAULT_ADDR");
        }
        this.address = settings.endpoint("endpoint", configured.orElseGet(() -> settings.env("VAULT_ADDR")
                .orElseThrow()));
        this.namespace = settings.option("namespace").or(() -> settings.env("VAULT_NAMESPACE"));
        this.http = new ProviderHttp(settings.timeout(), "X-Vault-Request-Id");
    }

    public String host() {
        return address.getHost() + (address.getPort() > 0 ? ":" + address.getPort() : "");
    }

    /** A request to {@code /v1/<path>} as {@code token}. */
    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = http.request(URI.create(address + "/v1/" + path)).header("X-Vault-Token", token)
                .header("X-Vault-Request", "true");
        namespace.ifPresent(ns -> b.header("X-Vault-Namespace", ns));
        return b;
    }

    public ProviderHttp.Response send(HttpRequest request, String what) throws ConnectorException {
        return http.send(request, what);
    }

    /** Vault's request id is in the body's {@code request_id}. */
    public static Optional<String> requestId(ProviderHttp.Response r) {
        try {
            return Optional.ofNullable(r.json().path("request_id").textValue()).filter(s -> !s.isEmpty());
        } catch (ConnectorException e) {
            return Optional.empty();
        }
    }

    public static List<String> errors(ProviderHttp.Response r) {
        List<String> out = new ArrayList<>();
        try {
            for (JsonNode e : r.json().path("errors")) {
                out.add(e.asText());
            }
        } catch (ConnectorException e) {
            // not JSON: no messages
        }
        return out;
    }

    public static ConnectorException failure(String what, ProviderHttp.Response r) {
        ConnectorException e = ProviderHttp.failure(what, r, String.join("; ", errors(r)));
        return new ConnectorException(e.kind(), e.getMessage(), requestId(r).or(r::requestId));
    }
}
