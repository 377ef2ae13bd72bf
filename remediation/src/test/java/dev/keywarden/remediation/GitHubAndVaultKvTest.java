package dev.keywarden.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keywarden.remediation.testing.FakeGitHub;
import dev.keywarden.remediation.testing.FakeServer;
import dev.keywarden.remediation.testing.FakeVault;
import dev.keywarden.remediation.testing.Leaks;
import dev.keywarden.remediation.testing.Scans;
import dev.keywarden.testing.TestRepo;
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
 * A GitHub token leaked in a work tree: remediate reads it back from a redacted report, checks it, stores a
 * replacement in Vault KV v2 with check-and-set and revokes the leaked token through GitHub's revocation API; state,
 * audit and incident report say what happened, including when a call fails or a connection drops.
 */
class GitHubAndVaultKvTest {
    @TempDir
    Path dir;

    final Leaks leaks = new Leaks(7);
    final String pat = leaks.githubPat();
    final String replacement = leaks.githubPat();
    final String operator = leaks.vaultToken();
    FakeGitHub github;
    FakeVault vault;
    Harness h;
    String fingerprint;

    @BeforeEach
    void setUp() throws Exception {
        github = new FakeGitHub().token(pat, "octocat");
        vault = new FakeVault().operator(operator).secret("ci/github", Map.of("token", pat, "user", "ci-bot"));
        Files.createDirectories(dir.resolve("deploy"));
        Files.writeString(dir.resolve("deploy/app.env"), "# deploy settings\nGITHUB_TOKEN=" + pat + "\n");
        Path findings = Scans.files(dir, dir.resolve("findings.json"));
        h = new Harness(dir, findings, config(""));
        h.env.put("KW_VAULT_TOKEN", operator);
        h.env.put("NEW_GITHUB_TOKEN", replacement);
        fingerprint = Harness.JSON.readTree(findings.toFile()).path("findings").get(0).path("fingerprint").asText();
    }

    String config(String extra) {
        return """
                [remediation]
                retries = 2
                retryDelayMillis = 1
                %s
                [remediation.connectors.github]
                endpoint = "%s"

                [remediation.connectors.vault-kv]
                endpoint = "%s"
                tokenEnv = "KW_VAULT_TOKEN"

                [remediation.rules.github-pat]
                store = "vault-kv"
                target = "ci/github"
                field = "token"
                replacementEnv = "NEW_GITHUB_TOKEN"
                """.formatted(extra, github.url(), vault.url());
    }

    @AfterEach
    void tearDown() {
        github.close();
        vault.close();
    }

    @Test
    void thePlanReadsTheSecretBackChecksItAndChangesNothing() throws Exception {
        assertTrue(Files.readString(h.findings).contains("\"redacted\" : true"), "the report is redacted");
        Remediation.Outcome o = h.run(Remediation.Mode.PLAN);

        Plan.Actionable a = Harness.actionable(o, 0);
        assertEquals("file " + dir.resolve("deploy/app.env"), a.source());
        assertEquals(Check.Liveness.LIVE, a.check().liveness());
        assertEquals("octocat", a.check().owner().orElseThrow());
        assertEquals(List.of(Action.STORE, Action.REVOKE), a.steps().stream().map(Plan.Step::action).toList());
        assertTrue(a.steps().get(0).target().contains("version 1"), a.steps().get(0).target());

        FakeServer.Request check = github.requests().get(0);
        assertEquals("GET /user", check.toString());
        assertEquals("token " + pat, check.header("Authorization"));
        assertTrue(github.requests("POST", "/").isEmpty(), "a plan revokes nothing");
        assertTrue(vault.requests("POST", "/").isEmpty(), "a plan writes nothing");
        assertTrue(github.live(pat));
        assertFalse(Files.exists(h.stateFile()), "a plan records no state");
        JsonNode audited = h.audit().get(0);
        assertEquals("check", audited.path("action").asText());
        assertEquals("live", audited.path("outcome").asText());
        assertEquals(Leak.sha256(pat), audited.path("secretSha256").asText());
        h.assertPrivateAndClean(pat, replacement, operator);
    }

