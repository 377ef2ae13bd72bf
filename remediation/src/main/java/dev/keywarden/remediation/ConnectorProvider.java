package dev.keywarden.remediation;

import java.util.Set;

/**
 * The service {@link java.util.ServiceLoader} finds: one per connector, listed in
 * {@code META-INF/services/dev.keywarden.remediation.ConnectorProvider} of its jar. A third-party jar on the class
 * path or in the plugins folder adds connectors this way, touching nothing else.
 */
public interface ConnectorProvider {
    /** The id configuration and plans use, e.g. {@code github}, {@code vault-kv}. */
    String id();

    /** Whether {@link #create} returns a {@link Revoker} or a {@link Store}. */
    Connector.Kind kind();

    /** One line for {@code keywarden remediate --list-connectors}. */
    String description();

    /** Rule ids this revoker handles unless the configuration routes them elsewhere; none for stores. */
    Set<String> defaultRules();

    /** A connector configured from {@code [remediation.connectors.<id>]} and the environment. */
    Connector create(ConnectorSettings settings) throws ConnectorException;
}
