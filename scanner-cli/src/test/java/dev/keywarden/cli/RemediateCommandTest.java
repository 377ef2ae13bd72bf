package dev.keywarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keywarden.remediation.testing.FakeGitHub;
import dev.keywarden.remediation.testing.FakeVault;
import dev.keywarden.remediation.testing.Leaks;
import dev.keywarden.testing.TestRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real commands end to end: {@code keywarden git} writes a redacted report, and {@code keywarden remediate} plans,
 * applies with a grace window, finishes and reports, in a separate JVM whose environment holds the operator's
 * credentials, as a user's shell would.
 */
class RemediateCommandTest {
    @TempDir
    Path dir;

    final Leaks leaks = new Leaks(31);
    final String pat = leaks.githubPat();
    final String replacement = leaks.githubPat();
    final String operator = leaks.vaultToken();
    FakeGitHub github;
    FakeVault vault;
    Path repo;
    Path findings;

    @BeforeEach
    void setUp() throws Exception {
        github = new FakeGitHub().token(pat, "octocat");
        vault = new FakeVault().operator(operator).secret("ci/github", Map.of("token", pat));
        repo = dir.resolve("repo");
        try (TestRepo r = TestRepo.init(repo)) {
            r.write("deploy/app.env", "GITHUB_TOKEN=" + pat + "\n").commit("deploy settings");
        }
        Files.writeString(repo.resolve(".keywarden.toml"), """
                [remediation]
                retryDelayMillis = 1
                [remediation.connectors.github]
                endpoint = "%s"
                [remediation.connectors.vault-kv]
                endpoint = "%s"
                tokenEnv = "KW_TEST_VAULT_TOKEN"
                [remediation.rules.github-pat]
                store = "vault-kv"
                target = "ci/github"
                field = "token"
                replacementEnv = "KW_TEST_NEW_TOKEN"
                """.formatted(github.url(), vault.url()));
        findings = dir.resolve("findings.json");
        CliRun scan = CliRun.run("git", repo.toString(), "--format", "json", "--output", findings.toString(),
                "--no-progress");
        assertEquals(ExitCodes.FINDINGS, scan.code(), scan.toString());
    }

    @AfterEach
    void tearDown() {
        github.close();
        vault.close();
    }

    record Run(int code, String out, String err) {
    }

    /** {@code keywarden ARGS} in its own JVM, with the operator's credentials in its environment. */
    Run keywarden(String... args) throws IOException, InterruptedException {
        return keywarden(Map.of(), args);
    }