    @Test
    void applyStoresWithCasThenRevokesAndRecordsBoth() throws Exception {
        Remediation.Outcome o = h.run(Remediation.Mode.APPLY);
        assertTrue(o.complete(), o.run().toString());

        FakeServer.Request write = vault.requests("POST", "/v1/secret/data/ci/github").get(0);
        assertEquals(operator, write.header("X-Vault-Token"));
        assertEquals(Harness.JSON.readTree("{\"options\":{\"cas\":1},\"data\":{\"token\":\"" + replacement
                + "\",\"user\":\"ci-bot\"}}"), write.json());
        assertEquals(Map.of("token", replacement, "user", "ci-bot"), vault.versions("ci/github").get(1));

        FakeServer.Request revoke = github.requests("POST", "/credentials/revoke").get(0);
        assertNull(revoke.header("Authorization"), "github.com refuses authenticated revocations");
        assertEquals("application/vnd.github+json", revoke.header("Accept"));
        assertEquals("2022-11-28", revoke.header("X-GitHub-Api-Version"));
        assertEquals(Harness.JSON.readTree("{\"credentials\":[\"" + pat + "\"]}"), revoke.json());
        assertFalse(github.live(pat));
        assertTrue(vault.requests("POST", "/").indexOf(write) >= 0);
        assertTrue(vault.requests().indexOf(write) >= 0 && github.requests().contains(revoke));

        assertEquals("done", h.stepStatus(fingerprint, Action.STORE));
        assertEquals("done", h.stepStatus(fingerprint, Action.REVOKE));
        List<JsonNode> audit = h.audit();
        JsonNode revoked = audit.stream().filter(l -> l.path("action").asText().equals("revoke")).findFirst()
                .orElseThrow();
        assertEquals("ok", revoked.path("outcome").asText());
        assertEquals("github", revoked.path("connector").asText());
        assertTrue(revoked.path("requestId").asText().startsWith("req-"), revoked.toString());
        for (String key : List.of("time", "fingerprint", "secretSha256", "connector", "action", "target",
                "requestId", "outcome", "error")) {
            assertTrue(revoked.has(key), key);
        }
        String report = Files.readString(dir.resolve("incident.md"));
        assertTrue(report.contains("revoke: done"), report);
        assertTrue(report.contains("Remove the secret from `"), report);
        h.assertPrivateAndClean(pat, replacement, operator);
        assertTrue(Files.readString(dir.resolve(Remediation.DEFAULT_DIR).resolve(".gitignore")).contains("*"));
    }

    @Test
    void aSecondApplyDoesNothingTwice() throws Exception {
        h.run(Remediation.Mode.APPLY);
        github.clearRequests();
        vault.clearRequests();

        Remediation.Outcome again = h.run(Remediation.Mode.APPLY);
        assertTrue(again.complete());
        assertTrue(github.requests("POST", "/").isEmpty(), "not revoked twice: " + github.requests());
        assertTrue(vault.requests("POST", "/").isEmpty(), "not written twice: " + vault.requests());
        assertEquals(2, vault.versions("ci/github").size());
        assertTrue(again.run().orElseThrow().lines().stream().allMatch(l -> l.status()
                == RunResult.Status.ALREADY_DONE), again.run().toString());
    }

    @Test
    void withGraceTheLeakedTokenLivesUntilFinish() throws Exception {
        Remediation.Outcome o = h.run(Remediation.Mode.APPLY, Duration.ofHours(24));
        assertEquals("done", h.stepStatus(fingerprint, Action.STORE));
        assertEquals("scheduled", h.stepStatus(fingerprint, Action.REVOKE));
        assertEquals("2026-11-30T10:00:00Z", h.state().path("findings").path(fingerprint).path("steps")
                .path("revoke").path("due").asText());
        assertTrue(github.live(pat), "the grace window keeps the old token alive");
        assertTrue(o.complete());

        h.clock.advance(Duration.ofHours(1));
        Remediation.Outcome early = h.run(Remediation.Mode.FINISH);
        assertEquals(RunResult.Status.WAITING, early.run().orElseThrow().lines().get(1).status());
        assertTrue(github.requests("POST", "/").isEmpty());

        h.clock.advance(Duration.ofHours(24));
        Remediation.Outcome finished = h.run(Remediation.Mode.FINISH);
        assertTrue(finished.complete());
        assertFalse(github.live(pat));
        assertEquals("done", h.stepStatus(fingerprint, Action.REVOKE));
        assertEquals(1, github.requests("POST", "/credentials/revoke").size());
    }

