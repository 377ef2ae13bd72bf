package dev.keywarden.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keywarden.remediation.aws.AwsKeys;
import dev.keywarden.remediation.testing.FakeAws;
import dev.keywarden.remediation.testing.FakeServer;
import dev.keywarden.remediation.testing.Leaks;
import dev.keywarden.remediation.testing.Scans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS through the SDK v2 against a stateful IAM/STS/Secrets Manager fake: the operator's credentials from the
 * environment, a leaked key deactivated then deleted on --finish, a rotation that creates the second key, stores
 * the pair in Secrets Manager and retires the leaked key after the grace window, the two-key limit, expired
 * credentials and throttling.
 */
class AwsTest {
    @TempDir
    Path dir;

    final Leaks leaks = new Leaks(23);
    final String operatorId = leaks.awsAccessKeyId();
    final String operatorSecret = leaks.awsSecretAccessKey();
    final String leakedId = leaks.awsAccessKeyId();
    final String leakedSecret = leaks.awsSecretAccessKey();
    final String account = AwsKeys.format(AwsKeys.account(leakedId).orElseThrow());
    FakeAws aws;
    Harness h;
    String fp;

    @BeforeEach
    void setUp() throws Exception {
        aws = new FakeAws(operatorId, account, () -> new String[] {leaks.awsAccessKeyId(),
                leaks.awsSecretAccessKey()}).key("deployer", leakedId, leakedSecret)
                .secret("prod/deployer", "{\"AWS_ACCESS_KEY_ID\":\"" + leakedId + "\",\"region\":\"eu-west-1\"}");
        Files.writeString(dir.resolve("deploy.sh"), "export AWS_ACCESS_KEY_ID=" + leakedId + "\n");
        h = new Harness(dir, Scans.files(dir, dir.resolve("findings.json")), config(false, account));
        h.env.put("AWS_ACCESS_KEY_ID", operatorId);
        h.env.put("AWS_SECRET_ACCESS_KEY", operatorSecret);
        fp = Harness.JSON.readTree(h.findings.toFile()).path("findings").get(0).path("fingerprint").asText();
    }

    String config(boolean rotate, String accounts) {
        return """
                [remediation]
                retryDelayMillis = 1
                [remediation.connectors.aws-iam]
                iamEndpoint = "%s"
                stsEndpoint = "%s"
                accounts = "%s"
                [remediation.connectors.aws-secretsmanager]
                endpoint = "%s"
                """.formatted(aws.url(), aws.url(), accounts, aws.url()) + (rotate ? """
                [remediation.rules.aws-access-key-id]
                store = "aws-secretsmanager"
                target = "prod/deployer"
                fields = { accessKeyId = "AWS_ACCESS_KEY_ID", secretAccessKey = "AWS_SECRET_ACCESS_KEY" }
                """ : "");
    }

    @AfterEach
    void tearDown() {
        aws.close();
    }

    @Test
    void thePlanSaysWhoseKeyItIsAndWhenItWasLastUsed() throws Exception {
        Plan.Actionable a = Harness.actionable(h.run(Remediation.Mode.PLAN), 0);
        assertEquals(Check.Liveness.LIVE, a.check().liveness());
        assertEquals("account " + account + ", user deployer", a.check().owner().orElseThrow());
        assertTrue(a.check().lastUsed().orElseThrow().contains("s3 in eu-west-1"), a.check().toString());
        assertEquals(List.of(Action.REVOKE, Action.RETIRE), a.steps().stream().map(Plan.Step::action).toList());
        FakeServer.Request sts = aws.requests().get(0);
        assertEquals(Map.of("Action", "GetAccessKeyInfo", "Version", "2011-06-15", "AccessKeyId", leakedId),
                sts.form());
        assertTrue(sts.header("Authorization").matches("AWS4-HMAC-SHA256 Credential=" + operatorId
                + "/\\d{8}/us-east-1/sts/aws4_request, .*"), sts.header("Authorization"));
        assertTrue(aws.requests().stream().noneMatch(r -> r.body().contains("UpdateAccessKey")));
    }

    @Test
    void aLeakedKeyIsDeactivatedNowAndDeletedByFinish() throws Exception {
        assertTrue(h.run(Remediation.Mode.APPLY).complete());
        assertEquals("Inactive", aws.keys().get(leakedId).status());
        FakeServer.Request update = aws.requests().stream().filter(r -> r.body().contains("Action=UpdateAccessKey"))
                .findFirst().orElseThrow();
        assertEquals(Map.of("Action", "UpdateAccessKey", "Version", "2010-05-08", "UserName", "deployer",
                "AccessKeyId", leakedId, "Status", "Inactive"), update.form());
        assertEquals("scheduled", h.stepStatus(fp, Action.RETIRE));

        assertTrue(h.run(Remediation.Mode.FINISH).complete());
        assertFalse(aws.keys().containsKey(leakedId));
        assertEquals("done", h.stepStatus(fp, Action.RETIRE));
        JsonNode retire = h.audit().stream().filter(l -> l.path("action").asText().equals("retire")
                && l.path("outcome").asText().equals("ok")).findFirst().orElseThrow();
        assertTrue(retire.path("requestId").asText().startsWith("req-"), retire.toString());
        h.assertPrivateAndClean(leakedSecret, operatorSecret);
    }

