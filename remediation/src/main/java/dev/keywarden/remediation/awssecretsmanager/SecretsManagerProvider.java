package dev.keywarden.remediation.awssecretsmanager;

import dev.keywarden.remediation.Connector;
import dev.keywarden.remediation.ConnectorException;
import dev.keywarden.remediation.ConnectorProvider;
import dev.keywarden.remediation.ConnectorSettings;
import java.util.Set;

/** Registers {@link SecretsManagerStore} as {@code aws-secretsmanager}. */
public final class SecretsManagerProvider implements ConnectorProvider {
    static final String ID = "aws-secretsmanager";

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
        return "AWS Secrets Manager: PutSecretValue with a ClientRequestToken (AWSCURRENT moves, AWSPREVIOUS stays)";
    }

    @Override
    public Set<String> defaultRules() {
        return Set.of();
    }

    @Override
    public Connector create(ConnectorSettings settings) throws ConnectorException {
        return new SecretsManagerStore(settings);
    }
}