    @Test
    void aRefusedStoreWriteLeavesTheTokenAliveAndSaysSo() throws Exception {
        h.env.put("KW_VAULT_TOKEN", leaks.vaultToken()); // expired or wrong operator token
        Remediation.Outcome o = h.run(Remediation.Mode.APPLY);
        assertFalse(o.complete());
        assertEquals("failed", h.stepStatus(fingerprint, Action.STORE));
        assertEquals("absent", h.stepStatus(fingerprint, Action.REVOKE));
        assertTrue(github.live(pat), "never revoke before the replacement is stored");
        String error = h.audit().stream().filter(l -> l.path("action").asText().equals("store")).findFirst()
                .orElseThrow().path("error").asText();
        assertTrue(error.contains("HTTP 403: permission denied"), error);
    }

    @Test
    void aConcurrentChangeIsNeverOverwritten() throws Exception {
        String theirs = leaks.githubPat();
        vault.raceNextWrite("ci/github", Map.of("token", theirs, "user", "ci-bot"));
        Remediation.Outcome o = h.run(Remediation.Mode.APPLY);
        assertFalse(o.complete());
        assertEquals("failed", h.stepStatus(fingerprint, Action.STORE));
        assertEquals(theirs, vault.versions("ci/github").get(1).get("token"));
        assertEquals(2, vault.versions("ci/github").size(), "their version 2 stands, no version 3");
        assertEquals(1, vault.requests("POST", "/v1/secret/data/").size(), "a conflict is not retried blindly");
        assertTrue(h.state().path("findings").path(fingerprint).path("steps").path("store").path("detail").asText()
                .contains("changed while keywarden wrote it"));
        assertTrue(github.live(pat));
    }

    @Test
    void aStoreWriteLostToADroppedConnectionIsRecognisedOnRetry() throws Exception {
        vault.dropNextAfterApplying("POST", "/v1/secret/data/ci/github");
        Remediation.Outcome o = h.run(Remediation.Mode.APPLY);
        assertTrue(o.complete(), o.run().toString());
        assertEquals(2, vault.versions("ci/github").size(), "written once");
        assertEquals(1, vault.requests("POST", "/v1/secret/data/").size(), "the retry read it back instead");
        assertFalse(github.live(pat));
    }

    @Test
    void aRevocationLostMidwayIsUnknownInTheStateAndSettledByTheNextRun() throws Exception {
        Files.writeString(h.config, config("").replace("retries = 2", "retries = 0"));
        github.dropNextAfterApplying("POST", "/credentials/revoke");
        Remediation.Outcome o = h.run(Remediation.Mode.APPLY);
        assertFalse(o.complete());
        assertEquals("done", h.stepStatus(fingerprint, Action.STORE));
        assertEquals("started", h.stepStatus(fingerprint, Action.REVOKE), "outcome unknown");
        assertTrue(h.state().path("findings").path(fingerprint).path("steps").path("revoke").path("detail")
                .asText().startsWith("outcome unknown"));

        Remediation.Outcome again = h.run(Remediation.Mode.APPLY);
        assertTrue(again.complete(), again.run().toString());
        assertEquals("done", h.stepStatus(fingerprint, Action.REVOKE));
        assertEquals(1, github.requests("POST", "/credentials/revoke").size(),
                "the provider said it is dead: no second call");
    }

    @Test
    void throttlingIsRetriedAndAValidationErrorIsNot() throws Exception {
        github.failNext("POST", "/credentials/revoke", FakeServer.Reply.json(429, Map.of("message", "slow down")));
        assertTrue(h.run(Remediation.Mode.APPLY).complete());
        assertEquals(2, github.requests("POST", "/credentials/revoke").size());
        assertFalse(github.live(pat));
    }

    @Test
    void gitHubsHourlyLimitIsThrottlingRetriedThenReported() throws Exception {
        github.revokeCallsLeft(0);
        Remediation.Outcome o = h.run(Remediation.Mode.APPLY);
        assertFalse(o.complete());
        assertEquals(3, github.requests("POST", "/credentials/revoke").size(), "one try and two retries");
        assertEquals("failed", h.stepStatus(fingerprint, Action.REVOKE));
        assertTrue(h.state().path("findings").path(fingerprint).path("steps").path("revoke").path("detail").asText()
                .contains("rate limit"));
        assertEquals(2, h.audit().stream().filter(l -> l.path("outcome").asText().equals("retrying")).count());
    }

