package dev.keywarden.remediation.awsiam;

import dev.keywarden.remediation.Check;
import dev.keywarden.remediation.ConnectorException;
import dev.keywarden.remediation.ConnectorSettings;
import dev.keywarden.remediation.Issued;
import dev.keywarden.remediation.Leak;
import dev.keywarden.remediation.Receipt;
import dev.keywarden.remediation.Redaction;
import dev.keywarden.remediation.Revoker;
import dev.keywarden.remediation.aws.AwsKeys;
import dev.keywarden.remediation.aws.AwsSdk;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetAccessKeyInfoResponse;

/**
 * AWS IAM user access keys, acted on with the operator's credentials (never the leaked key's): STS
 * {@code GetAccessKeyInfo} says whose account, IAM {@code GetAccessKeyLastUsed} whose user and when last used,
 * {@code ListAccessKeys} whether it is active. Revocation is {@code UpdateAccessKey Status=Inactive}, reversible and
 * safe to repeat; {@code DeleteAccessKey} follows after the grace window ({@code --finish}). Rotation creates a second
 * key first (IAM allows two per user; a user who already has two is refused before anything changes).
 *
 * <p>Options: {@code accounts} (comma-separated account ids: keys of any other account are left alone, checked
 * offline from the key id before any call), {@code region}, {@code iamEndpoint}, {@code stsEndpoint}.
 */
public final class AwsIamRevoker implements Revoker {
    private final IamClient iam;
    private final StsClient sts;
    private final Set<String> accounts;

    AwsIamRevoker(ConnectorSettings settings) throws ConnectorException {
        this.iam = AwsSdk.client(IamClient.builder(), settings, "iamEndpoint", "us-east-1");
        this.sts = AwsSdk.client(StsClient.builder(), settings, "stsEndpoint", "us-east-1");
        this.accounts = settings.option("accounts").map(a -> Arrays.stream(a.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet())).orElse(Set.of());
    }

    @Override
    public String id() {
        return AwsIamProvider.ID;
    }

    @Override
    public boolean accepts(Leak leak) {
        String key = leak.secret();
        if (!(key.startsWith("AKIA") && key.length() == 20)) {
            return false; // temporary (ASIA) keys expire; their session is revoked through the role, not here
        }
        if (accounts.isEmpty()) {
            return true;
        }
        OptionalLong account = AwsKeys.account(key);
        return account.isPresent() && accounts.contains(AwsKeys.format(account.getAsLong()));
    }

    @Override
    public String target(Leak leak) {
        OptionalLong account = AwsKeys.account(leak.secret());
        return "IAM access key " + Redaction.of(leak.secret()) + account.stream().mapToObj(a -> " in account "
                + AwsKeys.format(a)).findFirst().orElse("");
    }

    /** The key's user and last use; NOT_FOUND when IAM does not know it (deleted, or another account). */
    private GetAccessKeyLastUsedResponse lastUsed(Leak leak) throws ConnectorException {
        try {
            return iam.getAccessKeyLastUsed(r -> r.accessKeyId(leak.secret()));
        } catch (SdkException e) {
            throw AwsSdk.failure("IAM GetAccessKeyLastUsed", e);
        }
    }

    private Optional<AccessKeyMetadata> metadata(String user, String keyId) throws ConnectorException {
        return keys(user).stream().filter(k -> k.accessKeyId().equals(keyId)).findFirst();
    }

    private List<AccessKeyMetadata> keys(String user) throws ConnectorException {
        try {
            return iam.listAccessKeysPaginator(r -> r.userName(user)).accessKeyMetadata().stream().toList();
        } catch (SdkException e) {
            throw AwsSdk.failure("IAM ListAccessKeys", e);
        }
    }

