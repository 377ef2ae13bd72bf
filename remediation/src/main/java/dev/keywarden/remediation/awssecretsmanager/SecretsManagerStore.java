package dev.keywarden.remediation.awssecretsmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keywarden.remediation.ConnectorException;
import dev.keywarden.remediation.ConnectorSettings;
import dev.keywarden.remediation.ProviderHttp;
import dev.keywarden.remediation.Receipt;
import dev.keywarden.remediation.Store;
import dev.keywarden.remediation.StoreTarget;
import dev.keywarden.remediation.aws.AwsSdk;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.RotateSecretResponse;

/**
 * An AWS Secrets Manager secret as the store of a replacement: {@code PutSecretValue} with a
 * {@code ClientRequestToken} that every attempt of one write reuses (AWS makes a repeat with the same token and value
 * a no-op, and refuses the same token with another value), so the new version becomes {@code AWSCURRENT} once and the
 * old one {@code AWSPREVIOUS}, readable during the grace window. A secret holding a JSON object keeps its other keys;
 * a plain secret gets the single value. A secret with rotation configured, for a rule no revoker handles, is
 * rotated by its own function ({@code RotateSecret}, same token rule). Options: {@code region}, {@code endpoint}.
 */
public final class SecretsManagerStore implements Store {
    private final SecretsManagerClient client;

    SecretsManagerStore(ConnectorSettings settings) throws ConnectorException {
        this.client = AwsSdk.client(SecretsManagerClient.builder(), settings, "endpoint", "us-east-1");
    }

    @Override
    public String id() {
        return SecretsManagerProvider.ID;
    }

    @Override
    public String inspect(StoreTarget target) throws ConnectorException {
        try {
            DescribeSecretResponse d = client.describeSecret(r -> r.secretId(target.path()));
            return "secret " + d.name() + ", " + d.versionIdsToStages().size() + " versions, last changed "
                    + d.lastChangedDate() + (Boolean.TRUE.equals(d.rotationEnabled()) ? ", rotation enabled"
                    : "");
        } catch (ResourceNotFoundException e) {
            throw new ConnectorException(ConnectorException.Kind.NOT_FOUND, "Secrets Manager: no secret "
                    + target.path() + " (create it first: keywarden writes versions, not secrets)",
                    Optional.ofNullable(e.requestId()));
        } catch (SdkException e) {
            throw AwsSdk.failure("Secrets Manager DescribeSecret", e);
        }
    }

    /** A secret with a rotation function (Lambda or managed rotation) rotates itself: RotateSecret. */
    @Override
    public boolean rotatesItself(StoreTarget target) throws ConnectorException {
        try {
            DescribeSecretResponse d = client.describeSecret(r -> r.secretId(target.path()));
            return Boolean.TRUE.equals(d.rotationEnabled());
        } catch (SdkException e) {
            throw AwsSdk.failure("Secrets Manager DescribeSecret", e);
        }
    }

    @Override
    public Receipt put(StoreTarget target, Map<String, String> values, String idempotencyKey)
            throws ConnectorException {
        if (values.isEmpty()) {
            try {
                RotateSecretResponse r = client.rotateSecret(b -> b.secretId(target.path())
                        .clientRequestToken(idempotencyKey).rotateImmediately(true));
                return Receipt.of(r.responseMetadata().requestId(), "rotation started by the secret's rotation "
                        + "function: version " + r.versionId() + " (it completes asynchronously)");
            } catch (SdkException e) {
                throw AwsSdk.failure("Secrets Manager RotateSecret", e);
            }
        }
        String value = value(target, values);
        try {
            PutSecretValueResponse r = client.putSecretValue(b -> b.secretId(target.path()).secretString(value)
                    .clientRequestToken(idempotencyKey));
            return Receipt.of(r.responseMetadata().requestId(), "version " + r.versionId() + " is "
                    + String.join(", ", r.versionStages()));
        } catch (SdkException e) {
            throw AwsSdk.failure("Secrets Manager PutSecretValue", e);
        }
    }

    /** The new SecretString: the current JSON object with the mapped fields replaced, or the single value. */
    private String value(StoreTarget target, Map<String, String> values) throws ConnectorException {
        if (values.size() == 1 && target.fields().isEmpty()) {
            return values.values().iterator().next();
        }
        ObjectNode json = ProviderHttp.JSON.createObjectNode();
        try {
            GetSecretValueResponse current = client.getSecretValue(r -> r.secretId(target.path()));
            if (current.secretString() != null) {
                JsonNode parsed = ProviderHttp.JSON.readTree(current.secretString());
                if (parsed != null && parsed.isObject()) {
                    json = (ObjectNode) parsed;
                }
            }
        } catch (ResourceNotFoundException e) {
            // no value yet: a new object
        } catch (SdkException e) {
            throw AwsSdk.failure("Secrets Manager GetSecretValue", e);
        } catch (IOException e) {
            // not JSON: replaced by an object holding the fields
        }
        for (Map.Entry<String, String> v : values.entrySet()) {
            json.put(target.field(v.getKey()), v.getValue());
        }
        return json.toString();
    }
}
