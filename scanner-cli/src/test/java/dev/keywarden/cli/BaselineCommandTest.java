package dev.keywarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.testing.FakeSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keywarden baseline create|update} and {@code --baseline}, on real repositories driven by the git CLI: the
 * baseline survives moves and reformatting, reports only what is new, prunes what is gone, and merges.
 */
class BaselineCommandTest {
    @TempDir
    Path dir;

    /** Outside the repository: a gitleaks report holds secrets, and would be found in it. */
    @TempDir
    Path elsewhere;

    private final FakeSecrets fake = new FakeSecrets(4004);

    private Path repo() throws Exception {
        git("init", "-q", "-b", "main");
        git("config", "user.name", "Tess Tester");
        git("config", "user.email", "tess@example.com");
        git("config", "commit.gpgsign", "false");
        return dir;
    }

    private void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private void commit(String message) throws Exception {
        git("add", "-A");
        git("commit", "-q", "-m", message);
    }

    private String baselineText() throws IOException {
        return Files.readString(dir.resolve(".keywarden-baseline.json"));
    }

    private CliRun scan(String... more) {
        List<String> args = new ArrayList<>(List.of("scan", dir.toString(), "--no-progress", "--baseline",
                dir.resolve(".keywarden-baseline.json").toString()));
        args.addAll(List.of(more));
        return CliRun.run(args.toArray(String[]::new));
    }

    @Test
    void aBaselinedSecretStaysBaselinedWhenItsLineMovesAndTheFileIsReformatted() throws Exception {
        repo();
        String token = fake.githubToken("ghp");
        write("config/app.env", "name=app\nGITHUB_TOKEN=" + token + "\n");
        commit("app config");
        CliRun created = CliRun.run("baseline", "create", dir.toString());
        assertEquals(ExitCodes.CLEAN, created.code(), created.toString());
        assertTrue(created.out().contains("1 finding (files)"), created.toString());
        assertTrue(created.out().contains("hint: add '.keywarden-baseline.json merge=union' to .gitattributes"),
                created.toString());
        String before = baselineText();
        assertFalse(before.contains(token), "no secret in the baseline");

        assertEquals(ExitCodes.FINDINGS, CliRun.run("scan", dir.toString(), "--no-progress").code(), "no baseline");
        assertEquals(ExitCodes.CLEAN, scan().code());

        // moved down, re-indented, quoted, surrounded by new lines: the same secret in the same file
        write("config/app.env", "# application settings\n\n[app]\n    name = \"app\"\n\n[github]\n    token = \""
                + token + "\"   # deploy key\n");
        CliRun moved = scan();
        assertEquals(ExitCodes.CLEAN, moved.code(), moved.toString());
        assertTrue(moved.err().contains("suppressed") || moved.out().contains("suppressed"), moved.toString());
        commit("reformat");
        CliRun history = CliRun.run("git", dir.toString(), "--no-progress", "--baseline",
                dir.resolve(".keywarden-baseline.json").toString());
        assertEquals(ExitCodes.CLEAN, history.code(), "both versions in history are the same finding: " + history);

        CliRun updated = CliRun.run("baseline", "update", dir.toString());
        assertTrue(updated.out().contains("0 added, 0 pruned, 1 unchanged"), updated.toString());
        assertEquals(before, baselineText(), "nothing moved in the baseline: no churn");
    }

    @Test
    void aNewSecretIsReportedAloneAndUpdateAddsItAndPrunesARemovedOne() throws Exception {
        repo();
        String old = fake.githubToken("ghp");
        String fresh = fake.githubToken("ghp");
        write("a.env", "OLD=" + old + "\n");
        commit("old");
        assertEquals(ExitCodes.CLEAN, CliRun.run("baseline", "create", dir.toString()).code());

        write("b.env", "x=1\nNEW=" + fresh + "\n");
        CliRun r = scan("--format", "json");
        assertEquals(ExitCodes.FINDINGS, r.code(), r.toString());
        assertTrue(r.out().contains("\"file\" : \"" + dir + "/b.env\"") || r.out().contains("b.env"), r.toString());
        assertFalse(r.out().contains("a.env"), "the baselined secret is not reported: " + r.out());
        assertTrue(r.out().contains("\"findings\" : 1") || r.out().contains("\"findings\": 1"), r.out());

        Files.delete(dir.resolve("a.env"));
        CliRun updated = CliRun.run("baseline", "update", dir.toString());
        assertEquals(ExitCodes.CLEAN, updated.code(), updated.toString());
        assertTrue(updated.out().contains("1 added, 1 pruned, 0 unchanged; 1 finding (files)"), updated.toString());
        String text = baselineText();
        assertTrue(text.contains("\"path\": \"b.env\""), text);
        assertFalse(text.contains("a.env"), "the removed secret's entry is pruned: " + text);
        assertEquals(ExitCodes.CLEAN, scan().code());
    }