    @Test
    void aValidationErrorFailsTheStepAtOnce() throws Exception {
        github.failNext("POST", "/credentials/revoke", FakeServer.Reply.json(422, Map.of("message",
                "Validation Failed")));
        Remediation.Outcome o = h.run(Remediation.Mode.APPLY);
        assertFalse(o.complete());
        assertEquals(1, github.requests("POST", "/credentials/revoke").size());
        assertEquals("failed", h.stepStatus(fingerprint, Action.REVOKE));
        assertTrue(h.state().path("findings").path(fingerprint).path("steps").path("revoke").path("detail")
                .asText().contains("HTTP 422: Validation Failed"));
    }

    @Test
    void aFileChangedSinceTheScanIsNotActedOn() throws Exception {
        Files.writeString(dir.resolve("deploy/app.env"), "# deploy settings\nGITHUB_TOKEN=" + leaks.githubPat()
                + "\n");
        Remediation.Outcome o = h.run(Remediation.Mode.APPLY);
        assertFalse(o.complete());
        Plan.Unverified u = assertInstanceOf(Plan.Unverified.class, o.plan().items().get(0));
        assertTrue(u.reason().contains("does not match the fingerprint"), u.reason());
        assertTrue(github.requests().isEmpty());
        assertTrue(vault.requests().isEmpty());
        assertTrue(Files.readString(dir.resolve("incident.md")).contains("--no-redact"));
    }

    @Test
    void gitHubTokensAreRevokedInOneBatchedCall() throws Exception {
        String second = leaks.githubPat();
        github.token(second, "hubot");
        Files.writeString(dir.resolve("deploy/other.env"), "GH_TOKEN=" + second + "\n");
        Harness both = new Harness(dir, Scans.files(dir, dir.resolve("both.json")), config("").replace(
                "[remediation.rules.github-pat]", "[remediation.rules.unused]"));
        assertTrue(both.run(Remediation.Mode.APPLY).complete());
        List<FakeServer.Request> calls = github.requests("POST", "/credentials/revoke");
        assertEquals(1, calls.size(), "one call for both: GitHub allows 60 an hour");
        assertEquals(java.util.Set.of(pat, second), java.util.Set.of(calls.get(0).json().path("credentials").get(0)
                .asText(), calls.get(0).json().path("credentials").get(1).asText()));
        assertFalse(github.live(pat) || github.live(second));
        assertEquals(2, both.audit().stream().filter(l -> l.path("action").asText().equals("revoke")
                && l.path("outcome").asText().equals("ok")).count(), "audited per finding");
    }

    @Test
    void aSecretWithCasRequiredOrNotThereYetIsWrittenWithCas() throws Exception {
        vault.casRequired("ci/github");
        assertTrue(h.run(Remediation.Mode.APPLY).complete());
        assertEquals(replacement, vault.versions("ci/github").get(1).get("token"));

        Files.writeString(h.config, config("").replace("target = \"ci/github\"", "target = \"ci/new\""));
        Files.delete(h.stateFile());
        github.token(pat, "octocat");
        assertTrue(h.run(Remediation.Mode.APPLY).complete());
        assertEquals(0, vault.requests("POST", "/v1/secret/data/ci/new").get(0).json().path("options").path("cas")
                .asInt(), "cas 0: only if nobody created it meanwhile");
        assertEquals(List.of(Map.of("token", replacement)), vault.versions("ci/new"));
    }

    @Test
    void theSameTokenInTwoFilesIsRevokedOnce() throws Exception {
        Files.writeString(dir.resolve("deploy/copy.env"), "GITHUB_TOKEN=" + pat + "\n");
        Harness twice = new Harness(dir, Scans.files(dir, dir.resolve("twice.json")), config(""));
        twice.env.putAll(h.env);
        Remediation.Outcome o = twice.run(Remediation.Mode.APPLY);
        assertEquals(2, o.plan().items().size());
        Plan.Actionable second = Harness.actionable(o, 1);
        assertTrue(second.steps().isEmpty() && second.notes().get(0).startsWith(Planner.SAME_AS), second.notes()
                .toString());
        assertTrue(o.complete(), o.run().toString());
        assertEquals(1, github.requests("GET", "/user").size(), "checked once");
        assertEquals(1, github.requests("POST", "/credentials/revoke").size());
        assertEquals(2, vault.versions("ci/github").size(), "one replacement stored");
    }

