package dev.keywarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.testing.GitProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keywarden hook ...} as a user types it: messages and exit codes. */
class HookCommandTest {
    @TempDir
    Path tmp;

    @Test
    void installStatusUninstallSayWhatTheyDidWithTheirExitCodes() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        GitProcess.in(repo, tmp).ok("init", "-q", "-b", "main");

        CliRun before = CliRun.run("hook", "status", repo.toString());
        assertEquals(1, before.code(), before.toString());
        assertTrue(before.out().contains("pre-commit  not installed"), before.toString());

        CliRun install = CliRun.run("hook", "install", "--pre-push", repo.toString());
        assertEquals(0, install.code(), install.toString());
        assertTrue(install.out().contains("installed the pre-commit hook: " + repo.resolve(".git/hooks/pre-commit")),
                install.toString());
        assertTrue(Files.isExecutable(repo.resolve(".git/hooks/pre-push")));

        CliRun status = CliRun.run("hook", "status", repo.toString());
        assertEquals(0, status.code(), status.toString());
        assertTrue(status.out().contains("(found)"), status.toString());

        CliRun uninstall = CliRun.run("hook", "uninstall", repo.toString());
        assertEquals(0, uninstall.code(), uninstall.toString());
        assertFalse(Files.exists(repo.resolve(".git/hooks/pre-commit")));
        assertFalse(Files.exists(repo.resolve(".git/hooks/pre-push")));
    }

    @Test
    void mistakesAreUsageErrors() throws Exception {
        CliRun notARepo = CliRun.run("hook", "install", Files.createDirectories(tmp.resolve("plain")).toString());
        assertEquals(ExitCodes.USAGE, notARepo.code(), notARepo.toString());
        assertTrue(notARepo.err().contains("not inside a git work tree"), notARepo.toString());

        CliRun unknownHook = CliRun.run("hook", "run", "post-merge", "--threads", "1");
        assertEquals(ExitCodes.USAGE, unknownHook.code(), unknownHook.toString());
        assertTrue(unknownHook.err().contains("unknown hook 'post-merge'"), unknownHook.toString());

        assertEquals(ExitCodes.USAGE, CliRun.run("hook").code());
    }

    @Test
    void theHookFastPathIsTakenOnlyForThePlainCommandGitRuns() {
        assertEquals("pre-commit", Main.plainHookRun("hook", "run", "pre-commit").orElseThrow().fileName());
        assertEquals("pre-push", Main.plainHookRun("hook", "run", "pre-push", "origin", "git@host:r.git")
                .orElseThrow().fileName());
        assertTrue(Main.plainHookRun("hook", "run", "pre-commit", "--config", "x.toml").isEmpty());
        assertTrue(Main.plainHookRun("hook", "run", "post-merge").isEmpty());
        assertTrue(Main.plainHookRun("scan", ".").isEmpty());
    }
}