    @Test
    void rotationStoresTheNewPairAndRetiresTheLeakedKeyAfterTheGraceWindow() throws Exception {
        Files.writeString(h.config, config(true, account));
        Remediation.Outcome o = h.run(Remediation.Mode.APPLY, Duration.ofHours(24));
        assertTrue(o.complete(), o.run().toString());
        assertEquals(List.of(Action.ISSUE, Action.STORE, Action.REVOKE, Action.RETIRE), Harness.actionable(o, 0)
                .steps().stream().map(Plan.Step::action).toList());
        FakeAws.Key fresh = aws.keys().values().stream().filter(k -> !k.id().equals(leakedId)).findFirst()
                .orElseThrow();
        JsonNode stored = Harness.JSON.readTree(aws.current("prod/deployer"));
        assertEquals(fresh.id(), stored.path("AWS_ACCESS_KEY_ID").asText());
        assertEquals(fresh.secret(), stored.path("AWS_SECRET_ACCESS_KEY").asText());
        assertEquals("eu-west-1", stored.path("region").asText(), "other keys of the secret are kept");
        FakeServer.Request put = aws.requests().stream().filter(r -> "secretsmanager.PutSecretValue".equals(
                r.header("X-Amz-Target"))).findFirst().orElseThrow();
        assertEquals("application/x-amz-json-1.1", put.header("Content-Type"));
        assertEquals("prod/deployer", put.json().path("SecretId").asText());
        assertEquals(36, put.json().path("ClientRequestToken").asText().length());
        assertEquals("Active", aws.keys().get(leakedId).status(), "both keys work during the grace window");

        h.clock.advance(Duration.ofHours(25));
        assertTrue(h.run(Remediation.Mode.FINISH).complete());
        assertFalse(aws.keys().containsKey(leakedId));
        assertEquals(1, aws.keys().size());
        h.assertPrivateAndClean(leakedSecret, operatorSecret, fresh.secret());
    }

    @Test
    void aStoreWriteRepeatedAfterADropIsOneVersionWithTheSameRequestToken() throws Exception {
        Files.writeString(h.config, config(true, account));
        aws.dropNextAfterApplying(r -> "secretsmanager.PutSecretValue".equals(r.header("X-Amz-Target")));
        assertTrue(h.run(Remediation.Mode.APPLY).complete());
        List<FakeServer.Request> puts = aws.requests().stream().filter(r -> "secretsmanager.PutSecretValue"
                .equals(r.header("X-Amz-Target"))).toList();
        assertEquals(2, puts.size(), "retried after the drop");
        assertEquals(puts.get(0).json().path("ClientRequestToken"), puts.get(1).json().path("ClientRequestToken"));
        assertEquals(puts.get(0).json().path("SecretString"), puts.get(1).json().path("SecretString"));
        assertEquals(2, aws.versions("prod/deployer"), "one new version, not two");
        assertEquals(1, aws.requests().stream().filter(r -> r.body().contains("Action=CreateAccessKey")).count());
    }

    @Test
    void aLostCreateAccessKeyIsNeverRepeated() throws Exception {
        Files.writeString(h.config, config(true, account));
        aws.dropNextAfterApplying(r -> r.body().contains("Action=CreateAccessKey"));
        assertFalse(h.run(Remediation.Mode.APPLY).complete());
        assertEquals("started", h.stepStatus(fp, Action.ISSUE));
        assertEquals(2, aws.keys().size(), "the key was made; its secret is lost");

        Remediation.Outcome again = h.run(Remediation.Mode.APPLY);
        assertFalse(again.complete());
        assertEquals(RunResult.Status.INTERRUPTED, again.run().orElseThrow().lines().get(0).status());
        assertEquals(1, aws.requests().stream().filter(r -> r.body().contains("Action=CreateAccessKey")).count());
        assertEquals("Active", aws.keys().get(leakedId).status());
    }

    @Test
    void aUserWithTwoKeysIsRefusedBeforeAnythingChanges() throws Exception {
        aws.key("deployer", leaks.awsAccessKeyId(), leaks.awsSecretAccessKey());
        Files.writeString(h.config, config(true, account));
        Remediation.Outcome o = h.run(Remediation.Mode.APPLY);
        assertFalse(o.complete());
        assertEquals("failed", h.stepStatus(fp, Action.ISSUE));
        assertTrue(aws.requests().stream().noneMatch(r -> r.body().contains("Action=CreateAccessKey")));
        assertEquals("Active", aws.keys().get(leakedId).status(), "no replacement, so the key is not touched");
        assertTrue(h.state().path("findings").path(fp).path("steps").path("issue").path("detail").asText()
                .contains("already has two access keys"));
    }