    Run keywarden(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("KW_TEST_VAULT_TOKEN", operator);
        pb.environment().put("KW_TEST_NEW_TOKEN", replacement);
        pb.environment().putAll(env);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "keywarden did not finish");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void planApplyFinishAndReport() throws Exception {
        Run plan = keywarden("remediate", "--findings", findings.toString(), "-C", repo.toString());
        assertEquals(0, plan.code(), plan.toString());
        assertTrue(plan.out().contains("nothing is changed without --apply"), plan.out());
        assertTrue(plan.out().contains("check         live, owner octocat"), plan.out());
        assertTrue(plan.out().contains("1. store     vault-kv: vault-kv ci/github (version 1"), plan.out());
        assertTrue(plan.out().contains("2. revoke    github: GitHub token at 127.0.0.1"), plan.out());
        assertTrue(github.live(pat));

        Run apply = keywarden("remediate", "--findings", findings.toString(), "-C", repo.toString(), "--apply",
                "--grace", "1s");
        assertEquals(0, apply.code(), apply.toString());
        assertTrue(apply.out().contains("store   vault-kv     done"), apply.out());
        assertTrue(apply.out().contains("revoke  github       scheduled"), apply.out());
        assertEquals(replacement, vault.versions("ci/github").get(1).get("token"));
        assertTrue(github.live(pat), "the grace window has not passed");

        Thread.sleep(1500);
        Path report = dir.resolve("incident.md");
        Run finish = keywarden("remediate", "--finish", "-C", repo.toString(), "--report", report.toString());
        assertEquals(0, finish.code(), finish.toString());
        assertTrue(finish.out().contains("revoke  github       done"), finish.out());
        assertFalse(github.live(pat));

        String incident = Files.readString(report);
        assertTrue(incident.contains("| github-pat | deploy/app.env:1"), incident);
        assertTrue(incident.contains("Still at HEAD"), incident);
        assertTrue(incident.contains("store: done") && incident.contains("revoke: done"), incident);
        assertTrue(incident.contains("Rewrite history"), incident);
        Path state = repo.resolve(".keywarden/remediation/state.json");
        Path audit = repo.resolve(".keywarden/remediation/audit.jsonl");
        for (Path p : List.of(state, audit, report)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
            String text = Files.readString(p, StandardCharsets.UTF_8);
            assertFalse(text.contains(pat) || text.contains(replacement) || text.contains(operator), p.toString());
        }
        List<String> actions = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(audit)) {
            actions.add(json.readTree(line).path("action").asText() + ":" + json.readTree(line).path("outcome")
                    .asText());
        }
        assertEquals(List.of("check:live", "check:live", "store:ok", "revoke:scheduled", "check:live", "revoke:ok"),
                actions);
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(repo.toFile())) {
            assertEquals(java.util.Set.of(".keywarden.toml"), git.status().call().getUntracked(),
                    "state and audit are ignored by git, never committed by accident");
        }
    }

    @Test
    void allSevenConnectorsThroughTheCommands() throws Exception {
        String glpat = leaks.gitlabPat();
        String slack = leaks.slackBotToken();
        String vaultToken = leaks.vaultToken();
        String awsKey = leaks.awsAccessKeyId();
        String operatorKey = leaks.awsAccessKeyId();
        String account = dev.keywarden.remediation.aws.AwsKeys.format(dev.keywarden.remediation.aws.AwsKeys
                .account(awsKey).orElseThrow());
        vault.token(vaultToken, "deploy");
        try (dev.keywarden.remediation.testing.FakeGitLab gitlab = new dev.keywarden.remediation.testing.FakeGitLab(
                leaks::gitlabPat).token(glpat, "ci", 7);
             dev.keywarden.remediation.testing.FakeSlack slackApi = new dev.keywarden.remediation.testing.FakeSlack()
                     .token(slack, "bot");
             dev.keywarden.remediation.testing.FakeAws aws = new dev.keywarden.remediation.testing.FakeAws(
                     operatorKey, account, () -> new String[] {leaks.awsAccessKeyId(), leaks.awsSecretAccessKey()})
                     .key("deployer", awsKey, leaks.awsSecretAccessKey()).secret("prod/deployer", "{}")) {
            Path work = dir.resolve("work");
            try (TestRepo r = TestRepo.init(work)) {
                r.write("config/services.env", "GITHUB_TOKEN=" + pat + "\nGITLAB_TOKEN=" + glpat
                        + "\nSLACK_TOKEN=" + slack + "\nVAULT_TOKEN=" + vaultToken + "\nAWS_ACCESS_KEY_ID=" + awsKey
                        + "\n").commit("service settings");
            }
            Files.writeString(work.resolve(".keywarden.toml"), Files.readString(repo.resolve(".keywarden.toml"))
                    + """
                    [remediation.connectors.gitlab]
                    endpoint = "%s/api/v4"
                    [remediation.connectors.slack]
                    endpoint = "%s/api"
                    [remediation.connectors.vault-token]
                    endpoint = "%s"
                    [remediation.connectors.aws-iam]
                    iamEndpoint = "%s"
                    stsEndpoint = "%s"
                    [remediation.connectors.aws-secretsmanager]
                    endpoint = "%s"
                    [remediation.rules.aws-access-key-id]
                    store = "aws-secretsmanager"
                    target = "prod/deployer"
                    fields = { accessKeyId = "AWS_ACCESS_KEY_ID", secretAccessKey = "AWS_SECRET_ACCESS_KEY" }
                    """.formatted(gitlab.url(), slackApi.url(), vault.url(), aws.url(), aws.url(), aws.url()));
            Path report = dir.resolve("all.json");
            assertEquals(ExitCodes.FINDINGS, CliRun.run("git", work.toString(), "--format", "json", "--output",
                    report.toString(), "--no-progress").code());
            Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", operatorKey, "AWS_SECRET_ACCESS_KEY",
                    leaks.awsSecretAccessKey());

            Run plan = keywarden(env, "remediate", "--findings", report.toString(), "-C", work.toString());
            assertEquals(0, plan.code(), plan.toString());
            for (String connector : List.of("github", "gitlab", "slack", "vault-token", "aws-iam")) {
                assertTrue(plan.out().contains("connector     " + connector + ":"), connector + " in " + plan.out());
            }
            assertTrue(plan.out().contains("store     aws-secretsmanager: aws-secretsmanager prod/deployer"),
                    plan.out());

            Run apply = keywarden(env, "remediate", "--findings", report.toString(), "-C", work.toString(),
                    "--apply", "--grace", "1s");
            assertEquals(0, apply.code(), apply.toString());
            assertFalse(gitlab.live(glpat) || slackApi.live(slack) || vault.live(vaultToken), apply.out());
            assertTrue(github.live(pat), "rotated with a grace window");
            assertEquals("Active", aws.keys().get(awsKey).status(), "rotated with a grace window");
            assertEquals(2, aws.keys().size());

            Thread.sleep(1500);
            Path incident = dir.resolve("all.md");
            Run finish = keywarden(env, "remediate", "--finish", "-C", work.toString(), "--report",
                    incident.toString());
            assertEquals(0, finish.code(), finish.toString());
            assertFalse(github.live(pat));
            assertFalse(aws.keys().containsKey(awsKey), "deactivated, then deleted");
            String text = Files.readString(incident);
            for (String rule : List.of("github-pat", "gitlab-pat", "slack-bot-token", "vault-service-token",
                    "aws-access-key-id")) {
                assertTrue(text.contains("| " + rule + " |"), rule + " in the report");
            }
            assertFalse(text.contains("planned, not applied"), text);
        }
    }

    @Test
    void aCredentialInTheConfigIsRefused() throws Exception {
        Files.writeString(repo.resolve(".keywarden.toml"), """
                [remediation.connectors.vault-kv]
                endpoint = "http://127.0.0.1:1"
                token = "not-here"
                """);
        CliRun r = CliRun.run("remediate", "--findings", findings.toString(), "-C", repo.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("'token' would put a credential in the config file"), r.err());
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliRun noFindings = CliRun.run("remediate", "-C", repo.toString());
        assertEquals(ExitCodes.USAGE, noFindings.code(), noFindings.toString());
        CliRun badGrace = CliRun.run("remediate", "--findings", findings.toString(), "--grace", "soon");
        assertEquals(ExitCodes.USAGE, badGrace.code());
        assertTrue(badGrace.err().contains("--grace takes a duration"), badGrace.err());
        CliRun notAReport = CliRun.run("remediate", "--findings", repo.resolve("deploy/app.env").toString());
        assertEquals(ExitCodes.USAGE, notAReport.code(), notAReport.toString());
        CliRun badStep = CliRun.run("remediate", "-C", repo.toString(), "--forget", "0".repeat(32) + ":rotate");
        assertEquals(ExitCodes.USAGE, badStep.code());
        assertTrue(badStep.err().contains("no step 'rotate'"), badStep.err());
        CliRun nothing = CliRun.run("remediate", "-C", repo.toString(), "--forget", "0".repeat(32));
        assertEquals(ExitCodes.USAGE, nothing.code());
        assertTrue(nothing.err().contains("has no record of " + "0".repeat(32)), nothing.err());
    }

    @Test
    void anUnverifiableFindingMakesTheRunIncomplete() throws Exception {
        CliRun r = CliRun.run("remediate", "--findings", findings.toString(), "-C", dir.resolve("elsewhere")
                .toString(), "--state", dir.resolve("s.json").toString(), "--audit-log", dir.resolve("a.jsonl")
                .toString());
        assertEquals(ExitCodes.IO_FAILURE, r.code(), r.toString());
        assertTrue(r.out().contains("unverified"), r.out());
        assertTrue(github.requests().isEmpty());
    }

    @Test
    void listsTheBuiltInConnectors() {
        CliRun r = CliRun.run("remediate", "--list-connectors");
        assertEquals(ExitCodes.CLEAN, r.code(), r.toString());
        for (String id : List.of("aws-iam", "aws-secretsmanager", "github", "gitlab", "slack", "vault-kv",
                "vault-token")) {
            assertTrue(r.out().contains(id + " "), id + " in " + r.out());
        }
    }
}
