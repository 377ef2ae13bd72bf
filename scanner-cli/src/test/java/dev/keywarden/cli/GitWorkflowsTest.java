package dev.keywarden.cli;

import static dev.keywarden.testing.GitCli.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.testing.FakeSecrets;
import dev.keywarden.testing.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keywarden staged and diff in the states users run them in: mid-merge, mid-rebase, with untracked files. */
class GitWorkflowsTest {
    @TempDir
    Path dir;

    /** For repositories beside the one under test (a sibling of {@link #dir} would outlive the test). */
    @TempDir
    Path beside;

    private final FakeSecrets fake = new FakeSecrets(83);

    @BeforeEach
    void init() {
        git(dir, "init", "-q");
    }

    private void write(String path, String text) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void commitAll(String message) {
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "-m", message);
    }

    /** Two branches that both change line 2 of config.txt, and a merge of them that stops on the conflict. */
    private void conflict(String command, String... args) throws Exception {
        write("config.txt", "name=app\nmode=base\nend\n");
        commitAll("root");
        git(dir, "checkout", "-q", "-b", "other");
        write("config.txt", "name=app\nmode=other\nend\n");
        commitAll("other side");
        git(dir, "checkout", "-q", "main");
        write("config.txt", "name=app\nmode=main\nend\n");
        commitAll("main side");
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        GitCli.Result stopped = GitCli.run(dir, all);
        assertNotEquals(0, stopped.code(), "the " + command + " stops on the conflict: " + stopped.output());
    }

    @Test
    void stagedDuringAConflictedMergeSeesTheResolutionOnly() throws Exception {
        conflict("merge", "other");
        CliRun unresolved = CliRun.run("staged", dir.toString(), "--no-progress");
        assertEquals(ExitCodes.CLEAN, unresolved.code(), "conflict markers are not secrets: " + unresolved);

        write("config.txt", "name=app\nmode=merged\ntoken=" + fake.githubToken("ghp") + "\nend\n");
        git(dir, "add", "config.txt");
        CliRun resolved = CliRun.run("staged", dir.toString(), "--no-progress");
        assertEquals(ExitCodes.FINDINGS, resolved.code(), resolved.toString());
        assertTrue(resolved.out().contains("config.txt:3:7"), resolved.toString());
    }

    @Test
    void stagedDuringARebaseSeesTheCommitBeingReplayed() throws Exception {
        conflict("rebase", "other");
        assertTrue(Files.isDirectory(dir.resolve(".git/rebase-merge")), "a rebase is in progress");
        write("config.txt", "name=app\nmode=rebased\nend\npassword_token=" + fake.githubToken("ghp") + "\n");
        git(dir, "add", "config.txt");
        CliRun r = CliRun.run("staged", dir.toString(), "--no-progress");
        assertEquals(ExitCodes.FINDINGS, r.code(), r.toString());
        assertTrue(r.out().contains("config.txt:4:"), r.toString());
    }

    @Test
    void diffScansUnstagedEditsAndUntrackedFilesButNotIgnoredOnes() throws Exception {
        String inEdit = fake.githubToken("ghp");
        String untracked = fake.githubToken("ghp");
        String ignored = fake.githubToken("ghp");
        String tracked = fake.githubToken("ghp");
        write(".gitignore", "build/\n*.log\n");
        write("app.cfg", "name=app\nold=" + tracked + "\n");
        write("keep.log", "tracked although ignored\n");
        git(dir, "add", "-f", "keep.log");
        commitAll("root");

        write("app.cfg", "name=app\nold=" + tracked + "\nnew=" + inEdit + "\n");
        write("notes/todo.txt", "t=" + untracked + "\n");
        write("build/out.txt", "t=" + ignored + "\n");
        write("debug.log", "t=" + ignored + "\n");
        write("keep.log", "tracked although ignored\nt=" + untracked + "\n");

        CliRun r = CliRun.run("diff", "-C", dir.toString(), "--no-progress", "--no-redact");
        assertEquals(ExitCodes.FINDINGS, r.code(), r.toString());
        assertTrue(r.out().contains("app.cfg:3:5"), "the unstaged edit: " + r);
        assertTrue(r.out().contains("notes/todo.txt:1:3"), "the untracked file: " + r);
        assertTrue(r.out().contains("keep.log:2:3"), "a tracked file is scanned even if it matches .gitignore: " + r);
        assertFalse(r.out().contains("app.cfg:2"), "the line already committed is not the diff's: " + r);
        assertFalse(r.out().contains(ignored), "ignored files are not scanned: " + r);

        commitAll("everything");
        assertEquals(ExitCodes.CLEAN, CliRun.run("diff", "-C", dir.toString(), "--no-progress").code(),
                "nothing uncommitted");
        CliRun sinceRoot = CliRun.run("diff", "HEAD~1", "-C", dir.toString(), "--no-progress", "--no-redact");
        assertEquals(ExitCodes.FINDINGS, sinceRoot.code(), sinceRoot.toString());
        assertTrue(sinceRoot.out().contains(inEdit) && !sinceRoot.out().contains(tracked), sinceRoot.toString());
    }

    @Test
    void diffInAnEmptyRepositoryScansEverythingNotIgnored() throws Exception {
        write("a.txt", "t=" + fake.githubToken("ghp") + "\n");
        CliRun r = CliRun.run("diff", "-C", dir.toString(), "--no-progress");
        assertEquals(ExitCodes.FINDINGS, r.code(), r.toString());
        CliRun bad = CliRun.run("diff", "no-such-rev", "-C", dir.toString());
        assertEquals(ExitCodes.USAGE, bad.code(), bad.toString());
        assertTrue(bad.err().contains("unknown ref or revision 'no-such-rev'"), bad.toString());
        CliRun path = CliRun.run("diff", dir.toString(), "-C", dir.toString());
        assertEquals(ExitCodes.USAGE, path.code(), path.toString());
        assertTrue(path.err().contains("use -C " + dir), "a directory given as REV gets a hint: " + path);
    }

    @Test
    void findingsTakePrecedenceOverAnIncompleteScan() throws Exception {
        write("broken.txt", "this blob gets corrupted\n");
        write("ok.txt", "t=" + fake.githubToken("ghp") + "\n");
        commitAll("root");
        String blob = git(dir, "rev-parse", "HEAD:broken.txt").strip();
        Path file = dir.resolve(".git/objects/" + blob.substring(0, 2) + "/" + blob.substring(2));
        file.toFile().setWritable(true);
        Files.write(file, new byte[] {0x78, 0x01, 9, 9, 9, 9});
        CliRun both = CliRun.run("git", dir.toString(), "--no-progress");
        assertEquals(ExitCodes.FINDINGS, both.code(), both.toString());
        assertTrue(both.err().contains(blob) || both.out().contains(blob), "the bad object is named: " + both);

        git(dir, "rm", "-q", "ok.txt");
        git(dir, "commit", "-q", "-m", "drop the secret");
        CliRun onlyBroken = CliRun.run("git", dir.toString(), "--no-progress", "--branch", "HEAD", "--max-commits",
                "1");
        assertEquals(ExitCodes.CLEAN, onlyBroken.code(), "the last commit adds nothing: " + onlyBroken);
    }

    @Test
    void submodulesAreFollowedOnlyWhenAsked() throws Exception { // not under vendor/: that is a noise folder
        String inSub = fake.githubToken("ghp");
        Path lib = Files.createDirectories(beside.resolve("lib"));
        git(lib, "init", "-q");
        Files.writeString(lib.resolve("config.txt"), "t=" + inSub + "\n");
        git(lib, "add", "-A");
        git(lib, "commit", "-q", "-m", "library with a secret");
        write("README.md", "superproject\n");
        commitAll("root");
        git(dir, "submodule", "add", "-q", lib.toUri().toString(), "modules/lib");
        git(dir, "commit", "-q", "-m", "add the library");

        CliRun plain = CliRun.run("git", dir.toString(), "--no-progress");
        assertEquals(ExitCodes.CLEAN, plain.code(), plain.toString());
        assertTrue(plain.err().contains("1 submodule not scanned (use --recurse-submodules): modules/lib"),
                plain.toString());

        CliRun recursed = CliRun.run("git", dir.toString(), "--no-progress", "--recurse-submodules", "-f", "json");
        assertEquals(ExitCodes.FINDINGS, recursed.code(), recursed.toString());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(recursed.out());
        assertEquals("modules/lib/config.txt", json.at("/findings/0/file").asText(), recursed.out());
        assertEquals("library with a secret", json.at("/findings/0/message").asText());
        assertEquals(3, json.at("/summary/commits").asInt(), "two commits here, one in the submodule");

        Path clone = beside.resolve("clone");
        git(beside, "clone", "-q", dir.toUri().toString(), clone.toString());
        CliRun notCheckedOut = CliRun.run("git", clone.toString(), "--no-progress", "--recurse-submodules");
        assertEquals(ExitCodes.CLEAN, notCheckedOut.code(), notCheckedOut.toString());
        assertTrue(notCheckedOut.err().contains("submodule modules/lib is not checked out: not scanned"),
                notCheckedOut.toString());
    }

    @Test
    void stagedAndDiffWorkInALinkedWorktreeWithItsOwnIndex() throws Exception {
        write("app.cfg", "name=app\n");
        commitAll("root");
        Path worktree = beside.resolve("wt");
        git(dir, "worktree", "add", "-q", "-b", "feature", worktree.toString());
        Files.writeString(worktree.resolve("app.cfg"), "name=app\ntoken=" + fake.githubToken("ghp") + "\n");

        assertEquals(ExitCodes.CLEAN, CliRun.run("staged", worktree.toString(), "--no-progress").code(),
                "not staged yet");
        CliRun diff = CliRun.run("diff", "-C", worktree.toString(), "--no-progress");
        assertEquals(ExitCodes.FINDINGS, diff.code(), diff.toString());
        git(worktree, "add", "app.cfg");
        CliRun staged = CliRun.run("staged", worktree.toString(), "--no-progress");
        assertEquals(ExitCodes.FINDINGS, staged.code(), staged.toString());
        assertTrue(staged.out().contains("app.cfg:2:7"), staged.toString());
        assertEquals(ExitCodes.CLEAN, CliRun.run("staged", dir.toString(), "--no-progress").code(),
                "the main work tree's index is another one");
    }
}
