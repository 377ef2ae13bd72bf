package dev.keywarden.remediation;

import java.util.Objects;
import java.util.Set;

/**
 * A {@link ConnectorProvider} that is only its description and a factory: what every built-in connector needs, so that
 * each provider is one constructor call. A third-party connector may extend it too (keeping a public no-argument
 * constructor, as {@link java.util.ServiceLoader} requires).
 */
public abstract class DescribedProvider implements ConnectorProvider {

    /** Creates the connector from its settings. */
    @FunctionalInterface
    public interface Factory {
        Connector create(ConnectorSettings settings) throws ConnectorException;
    }

    private final String id;
    private final Connector.Kind kind;
    private final String description;
    private final Set<String> defaultRules;
    private final Factory factory;

    protected DescribedProvider(String id, Connector.Kind kind, String description, Set<String> defaultRules,
                                Factory factory) {
        this.id = Objects.requireNonNull(id, "id");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.description = Objects.requireNonNull(description, "description");
        this.defaultRules = Set.copyOf(defaultRules);
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Connector.Kind kind() {
        return kind;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Set<String> defaultRules() {
        return defaultRules;
    }

    @Override
    public final Connector create(ConnectorSettings settings) throws ConnectorException {
        return factory.create(settings);
    }
}