    @Test
    void aHistoryBaselineRecordsSecretsOnlyInHistoryAndUpdateScansHistoryAgain() throws Exception {
        repo();
        write("deploy.sh", "export TOKEN=" + fake.githubToken("ghp") + "\n");
        commit("deploy script");
        write("deploy.sh", "export TOKEN=\"$DEPLOY_TOKEN\"\n");
        commit("read the token from the environment");
        CliRun created = CliRun.run("baseline", "create", "--git", dir.toString());
        assertTrue(created.out().contains("1 finding (git)"), created.toString());
        assertTrue(baselineText().startsWith("[{\"keywardenBaseline\": 1, \"scan\": \"git\""), baselineText());
        String path = dir.resolve(".keywarden-baseline.json").toString();
        assertEquals(ExitCodes.FINDINGS, CliRun.run("git", dir.toString(), "--no-progress").code());
        assertEquals(ExitCodes.CLEAN, CliRun.run("git", dir.toString(), "--no-progress", "--baseline", path).code());

        write("other.sh", "T=" + fake.githubToken("ghp") + "\n");
        commit("another");
        CliRun git = CliRun.run("git", dir.toString(), "--no-progress", "--baseline", path);
        assertEquals(ExitCodes.FINDINGS, git.code(), git.toString());
        assertTrue(git.out().contains("other.sh") && !git.out().contains("deploy.sh"), git.toString());
        CliRun updated = CliRun.run("baseline", "update", dir.toString());
        assertTrue(updated.out().contains("1 added, 0 pruned, 1 unchanged; 2 findings (git)"), updated.toString());
    }

    @Test
    void stagedWithABaselineIgnoresABaselinedSecretMovedWithinItsFile() throws Exception {
        repo();
        String token = fake.githubToken("ghp");
        write("app.env", "T=" + token + "\nname=app\n");
        commit("root");
        assertEquals(ExitCodes.CLEAN, CliRun.run("baseline", "create", dir.toString()).code());
        write("app.env", "name=app\nT=" + token + "\n");
        git("add", "app.env");
        assertEquals(ExitCodes.FINDINGS, CliRun.run("staged", dir.toString()).code(), "the move adds the line");
        CliRun r = CliRun.run("staged", dir.toString(), "--baseline", dir.resolve(".keywarden-baseline.json")
                .toString());
        assertEquals(ExitCodes.CLEAN, r.code(), r.toString());
    }

    @Test
    void aPullRequestRangeWithABaselineReportsOnlyTheSecretItAdds() throws Exception {
        repo();
        String known = fake.githubToken("ghp");
        write("app.env", "T=" + known + "\n");
        commit("root");
        assertEquals(ExitCodes.CLEAN, CliRun.run("baseline", "create", "--git", dir.toString()).code());
        commit("baseline");
        git("checkout", "-q", "-b", "feature");
        write("app.env", "# moved\nname=app\nexport T=\"" + known + "\"\n");
        write("new.env", "N=" + fake.githubToken("ghp") + "\n");
        commit("feature: reformat the settings, add a token");
        String baseline = dir.resolve(".keywarden-baseline.json").toString();
        CliRun r = CliRun.run("git", dir.toString(), "--range", "main..feature", "--no-progress", "--baseline",
                baseline);
        assertEquals(ExitCodes.FINDINGS, r.code(), r.toString());
        assertTrue(r.out().contains("new.env:1") && !r.out().contains("app.env"), r.toString());
        assertTrue(r.out().contains("1 suppressed"), "the rewritten line is added, and baselined: " + r);
    }

