package dev.keywarden.remediation.awssecretsmanager;

import dev.keywarden.remediation.Connector;
import dev.keywarden.remediation.DescribedProvider;
import java.util.Set;

/** Registers {@link SecretsManagerStore} as {@code aws-secretsmanager}. */
public final class SecretsManagerProvider extends DescribedProvider {
    static final String ID = "aws-secretsmanager";

    public SecretsManagerProvider() {
        super(ID, Connector.Kind.STORE,
                "AWS Secrets Manager: PutSecretValue with a ClientRequestToken (AWSCURRENT moves, AWSPREVIOUS stays)",
                Set.of(), SecretsManagerStore::new);
    }
}
