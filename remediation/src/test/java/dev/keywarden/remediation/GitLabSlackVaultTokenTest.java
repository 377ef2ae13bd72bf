package dev.keywarden.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.remediation.testing.FakeGitLab;
import dev.keywarden.remediation.testing.FakeServer;
import dev.keywarden.remediation.testing.FakeSlack;
import dev.keywarden.remediation.testing.FakeVault;
import dev.keywarden.remediation.testing.Leaks;
import dev.keywarden.remediation.testing.Scans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revokers that act as the leaked token itself: GitLab (self-revoke, self-rotate that is never retried), Slack
 * (auth.revoke with its test=true dry run in the plan) and Vault tokens (revoke-self). One scanned file holds one of
 * each; {@code --only RULE} picks one at a time.
 */
class GitLabSlackVaultTokenTest {
    @TempDir
    Path dir;

    final Leaks leaks = new Leaks(11);
    final String glpat = leaks.gitlabPat();
    final String slack = leaks.slackBotToken();
    final String vaultToken = leaks.vaultToken();
    final String operator = leaks.vaultToken();
    FakeGitLab gitlab;
    FakeSlack slackApi;
    FakeVault vault;
    Harness h;

    @BeforeEach
    void setUp() throws Exception {
        gitlab = new FakeGitLab(leaks::gitlabPat).token(glpat, "ci deploy", 42);
        slackApi = new FakeSlack().token(slack, "deploy-bot");
        vault = new FakeVault().token(vaultToken, "approle-deploy").operator(operator)
                .secret("ci/gitlab", Map.of("token", glpat));
        Files.writeString(dir.resolve("settings.env"), "GITLAB_TOKEN=" + glpat + "\nSLACK_TOKEN=" + slack
                + "\nVAULT_TOKEN=" + vaultToken + "\n");
        h = new Harness(dir, Scans.files(dir, dir.resolve("findings.json")), config(false));
        h.env.put("KW_VAULT_TOKEN", operator);
    }

    String config(boolean rotateGitLab) {
        return """
                [remediation]
                retryDelayMillis = 1
                [remediation.connectors.gitlab]
                endpoint = "%s/api/v4"
                [remediation.connectors.slack]
                endpoint = "%s/api"
                [remediation.connectors.vault-token]
                endpoint = "%s"
                [remediation.connectors.vault-kv]
                endpoint = "%s"
                tokenEnv = "KW_VAULT_TOKEN"
                """.formatted(gitlab.url(), slackApi.url(), vault.url(), vault.url()) + (rotateGitLab ? """
                [remediation.rules.gitlab-pat]
                store = "vault-kv"
                target = "ci/gitlab"
                field = "token"
                """ : "");
    }

    @AfterEach
    void tearDown() {
        gitlab.close();
        slackApi.close();
        vault.close();
    }

    @Test
    void thePlanChecksEachTokenAsItselfAndUsesSlacksDryRun() throws Exception {
        Remediation.Outcome o = h.run(Remediation.Mode.PLAN);
        assertEquals(3, o.plan().items().size());
        for (Plan.Item item : o.plan().items()) {
            Plan.Actionable a = (Plan.Actionable) item;
            assertEquals(Check.Liveness.LIVE, a.check().liveness(), a.revoker() + ": " + a.check());
            assertEquals(List.of(Action.REVOKE), a.steps().stream().map(Plan.Step::action).toList());
        }
        FakeServer.Request glCheck = gitlab.requests().get(0);
        assertEquals("GET /api/v4/personal_access_tokens/self", glCheck.toString());
        assertEquals(glpat, glCheck.header("PRIVATE-TOKEN"));
        Plan.Actionable gl = (Plan.Actionable) o.plan().items().stream().filter(i -> i.finding().ruleId()
                .equals("gitlab-pat")).findFirst().orElseThrow();
        assertEquals("user 42", gl.check().owner().orElseThrow());
        assertTrue(gl.check().lastUsed().orElseThrow().startsWith("2026-11-28"));

        FakeServer.Request dryRun = slackApi.requests("POST", "/api/auth.revoke").get(0);
        assertEquals("Bearer " + slack, dryRun.header("Authorization"));
        assertEquals(Map.of("test", "true"), dryRun.form());
        assertTrue(slackApi.live(slack), "the dry run revokes nothing");

        assertEquals("GET /v1/auth/token/lookup-self", vault.requests().get(0).toString());
        assertEquals(vaultToken, vault.requests().get(0).header("X-Vault-Token"));
        assertTrue(gitlab.live(glpat) && vault.live(vaultToken));
    }