    /**
     * Two branches each add a secret and update the baseline; git merges the two baselines without a conflict, and
     * the merged baseline accepts both. With {@code merge=union} (as the README advises) even entries added at the
     * same place in the sorted list merge.
     */
    @Test
    void twoBranchesThatBothUpdatedTheBaselineMergeWithoutConflict() throws Exception {
        repo();
        write("m/middle.env", "T=" + fake.githubToken("ghp") + "\n");
        commit("root");
        assertEquals(ExitCodes.CLEAN, CliRun.run("baseline", "create", dir.toString()).code());
        commit("baseline");

        git("checkout", "-q", "-b", "feature-a");
        write("a/first.env", "T=" + fake.githubToken("ghp") + "\n");
        assertTrue(CliRun.run("baseline", "update", dir.toString()).out().contains("1 added"));
        commit("a: accept its test token");

        git("checkout", "-q", "main");
        write("z/last.env", "T=" + fake.githubToken("ghp") + "\n");
        assertTrue(CliRun.run("baseline", "update", dir.toString()).out().contains("1 added"));
        commit("z: accept its test token");

        Result merge = gitResult("merge", "-q", "--no-edit", "feature-a");
        assertEquals(0, merge.code(), "entries in different places merge cleanly: " + merge.output());
        assertEquals(3, baselineText().lines().filter(l -> l.startsWith(",{")).count(), baselineText());
        assertEquals(ExitCodes.CLEAN, scan().code(), "the merged baseline accepts both branches' secrets");
        String merged = baselineText();
        CliRun update = CliRun.run("baseline", "update", dir.toString());
        assertTrue(update.out().contains("0 added, 0 pruned, 3 unchanged"), update.toString());
        assertEquals(merged, baselineText(), "the merge result is already sorted");

        // both branches add an entry between the same two lines: without the union driver, git stops; taking
        // either side and running baseline update is the documented resolution
        git("checkout", "-q", "-b", "feature-c");
        write("m/c1.env", "T=" + fake.githubToken("ghp") + "\n");
        CliRun.run("baseline", "update", dir.toString());
        commit("c: m/c1.env, entered after m/middle.env");
        git("checkout", "-q", "main");
        write("m/c2.env", "T=" + fake.githubToken("ghp") + "\n");
        CliRun.run("baseline", "update", dir.toString());
        commit("main: m/c2.env, entered there too");
        merge = gitResult("merge", "-q", "--no-edit", "feature-c");
        assertEquals(1, merge.code(), "the same place in the list: a conflict without merge=union");
        assertTrue(merge.output().contains("CONFLICT (content): Merge conflict in .keywarden-baseline.json"),
                merge.output());
        git("checkout", "--theirs", ".keywarden-baseline.json");
        CliRun resolved = CliRun.run("baseline", "update", dir.toString());
        assertTrue(resolved.out().contains("1 added, 0 pruned, 4 unchanged"), resolved.toString());
        commit("merge feature-c");
        assertEquals(ExitCodes.CLEAN, scan().code(), "the resolved baseline accepts both branches' secrets");

        // with the union driver the same situation merges by itself
        write(".gitattributes", ".keywarden-baseline.json merge=union\n");
        commit("merge baselines by union");
        CliRun recreated = CliRun.run("baseline", "create", dir.toString());
        assertFalse(recreated.out().contains("hint:"), "the attribute is set: " + recreated);
        assertTrue(gitResult("status", "--porcelain").output().isEmpty(), "re-creating keeps the salt: no change");
        git("checkout", "-q", "-b", "feature-b");
        write("m/n1.env", "T=" + fake.githubToken("ghp") + "\n");
        CliRun.run("baseline", "update", dir.toString());
        commit("b: m/n1.env, entered after m/middle.env");
        git("checkout", "-q", "main");
        write("m/n2.env", "T=" + fake.githubToken("ghp") + "\n");
        CliRun.run("baseline", "update", dir.toString());
        commit("main: m/n2.env, entered after m/middle.env too");
        merge = gitResult("merge", "-q", "--no-edit", "feature-b");
        assertEquals(0, merge.code(), merge.output());
        assertFalse(baselineText().contains("<<<<<<<"), baselineText());
        assertEquals(ExitCodes.CLEAN, scan().code(), "every secret is baselined after the merge");
        CliRun tidy = CliRun.run("baseline", "update", dir.toString());
        assertTrue(tidy.out().contains("0 added, 0 pruned, 7 unchanged"), tidy.toString());
        List<String> paths = baselineText().lines().filter(l -> l.startsWith(",{"))
                .map(l -> l.substring(l.indexOf("\"path\": \"") + 9, l.indexOf("\", \"ruleId\""))).toList();
        assertEquals(List.of("a/first.env", "m/c1.env", "m/c2.env", "m/middle.env", "m/n1.env", "m/n2.env",
                "z/last.env"), paths, "update puts the union back in order");
    }

