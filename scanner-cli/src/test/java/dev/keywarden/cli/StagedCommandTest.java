package dev.keywarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.testing.FakeSecrets;
import dev.keywarden.testing.TestRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keywarden staged}, in-process and as a real git pre-commit hook run by the git CLI. */
class StagedCommandTest {
    @TempDir
    Path dir;

    private final FakeSecrets fake = new FakeSecrets(61);

    @Test
    void stagedSecretsExitOneAndCleanIndexesZero() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("a.txt", "clean\n").commit("root");
            repo.write("a.txt", "clean\nt=" + fake.githubToken("ghp") + "\n");
            assertEquals(ExitCodes.CLEAN, CliRun.run("staged", dir.toString()).code(), "not staged yet");
            repo.git().add().addFilepattern("a.txt").call();
            CliRun r = CliRun.run("staged", dir.toString());
            assertEquals(ExitCodes.FINDINGS, r.code(), r.toString());
            assertTrue(r.out().contains("a.txt:2:3"), r.toString());
        }
    }

    /** git sets GIT_INDEX_FILE to a temporary index for commit -a and commit <paths>: the hook must read that. */
    @Test
    void asAPreCommitHookItSeesWhatCommitAWillCommit() throws Exception {
        git("init", "-q", "-b", "main");
        Files.writeString(dir.resolve("app.cfg"), "name=app\n");
        git("add", "app.cfg");
        git("commit", "-q", "-m", "root");
        Path hook = dir.resolve(".git/hooks/pre-commit");
        Files.createDirectories(hook.getParent());
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.writeString(hook, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' dev.keywarden.cli.Main staged --no-progress\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));

        // changed in the working tree only: a plain commit has nothing of it, commit -a stages it
        Files.writeString(dir.resolve("app.cfg"), "name=app\ntoken=" + fake.githubToken("ghp") + "\n");
        Files.writeString(dir.resolve("other.txt"), "unrelated\n");
        git("add", "other.txt");
        assertEquals(0, gitStatus("commit", "-q", "-m", "other file only"), "the secret is not in this commit");

        Result blocked = gitResult("commit", "-q", "-a", "-m", "everything");
        assertNotEquals(0, blocked.code(), "commit -a would commit the secret: the hook blocks it");
        assertTrue(blocked.output().contains("github-pat") && blocked.output().contains("app.cfg:2"),
                blocked.output());

        Result paths = gitResult("commit", "-q", "-m", "by path", "app.cfg");
        assertNotEquals(0, paths.code(), "commit <paths> uses another temporary index");
    }

    private record Result(int code, String output) {
    }

    private void git(String... args) throws Exception {
        Result r = gitResult(args);
        assertEquals(0, r.code(), r.output());
    }

    private int gitStatus(String... args) throws Exception {
        return gitResult(args).code();
    }

    private Result gitResult(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Tess", "-c",
                "user.email=tess@example.com", "-c", "commit.gpgsign=false", "-c", "core.hooksPath=.git/hooks"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("GIT_INDEX_FILE");
        pb.environment().remove("GIT_DIR");
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("git did not finish: " + out);
        }
        return new Result(p.exitValue(), out);
    }
}
