package dev.keywarden.remediation;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A connector's configuration: its {@code [remediation.connectors.<id>]} table (endpoint overrides and plain
 * options, never a credential) and the environment credentials are read from.
 *
 * @param id          the connector id
 * @param options     the table's values as strings
 * @param environment the process environment (tests pass their own)
 * @param timeout     per-request timeout
 */
public record ConnectorSettings(String id, Map<String, String> options, Function<String, String> environment,
                                Duration timeout) {
    public ConnectorSettings {
        options = Map.copyOf(options);
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key)).filter(v -> !v.isBlank());
    }

    public String option(String key, String fallback) {
        return option(key).orElse(fallback);
    }

    /** {@code endpoint} (or another key), else the provider's public endpoint. */
    public URI endpoint(String key, String fallback) throws ConnectorException {
        String value = option(key, fallback);
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw ConnectorException.unsupported("[remediation.connectors." + id + "] " + key
                        + ": not an http(s) URL: " + value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ConnectorException.unsupported("[remediation.connectors." + id + "] " + key + ": not a URL: "
                    + value);
        }
    }

    public Optional<String> env(String name) {
        return Optional.ofNullable(environment.apply(name)).filter(v -> !v.isEmpty());
    }

    /** A credential from the environment variable the option {@code key} names (default {@code defaultName}). */
    public String credential(String key, String defaultName) throws ConnectorException {
        String name = option(key, defaultName);
        return env(name).orElseThrow(() -> new ConnectorException(ConnectorException.Kind.AUTH, id
                + ": no credentials: set the environment variable " + name));
    }
}