    @Test
    void gitHubEnterpriseRevocationsAreAuthenticatedWithTheVariableTokenEnvNames() throws Exception {
        String ghesOperator = leaks.githubPat();
        github.enterprise(ghesOperator);
        Files.writeString(h.config, config("").replace("[remediation.connectors.github]",
                "[remediation.connectors.github]\ntokenEnv = \"GHES_TOKEN\""));
        h.env.put("GHES_TOKEN", ghesOperator);
        assertTrue(h.run(Remediation.Mode.APPLY).complete());
        assertEquals("Bearer " + ghesOperator, github.requests("POST", "/credentials/revoke").get(0)
                .header("Authorization"));
        assertFalse(github.live(pat));
        h.assertPrivateAndClean(pat, ghesOperator);

        h.env.remove("GHES_TOKEN");
        Remediation.Outcome unset = h.run(Remediation.Mode.PLAN);
        Plan.Manual m = assertInstanceOf(Plan.Manual.class, unset.plan().items().get(0));
        assertTrue(m.reason().contains("GHES_TOKEN"), m.reason());
    }

    @Test
    void twoAppliesAtOnceAreRefused() throws Exception {
        try (RunLock held = RunLock.acquire(h.stateFile())) {
            RemediationException e = org.junit.jupiter.api.Assertions.assertThrows(RemediationException.class,
                    () -> h.run(Remediation.Mode.APPLY));
            assertTrue(e.getMessage().contains("another keywarden remediate"), e.getMessage());
        }
        assertTrue(github.live(pat));
        assertTrue(h.run(Remediation.Mode.APPLY).complete(), "the lock goes with the run");
    }

    @Test
    void finishStillFindsASecretRemovedFromTheFileAfterApplyInTheFilesHistory() throws Exception {
        Path repoDir = dir.resolve("app");
        try (TestRepo repo = TestRepo.init(repoDir)) {
            repo.write("deploy/app.env", "# deploy settings\nGITHUB_TOKEN=" + pat + "\n").commit("deploy");
            repo.write("README.md", "app\n").commit("readme");
        }
        Harness app = new Harness(repoDir, Scans.files(repoDir, dir.resolve("app.json")), config(""));
        app.env.putAll(h.env);
        assertTrue(app.run(Remediation.Mode.APPLY, Duration.ofHours(1)).complete());
        Files.writeString(repoDir.resolve("deploy/app.env"), "# deploy settings\nGITHUB_TOKEN_FILE=/run/secrets/gh\n");

        app.clock.advance(Duration.ofHours(2));
        Remediation.Outcome finished = app.run(Remediation.Mode.FINISH);
        assertTrue(finished.complete(), finished.plan().items().toString());
        assertTrue(Harness.actionable(finished, 0).source().startsWith("commit "), Harness.actionable(finished, 0)
                .source());
        assertFalse(github.live(pat));
    }

    @Test
    void onlyNarrowsTheRunByRuleOrFingerprint() throws Exception {
        assertTrue(h.run(Remediation.Mode.PLAN, "aws-access-key-id").plan().items().isEmpty());
        assertEquals(1, h.run(Remediation.Mode.PLAN, fingerprint).plan().items().size());
        assertEquals(1, h.run(Remediation.Mode.PLAN, "github-pat").plan().items().size());
    }

    @Test
    void aSecretOnlyInHistoryIsReadFromItsBlob() throws Exception {
        Path repoDir = dir.resolve("repo");
        try (TestRepo repo = TestRepo.init(repoDir)) {
            repo.write("ci/deploy.sh", "export GITHUB_TOKEN=" + pat + "\n").commit("deploy script");
            repo.write("ci/deploy.sh", "export GITHUB_TOKEN=\"$(vault kv get -field=token secret/ci/github)\"\n")
                    .commit("read the token from vault");
        }
        Path findings = Scans.history(repoDir, dir.resolve("history.json"));
        Harness hist = new Harness(repoDir, findings, config(""));
        hist.env.putAll(h.env);
        Remediation.Outcome o = hist.run(Remediation.Mode.APPLY);
        assertTrue(o.complete(), o.plan().items().toString());
        assertTrue(Harness.actionable(o, 0).source().startsWith("blob "), Harness.actionable(o, 0).source());
        assertFalse(github.live(pat));
        String report = Files.readString(repoDir.resolve("incident.md"));
        assertTrue(report.contains("In history only"), report);
        assertTrue(report.contains("Rewrite history"), report);
        assertFalse(report.contains("Remove the secret from `"), report);
    }
}
