package dev.keywarden.remediation.awsiam;

import dev.keywarden.remediation.Connector;
import dev.keywarden.remediation.ConnectorException;
import dev.keywarden.remediation.ConnectorProvider;
import dev.keywarden.remediation.ConnectorSettings;
import java.util.Set;

/** Registers {@link AwsIamRevoker} as {@code aws-iam}. */
public final class AwsIamProvider implements ConnectorProvider {
    static final String ID = "aws-iam";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Connector.Kind kind() {
        return Connector.Kind.REVOKER;
    }

    @Override
    public String description() {
        return "AWS IAM access keys: deactivate, delete after the grace window, create a second key to rotate; "
                + "check with STS GetAccessKeyInfo and IAM GetAccessKeyLastUsed";
    }

    @Override
    public Set<String> defaultRules() {
        return Set.of("aws-access-key-id");
    }

    @Override
    public Connector create(ConnectorSettings settings) throws ConnectorException {
        return new AwsIamRevoker(settings);
    }
}