    @Override
    public Check check(Leak leak) throws ConnectorException {
        String account;
        try {
            GetAccessKeyInfoResponse info = sts.getAccessKeyInfo(r -> r.accessKeyId(leak.secret()));
            account = info.account();
        } catch (SdkException e) {
            account = AwsKeys.account(leak.secret()).stream().mapToObj(AwsKeys::format).findFirst().orElse("?");
        }
        GetAccessKeyLastUsedResponse used;
        try {
            used = lastUsed(leak);
        } catch (ConnectorException e) {
            if (e.kind() == ConnectorException.Kind.NOT_FOUND) {
                return Check.dead("IAM does not know the key in account " + account + ": deleted");
            }
            throw e;
        }
        String user = used.userName();
        Optional<AccessKeyMetadata> key = metadata(user, leak.secret());
        String owner = "account " + account + ", user " + user;
        String when = used.accessKeyLastUsed() == null || used.accessKeyLastUsed().lastUsedDate() == null ? "never"
                : used.accessKeyLastUsed().lastUsedDate() + " (" + used.accessKeyLastUsed().serviceName() + " in "
                + used.accessKeyLastUsed().region() + ")";
        if (key.isEmpty()) {
            return new Check(Check.Liveness.DEAD, Optional.of(owner), Optional.of(when), "deleted");
        }
        boolean active = key.get().status() == StatusType.ACTIVE;
        return new Check(active ? Check.Liveness.LIVE : Check.Liveness.DEAD, Optional.of(owner), Optional.of(when),
                active ? "active, created " + key.get().createDate() : "inactive");
    }

    @Override
    public Receipt revoke(Leak leak) throws ConnectorException {
        String user = lastUsed(leak).userName();
        try {
            UpdateAccessKeyResponse r = iam.updateAccessKey(b -> b.userName(user).accessKeyId(leak.secret())
                    .status(StatusType.INACTIVE));
            return Receipt.of(r.responseMetadata().requestId(), "deactivated (reversible: UpdateAccessKey Active)");
        } catch (SdkException e) {
            throw AwsSdk.failure("IAM UpdateAccessKey", e);
        }
    }

    @Override
    public Rotation rotation() {
        return Rotation.OVERLAP;
    }

    /** Not retried: a lost answer leaves a second key whose secret nobody has; the next run says so. */
    @Override
    public Issued issue(Leak leak) throws ConnectorException {
        String user = lastUsed(leak).userName();
        List<AccessKeyMetadata> existing = keys(user);
        if (existing.size() >= 2) {
            throw new ConnectorException(ConnectorException.Kind.CONFLICT, "IAM user " + user + " already has two "
                    + "access keys (the limit): delete the one that is not the leaked key, then run again");
        }
        try {
            CreateAccessKeyResponse r = iam.createAccessKey(b -> b.userName(user));
            return new Issued(Map.of("accessKeyId", r.accessKey().accessKeyId(), "secretAccessKey",
                    r.accessKey().secretAccessKey()), "access key " + Redaction.of(r.accessKey().accessKeyId())
                    + " for user " + user, Optional.ofNullable(r.responseMetadata().requestId()));
        } catch (SdkException e) {
            throw AwsSdk.failure("IAM CreateAccessKey", e);
        }
    }

    @Override
    public boolean retires() {
        return true;
    }

    @Override
    public Receipt retire(Leak leak) throws ConnectorException {
        String user;
        try {
            user = lastUsed(leak).userName();
        } catch (ConnectorException e) {
            if (e.kind() == ConnectorException.Kind.NOT_FOUND) {
                return new Receipt(e.requestId(), "already deleted");
            }
            throw e;
        }
        try {
            DeleteAccessKeyResponse r = iam.deleteAccessKey(b -> b.userName(user).accessKeyId(leak.secret()));
            return Receipt.of(r.responseMetadata().requestId(), "deleted");
        } catch (NoSuchEntityException e) {
            return Receipt.of(e.requestId(), "already deleted");
        } catch (SdkException e) {
            throw AwsSdk.failure("IAM DeleteAccessKey", e);
        }
    }
}