    @Test
    void applyRevokesEachAsItselfOnce() throws Exception {
        Remediation.Outcome o = h.run(Remediation.Mode.APPLY);
        assertTrue(o.complete(), o.run().toString());
        assertFalse(gitlab.live(glpat));
        assertFalse(slackApi.live(slack));
        assertFalse(vault.live(vaultToken));
        FakeServer.Request delete = gitlab.requests("DELETE", "/").get(0);
        assertEquals("/api/v4/personal_access_tokens/self", delete.path());
        assertEquals(glpat, delete.header("PRIVATE-TOKEN"));
        FakeServer.Request revoke = slackApi.requests("POST", "/api/auth.revoke").get(1);
        assertEquals(Map.of(), revoke.form(), "the real revocation has no test flag");
        assertEquals("application/x-www-form-urlencoded", revoke.header("Content-Type"));
        assertEquals("POST /v1/auth/token/revoke-self", vault.requests("POST", "/").get(0).toString());

        h.run(Remediation.Mode.APPLY);
        assertEquals(1, gitlab.requests("DELETE", "/").size());
        assertEquals(2, slackApi.requests("POST", "/api/auth.revoke").size(), "dry run and revocation only");
        assertEquals(1, vault.requests("POST", "/v1/auth/token/revoke-self").size());
        h.assertPrivateAndClean(glpat, slack, vaultToken, operator);
    }

    @Test
    void slackSaysErrorsWithStatus200AndTheyAreStillErrors() throws Exception {
        slackApi.failNext(r -> r.path().equals("/api/auth.revoke") && r.form().isEmpty(), FakeServer.Reply.json(200,
                Map.of("ok", false, "error", "not_allowed_token_type")));
        Remediation.Outcome o = h.run(Remediation.Mode.APPLY, "slack-bot-token");
        assertFalse(o.complete());
        assertTrue(slackApi.live(slack));
        assertEquals(RunResult.Status.FAILED, o.run().orElseThrow().lines().get(0).status());
        assertTrue(o.run().orElseThrow().lines().get(0).message().contains("not_allowed_token_type"));
    }

    @Test
    void vaultBatchTokensAreLeftToExpire() throws Exception {
        String batch = "hvb" + "." + leaks.fake().chars(dev.keywarden.testing.FakeSecrets.BASE62, 120);
        Files.writeString(dir.resolve("batch.env"), "VAULT_TOKEN=" + batch + "\n");
        Harness b = new Harness(dir, Scans.files(dir, dir.resolve("b.json")), config(false));
        Remediation.Outcome o = b.run(Remediation.Mode.PLAN, "vault-batch-token");
        assertEquals(1, o.plan().items().size(), o.plan().items().toString());
        Plan.Manual m = (Plan.Manual) o.plan().items().get(0);
        assertTrue(m.reason().contains("vault-token"), m.reason());
        assertTrue(vault.requests().isEmpty());
    }