    @Test
    void aGitleaksReportAndAGitleaksIgnoreAreAcceptedAndConverted() throws Exception {
        repo();
        String known = fake.githubToken("ghp");
        String other = fake.githubToken("ghp");
        write("src/app.env", "a=1\nTOKEN=" + known + "\n");
        write("src/more.env", "TOKEN=" + other + "\n");
        commit("root");
        String commit = gitResult("rev-parse", "HEAD").output().strip();

        Path report = elsewhere.resolve("gitleaks-report.json");
        Files.writeString(report, "[{\"Description\": \"GitHub PAT\", \"StartLine\": 2, \"File\": \"src/app.env\","
                + " \"Secret\": \"" + known + "\", \"Commit\": \"" + commit + "\", \"RuleID\": \"github-pat\","
                + " \"Fingerprint\": \"" + commit + ":src/app.env:github-pat:2\"}]\n");
        CliRun withReport = CliRun.run("git", dir.toString(), "--no-progress", "--baseline", report.toString());
        assertEquals(ExitCodes.FINDINGS, withReport.code(), withReport.toString());
        assertTrue(withReport.out().contains("src/more.env") && !withReport.out().contains("src/app.env"),
                withReport.toString());

        Path ignore = dir.resolve(".gitleaksignore");
        Files.writeString(ignore, "# migrated\n" + commit.substring(0, 7) + ":src/app.env:github-pat:2\n"
                + "src/more.env:github-pat:1\n");
        assertEquals(ExitCodes.CLEAN, CliRun.run("git", dir.toString(), "--no-progress", "--baseline",
                ignore.toString()).code());
        assertEquals(ExitCodes.FINDINGS, CliRun.run("scan", dir.toString(), "--no-progress", "--baseline",
                ignore.toString()).code(), "files have no commit: only the commit-less entry applies");

        CliRun converted = CliRun.run("baseline", "create", dir.toString(), "--from", report.toString());
        assertTrue(converted.out().contains("1 finding (files); 1 not in"), converted.toString());
        CliRun after = scan();
        assertEquals(ExitCodes.FINDINGS, after.code());
        assertTrue(after.out().contains("src/more.env") && !after.out().contains("src/app.env"), after.toString());
    }

    @Test
    void aBadBaselineIsAClearUsageError() throws Exception {
        repo();
        write("a.txt", "clean\n");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[{\"keywardenBaseline\": 1, \"scan\": \"files\", \"salt\": \"" + "0".repeat(32)
                + "\"}\n,{\"path\": \"a\", \"ruleId\": \"r\", \"fingerprint\": \"zz\", \"secretHash\": \"00\"}\n]\n");
        for (String command : List.of("scan", "git", "staged")) {
            CliRun r = CliRun.run(command, dir.toString(), "--baseline", bad.toString());
            assertEquals(ExitCodes.USAGE, r.code(), r.toString());
            assertTrue(r.err().contains("keywarden: error: invalid baseline: " + bad + ": entry 1: \"fingerprint\""),
                    r.toString());
        }
        CliRun missing = CliRun.run("scan", dir.toString(), "--baseline", dir.resolve("nope.json").toString());
        assertEquals(ExitCodes.USAGE, missing.code());
        assertTrue(missing.err().contains("nope.json: no such file"), missing.toString());

        CliRun noBaseline = CliRun.run("baseline", "update", dir.toString());
        assertEquals(ExitCodes.USAGE, noBaseline.code());
        assertTrue(noBaseline.err().contains("no baseline at " + dir.resolve(".keywarden-baseline.json")),
                noBaseline.toString());
        Path ignore = dir.resolve(".gitleaksignore");
        Files.writeString(ignore, "a.txt:r:1\n");
        CliRun notOurs = CliRun.run("baseline", "update", dir.toString(), "--baseline", ignore.toString());
        assertEquals(ExitCodes.USAGE, notOurs.code());
        assertTrue(notOurs.err().contains("baseline create --from"), notOurs.toString());
    }

    @Test
    void theBaselineFileItselfScansClean() throws Exception {
        repo();
        for (int i = 0; i < 20; i++) {
            write("s" + i + ".env", "T=" + fake.githubToken("ghp") + "\n");
        }
        CliRun.run("baseline", "create", dir.toString());
        CliRun r = CliRun.run("scan", dir.resolve(".keywarden-baseline.json").toString(), "--no-progress");
        assertEquals(ExitCodes.CLEAN, r.code(), r.toString());
    }

    private void git(String... args) throws Exception {
        Result r = gitResult(args);
        assertEquals(0, r.code(), "git " + String.join(" ", args) + ": " + r.output());
    }

    private record Result(int code, String output) {
    }

    private Result gitResult(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("HOME", dir.resolve(".home").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }
}