    @Test
    void aLimitExceededRaceIsAConflictNotRetried() throws Exception {
        Files.writeString(h.config, config(true, account));
        aws.failNext(r -> r.body().contains("Action=CreateAccessKey"), new FakeServer.Reply(409, Map.of(
                "Content-Type", "text/xml"), "<ErrorResponse><Error><Type>Sender</Type><Code>LimitExceeded</Code>"
                + "<Message>Cannot exceed quota for AccessKeysPerUser: 2</Message></Error><RequestId>r409</RequestId>"
                + "</ErrorResponse>"));
        assertFalse(h.run(Remediation.Mode.APPLY).complete());
        assertEquals("failed", h.stepStatus(fp, Action.ISSUE));
        JsonNode issue = h.state().path("findings").path(fp).path("steps").path("issue");
        assertTrue(issue.path("detail").asText().contains("LimitExceeded (HTTP 409)"), issue.toString());
        assertEquals("r409", issue.path("requestId").asText());
        assertEquals(1, aws.requests().stream().filter(r -> r.body().contains("Action=CreateAccessKey")).count());
        assertEquals(1, aws.keys().size());
    }

    @Test
    void expiredOperatorCredentialsFailCleanly() throws Exception {
        aws.expireCredentials();
        Remediation.Outcome o = h.run(Remediation.Mode.APPLY);
        assertFalse(o.complete());
        assertEquals(Check.Liveness.UNKNOWN, Harness.actionable(o, 0).check().liveness());
        assertEquals("failed", h.stepStatus(fp, Action.REVOKE));
        String detail = h.state().path("findings").path(fp).path("steps").path("revoke").path("detail").asText();
        assertTrue(detail.contains("ExpiredToken (HTTP 403)"), detail);
        assertEquals("Active", aws.keys().get(leakedId).status());
    }

    @Test
    void throttlingIsRetried() throws Exception {
        aws.failNext(r -> r.body().contains("Action=UpdateAccessKey"), new FakeServer.Reply(400, Map.of("Content-Type", "text/xml"), "<ErrorResponse>"
                + "<Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>"
                + "<RequestId>t1</RequestId></ErrorResponse>"));
        assertTrue(h.run(Remediation.Mode.APPLY).complete());
        assertEquals(2, aws.requests().stream().filter(r -> r.body().contains("Action=UpdateAccessKey")).count());
        assertEquals("Inactive", aws.keys().get(leakedId).status());
    }

    @Test
    void aSecretWithARotationFunctionRotatesItselfForARuleNoRevokerHandles() throws Exception {
        String stripe = "sk" + "_live_" + leaks.fake().chars(dev.keywarden.testing.FakeSecrets.BASE62, 32);
        Files.writeString(dir.resolve("billing.properties"), "stripe.key=" + stripe + "\n");
        aws.secret("prod/stripe", stripe).rotation("prod/stripe");
        Files.writeString(h.config, config(false, account) + """
                [remediation.rules.stripe-secret-key]
                store = "aws-secretsmanager"
                target = "prod/stripe"
                """);
        Harness stripeRun = new Harness(dir, Scans.files(dir, dir.resolve("findings.json")),
                Files.readString(h.config));
        stripeRun.env.putAll(h.env);
        Remediation.Outcome o = stripeRun.run(Remediation.Mode.APPLY, "stripe-secret-key");
        assertTrue(o.complete(), o.run().toString());
        assertEquals(List.of(Action.STORE), Harness.actionable(o, 0).steps().stream().map(Plan.Step::action)
                .toList());
        FakeServer.Request rotate = aws.requests().stream().filter(r -> "secretsmanager.RotateSecret".equals(
                r.header("X-Amz-Target"))).findFirst().orElseThrow();
        assertEquals("prod/stripe", rotate.json().path("SecretId").asText());
        assertTrue(rotate.json().path("RotateImmediately").asBoolean());
        assertEquals(1, aws.rotated("prod/stripe"));
        assertEquals("rotated 1", aws.current("prod/stripe"));

        stripeRun.run(Remediation.Mode.APPLY, "stripe-secret-key");
        assertEquals(1, aws.rotated("prod/stripe"), "not rotated twice");
    }

    @Test
    void keysOfAnotherAccountAreLeftAlone() throws Exception {
        Files.writeString(h.config, config(false, "000000000001"));
        Remediation.Outcome o = h.run(Remediation.Mode.APPLY);
        Plan.Manual m = assertInstanceOf(Plan.Manual.class, o.plan().items().get(0));
        assertTrue(m.reason().contains("does not handle"), m.reason());
        assertTrue(aws.requests().isEmpty(), "not even a check");
    }
}