    @Test
    void gitLabRotationStoresTheNewTokenAndTheOldOneDiesWithIt() throws Exception {
        Files.writeString(h.config, config(true));
        Remediation.Outcome o = h.run(Remediation.Mode.APPLY, "gitlab-pat");
        assertTrue(o.complete(), o.run().toString());
        assertEquals(List.of(Action.ISSUE, Action.STORE), Harness.actionable(o, 0).steps().stream()
                .map(Plan.Step::action).toList(), "rotate revokes the old token itself");
        assertFalse(gitlab.live(glpat));
        String fresh = gitlab.liveTokens().get(0);
        assertEquals(fresh, vault.versions("ci/gitlab").get(1).get("token"));
        assertEquals(1, gitlab.requests("POST", "/api/v4/personal_access_tokens/self/rotate").size());
        h.assertPrivateAndClean(glpat, fresh, operator);
    }

    @Test
    void aRotatedTokenTheStoreRefusedIsKeptUntilAStoreTakesIt() throws Exception {
        Files.writeString(h.config, config(true));
        vault.failNext("POST", "/v1/secret/data/ci/gitlab", FakeServer.Reply.json(403, Map.of("errors",
                List.of("permission denied"))));
        Remediation.Outcome first = h.run(Remediation.Mode.APPLY, "gitlab-pat");
        assertFalse(first.complete());
        String fresh = gitlab.liveTokens().get(0);
        Path kept = h.stateFile().resolveSibling("rescue-" + first.plan().items().get(0).finding().fingerprint()
                + ".json");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(kept)));
        assertTrue(Files.readString(kept).contains(fresh), "the only copy of the new token");
        assertTrue(Files.readString(dir.resolve("incident.md")).contains("is kept in `" + kept + "`"));
        h.assertPrivateAndClean(fresh, glpat, operator); // state, audit and report never hold it

        Remediation.Outcome second = h.run(Remediation.Mode.APPLY, "gitlab-pat");
        assertTrue(second.complete(), second.run().toString());
        assertEquals(fresh, vault.versions("ci/gitlab").get(1).get("token"));
        assertFalse(Files.exists(kept), "deleted once stored");
        assertEquals(1, gitlab.requests("POST", "/api/v4/personal_access_tokens/self/rotate").size());
    }

    @Test
    void anInterruptedRotationIsNeverRetried() throws Exception {
        Files.writeString(h.config, config(true));
        gitlab.dropNextAfterApplying("POST", "/api/v4/personal_access_tokens/self/rotate");
        Remediation.Outcome first = h.run(Remediation.Mode.APPLY, "gitlab-pat");
        assertFalse(first.complete());
        String fp = first.plan().items().get(0).finding().fingerprint();
        assertEquals("started", h.stepStatus(fp, Action.ISSUE));
        assertEquals("absent", h.stepStatus(fp, Action.STORE));
        String successor = gitlab.liveTokens().get(0);

        Remediation.Outcome second = h.run(Remediation.Mode.APPLY, "gitlab-pat");
        assertFalse(second.complete());
        RunResult.Line line = second.run().orElseThrow().lines().get(0);
        assertEquals(RunResult.Status.INTERRUPTED, line.status());
        assertTrue(line.message().contains("never retried") && line.message().contains("dead"), line.message());
        assertEquals(1, gitlab.requests("POST", "/api/v4/personal_access_tokens/self/rotate").size(),
                "a second rotate of the revoked token would have revoked its successor too");
        assertTrue(gitlab.live(successor), "the successor lives");
        assertTrue(Files.readString(dir.resolve("incident.md")).contains("issue with gitlab started"));

        // the user settles it by hand and tells keywarden to forget the step: even then, a dead token is not rotated
        Remediation.forget(h.stateFile(), h.auditFile(), fp, java.util.Optional.of(Action.ISSUE), h.clock);
        assertEquals("absent", h.stepStatus(fp, Action.ISSUE));
        assertEquals("forget issue", h.audit().get(h.audit().size() - 1).path("action").asText());
        Remediation.Outcome third = h.run(Remediation.Mode.APPLY, "gitlab-pat");
        assertEquals(RunResult.Status.NOT_APPLIED, third.run().orElseThrow().lines().get(0).status());
        assertEquals(1, gitlab.requests("POST", "/api/v4/personal_access_tokens/self/rotate").size());
        assertTrue(gitlab.live(successor));
    }
}
