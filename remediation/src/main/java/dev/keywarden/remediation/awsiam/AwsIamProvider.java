package dev.keywarden.remediation.awsiam;

import dev.keywarden.remediation.Connector;
import dev.keywarden.remediation.DescribedProvider;
import java.util.Set;

/** Registers {@link AwsIamRevoker} as {@code aws-iam}. */
public final class AwsIamProvider extends DescribedProvider {
    static final String ID = "aws-iam";

    public AwsIamProvider() {
        super(ID, Connector.Kind.REVOKER,
                "AWS IAM access keys: deactivate, delete after the grace window, create a second key to rotate; "
                        + "check with STS GetAccessKeyInfo and IAM GetAccessKeyLastUsed",
                Set.of("aws-access-key-id"), AwsIamRevoker::new);
    }
}
