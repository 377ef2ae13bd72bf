package dev.keywarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.hooks.HookInstaller;
import dev.keywarden.hooks.HookLauncher;
import dev.keywarden.hooks.HookType;
import dev.keywarden.testing.FakeSecrets;
import dev.keywarden.testing.GitProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installed hooks run by git itself, in real repositories: each case of the hooks issue, from a fresh repository
 * to husky, worktrees, pre-push and a keywarden that has gone missing. The hook starts keywarden from the test's own
 * class path, as an installed hook starts it from the recorded jar.
 */
class HookEndToEndTest {
    @TempDir
    Path tmp;

    private Path repo;
    private Path home;
    private GitProcess git;
    private final FakeSecrets fake = new FakeSecrets(55);

    @BeforeEach
    void repository() throws IOException {
        repo = Files.createDirectories(tmp.resolve("repo"));
        home = Files.createDirectories(tmp.resolve("home"));
        git = GitProcess.in(repo, home);
        git.ok("init", "-q", "-b", "main");
    }

    static HookLauncher testLauncher() {
        List<Path> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classpath.add(Path.of(entry).toAbsolutePath());
        }
        return new HookLauncher(Path.of(System.getProperty("java.home"), "bin", "java"), classpath,
                Optional.empty());
    }

    private HookInstaller installer(GitProcess g) {
        return new HookInstaller(testLauncher(), g.env());
    }

    private void install(HookType... types) throws Exception {
        installer(git).install(repo, EnumSet.copyOf(List.of(types)), false);
    }

    private String token() {
        return fake.githubToken("ghp");
    }

    private GitProcess.Result commitFile(GitProcess g, String path, String text) throws IOException {
        Path file = g.dir().resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        g.ok("add", path);
        return g.run("commit", "-q", "-m", "add " + path);
    }

    @Test
    void inAFreshRepositoryASecretIsBlockedWithWhatToDoAndACleanCommitIsSilent() throws Exception {
        install(HookType.PRE_COMMIT);
        GitProcess.Result clean = commitFile(git, "README.md", "hello\n");
        assertEquals(0, clean.code(), clean.toString());
        assertEquals("", clean.output(), "silent when clean");

        String secret = token();
        GitProcess.Result blocked = commitFile(git, "deploy/app.env", "NAME=app\nGITHUB_TOKEN=" + secret + "\n");
        assertEquals(1, blocked.code(), blocked.toString());
        String out = blocked.output();
        assertTrue(out.contains("deploy/app.env:2  github-pat  ghp_*****"), out);
        assertFalse(out.contains(secret), "the secret itself is never printed");
        assertTrue(out.indexOf("Remove the secret") < out.indexOf("keywarden:allow")
                && out.indexOf("keywarden:allow") < out.indexOf("--no-verify"), "what to do, bypass last: " + out);
        assertTrue(out.contains("CI scan will still see"), out);
        assertEquals("1", git.ok("rev-list", "--count", "HEAD").strip(), "the secret was not committed");
    }

    @Test
    void theRepositorysConfigurationAndIgnoreFileApply() throws Exception {
        install(HookType.PRE_COMMIT);
        Files.writeString(repo.resolve(".keywarden.toml"), "[[allowlists]]\ndescription = \"fixtures\"\n"
                + "paths = ['''^fixtures/''']\n");
        assertEquals(0, commitFile(git, "fixtures/token.txt", "t=" + token() + "\n").code(), "allowlisted path");

        String secret = token();
        GitProcess.Result blocked = commitFile(git, "app.cfg", "t=" + secret + "\n");
        assertEquals(1, blocked.code(), blocked.toString());
        String fingerprint = blocked.output().replaceAll("(?s).*fingerprint ([0-9a-f]{32}).*", "$1");
        Files.writeString(repo.resolve(".keywardenignore"), fingerprint + "  # a test token\n");
        GitProcess.Result ignored = git.run("commit", "-q", "-m", "ignored");
        assertEquals(0, ignored.code(), ignored.toString());
    }

    @Test
    void theBaselineAtTheRootIsHonouredAndGenericGuessesDoNotBlock() throws Exception {
        install(HookType.PRE_COMMIT);
        String known = token();
        Files.writeString(repo.resolve("legacy.cfg"), "t=" + known + "\n");
        CliRun created = CliRun.run("baseline", "create", repo.toString(), "--output",
                repo.resolve(".keywarden-baseline.json").toString());
        assertEquals(0, created.code(), created.toString());
        git.ok("add", ".keywarden-baseline.json");
        GitProcess.Result baselined = commitFile(git, "legacy.cfg", "t=" + known + "\n");
        assertEquals(0, baselined.code(), "a baselined secret does not block: " + baselined);
        GitProcess.Result fresh = commitFile(git, "new.cfg", "t=" + token() + "\n");
        assertEquals(1, fresh.code(), "a secret not in the baseline still blocks: " + fresh);
        git.ok("rm", "-q", "--cached", "new.cfg");

        // a random-looking value assigned to a secret-like name: scans report it (low confidence), hooks do not block
        String generic = "db_password = \"" + fake.password(18) + "\"\n";
        Files.writeString(tmp.resolve("settings.py"), generic);
        assertEquals(1, CliRun.run("scan", tmp.resolve("settings.py").toString()).code(), "the scan reports it");
        GitProcess.Result low = commitFile(git, "settings.py", generic);
        assertEquals(0, low.code(), low.toString());
    }

    @Test
    void anExistingHookStillRunsFirstItsFailureStillBlocksAndUninstallRestoresIt() throws Exception {
        Path hook = repo.resolve(".git/hooks/pre-commit");
        String original = "#!/bin/sh\necho ran >> \"$(git rev-parse --git-dir)/lint-ran\"\nexit \"${LINT_EXIT:-0}\"\n";
        Files.writeString(hook, original);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        install(HookType.PRE_COMMIT);

        assertEquals(0, commitFile(git, "a.txt", "clean\n").code());
        assertTrue(Files.exists(repo.resolve(".git/lint-ran")), "the chained hook ran");
        GitProcess.Result lintFails = commitFile(git.with("LINT_EXIT", "3"), "b.txt", "clean too\n");
        assertNotEquals(0, lintFails.code(), "the chained hook's failure blocks");
        assertEquals("1", git.ok("rev-list", "--count", "HEAD").strip());
        git.ok("reset", "-q", "b.txt");
        assertEquals(1, commitFile(git, "c.txt", "t=" + token() + "\n").code());

        installer(git).uninstall(repo);
        assertEquals(original, Files.readString(hook));
        assertEquals(0, git.run("commit", "-q", "-m", "now the secret goes through").code());
    }

    @Test
    void aCoreHooksPathDirectoryIsWhereTheHookGoesAndRuns() throws Exception {
        git.ok("config", "core.hooksPath", ".githooks");
        install(HookType.PRE_COMMIT);
        assertTrue(Files.exists(repo.resolve(".githooks/pre-commit")));
        assertEquals(1, commitFile(git, "a.txt", "t=" + token() + "\n").code());
    }

    @Test
    void aCommitInALinkedWorktreeIsChecked() throws Exception {
        assertEquals(0, commitFile(git, "a.txt", "root\n").code());
        Path worktree = tmp.resolve("wt");
        git.ok("worktree", "add", "-q", worktree.toString(), "-b", "feature");
        GitProcess inWorktree = git.at(worktree);
        installer(inWorktree).install(worktree, EnumSet.of(HookType.PRE_COMMIT), false);
        GitProcess.Result blocked = commitFile(inWorktree, "b.txt", "t=" + token() + "\n");
        assertEquals(1, blocked.code(), blocked.toString());
        assertTrue(blocked.output().contains("b.txt:1"), blocked.output());
        inWorktree.ok("reset", "-q", "b.txt");
        assertEquals(0, commitFile(inWorktree, "c.txt", "clean\n").code());
    }

    @Test
    void withHuskyTheUserScriptRunsKeywardenAndUninstallTakesItOut() throws Exception {
        Path underscore = Files.createDirectories(repo.resolve(".husky/_"));
        Files.writeString(underscore.resolve("h"), "#!/usr/bin/env sh\nn=$(basename \"$0\")\n"
                + "s=$(dirname \"$(dirname \"$0\")\")/$n\n[ ! -f \"$s\" ] && exit 0\nsh -e \"$s\" \"$@\"\nc=$?\n"
                + "[ $c != 0 ] && echo \"husky - $n script failed (code $c)\"\nexit $c\n");
        Path stub = underscore.resolve("pre-commit");
        Files.writeString(stub, "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(repo.resolve(".husky/pre-commit"), "echo team-check\n");
        git.ok("config", "core.hooksPath", ".husky/_");
        install(HookType.PRE_COMMIT);

        GitProcess.Result blocked = commitFile(git, "a.txt", "t=" + token() + "\n");
        assertEquals(1, blocked.code(), blocked.toString());
        assertTrue(blocked.output().contains("team-check") && blocked.output().contains("github-pat")
                && blocked.output().contains("husky - pre-commit script failed"), blocked.output());

        installer(git).uninstall(repo);
        assertEquals("echo team-check\n", Files.readString(repo.resolve(".husky/pre-commit")));
        assertEquals(0, git.run("commit", "-q", "-m", "no keywarden any more").code());
    }

    @Test
    void commitAllAndCommitPathsAreJudgedByWhatTheyCommit() throws Exception {
        install(HookType.PRE_COMMIT);
        assertEquals(0, commitFile(git, "app.cfg", "name=app\n").code());
        Files.writeString(repo.resolve("app.cfg"), "name=app\ntoken=" + token() + "\n");
        assertEquals(0, commitFile(git, "other.txt", "unrelated\n").code(), "the secret is not staged");
        GitProcess.Result all = git.run("commit", "-q", "-a", "-m", "everything");
        assertEquals(1, all.code(), all.toString());
        assertTrue(all.output().contains("app.cfg:2"), all.output());
        assertEquals(1, git.run("commit", "-q", "-m", "by path", "app.cfg").code());
    }

    @Test
    void prePushBlocksANewBranchCarryingASecretAndAnExistingBranchOnlyForItsNewCommits() throws Exception {
        Path remote = tmp.resolve("remote.git");
        git.ok("init", "-q", "--bare", "-b", "main", remote.toString());
        git.ok("remote", "add", "origin", remote.toString());
        install(HookType.PRE_COMMIT, HookType.PRE_PUSH);
        assertEquals(0, commitFile(git, "a.txt", "root\n").code());
        GitProcess.Result first = git.run("push", "-q", "origin", "main");
        assertEquals(0, first.code(), first.toString());
        assertEquals("", first.output(), "silent when clean");

        // a new branch whose commit (made with --no-verify) holds a secret
        git.ok("checkout", "-q", "-b", "feature");
        Files.writeString(repo.resolve("b.env"), "K=" + token() + "\n");
        git.ok("add", "b.env");
        git.ok("commit", "-q", "--no-verify", "-m", "add b.env");
        String sha = git.ok("rev-parse", "--short=12", "HEAD").strip();
        GitProcess.Result blocked = git.run("push", "-q", "origin", "feature");
        assertNotEquals(0, blocked.code(), blocked.toString());
        assertTrue(blocked.output().contains("this push sends 1 secret in 1 commit")
                && blocked.output().contains("b.env:1") && blocked.output().contains(sha)
                && blocked.output().contains("git push --no-verify"), blocked.output());
        assertEquals(2, git.run("ls-remote", "--exit-code", "origin", "feature").code(),
                "the branch did not reach the remote");

        // once on the remote (pushed knowingly), later clean pushes of that branch are not blocked by it
        git.ok("push", "-q", "--no-verify", "origin", "feature");
        assertEquals(0, commitFile(git, "c.txt", "clean\n").code());
        GitProcess.Result existing = git.run("push", "-q", "origin", "feature");
        assertEquals(0, existing.code(), existing.toString());

        // an existing branch gaining a secret is blocked; deleting a branch is never blocked
        Files.writeString(repo.resolve("d.env"), "K=" + token() + "\n");
        git.ok("add", "d.env");
        git.ok("commit", "-q", "--no-verify", "-m", "add d.env");
        GitProcess.Result again = git.run("push", "-q", "origin", "feature");
        assertNotEquals(0, again.code(), again.toString());
        assertTrue(again.output().contains("d.env:1") && !again.output().contains("b.env"), again.output());
        GitProcess.Result deletion = git.run("push", "-q", "origin", "--delete", "feature");
        assertEquals(0, deletion.code(), deletion.toString());
    }

    @Test
    void aMissingKeywardenBlocksWithHowToFixAndKeywardenSkipGoesThroughKnowingly() throws Exception {
        HookLauncher gone = new HookLauncher(Path.of(System.getProperty("java.home"), "bin", "java"),
                List.of(tmp.resolve("uninstalled/keywarden.jar")), Optional.of(tmp.resolve("uninstalled/k.jsa")));
        new HookInstaller(gone, git.env()).install(repo, EnumSet.of(HookType.PRE_COMMIT), false);
        GitProcess noKeywardenOnPath = git.with("PATH", "/usr/local/bin:/usr/bin:/bin");
        GitProcess.Result blocked = commitFile(noKeywardenOnPath, "a.txt", "clean\n");
        assertEquals(1, blocked.code(), blocked.toString());
        assertTrue(blocked.output().contains("keywarden was not found")
                && blocked.output().contains("keywarden hook install")
                && blocked.output().contains("KEYWARDEN_SKIP=1"), blocked.output());

        GitProcess.Result skipped = noKeywardenOnPath.with("KEYWARDEN_SKIP", "1").run("commit", "-q", "-m", "skip");
        assertEquals(0, skipped.code(), skipped.toString());
        assertTrue(skipped.output().contains("skipped"), skipped.output());
    }

    @Test
    void aJvmThatCannotMakeTheClassDataArchiveStillRunsTheCheck() throws Exception {
        // a java without a base CDS archive refuses -XX:ArchiveClassesAtExit at start-up
        Path java = tmp.resolve("jdk/bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -Xshare:off \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = Files.createDirectories(tmp.resolve("lib")).resolve("keywarden.jar");
        DistLauncherTest.writeJar(jar);
        Path archive = tmp.resolve("lib/keywarden-hook.jsa");
        new HookInstaller(new HookLauncher(java, List.of(jar), Optional.of(archive)), git.env())
                .install(repo, EnumSet.of(HookType.PRE_COMMIT), false);

        GitProcess.Result blocked = commitFile(git, "a.txt", "t=" + token() + "\n");
        assertEquals(1, blocked.code(), blocked.toString());
        assertTrue(blocked.output().contains("github-pat"), blocked.output());
        assertTrue(Files.exists(Path.of(archive + ".off")), "it does not try again on every commit");
        git.ok("reset", "-q", "a.txt");
        GitProcess.Result clean = commitFile(git, "b.txt", "clean\n");
        assertEquals(0, clean.code(), clean.toString());
        assertEquals("", clean.output(), "silent once it knows");
    }

    @Test
    void aGlobalInstallChecksEveryRepositoryAndStillRunsTheRepositorysOwnHook() throws Exception {
        HookInstaller global = installer(git);
        global.installGlobal(repo, EnumSet.of(HookType.PRE_COMMIT), false);
        Path local = repo.resolve(".git/hooks/pre-commit");
        Files.writeString(local, "#!/bin/sh\necho local >> \"$(git rev-parse --git-dir)/local-ran\"\n");
        Files.setPosixFilePermissions(local, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertEquals(0, commitFile(git, "a.txt", "clean\n").code());
        assertTrue(Files.exists(repo.resolve(".git/local-ran")), "the repository's own hook ran");
        assertEquals(1, commitFile(git, "b.txt", "t=" + token() + "\n").code());

        global.uninstallGlobal(repo);
        assertEquals(0, git.run("commit", "-q", "-m", "no global hook any more").code());
    }
}
