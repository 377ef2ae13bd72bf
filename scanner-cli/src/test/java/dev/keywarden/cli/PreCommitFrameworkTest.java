package dev.keywarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keywarden.hooks.HookLauncher;
import dev.keywarden.testing.FakeSecrets;
import dev.keywarden.testing.GitProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code .pre-commit-hooks.yaml}, run by the pre-commit framework (Debian's package; CI installs
 * it) from a local hook repository holding that manifest and a {@code keywarden} launcher: a commit with a secret
 * is blocked, a clean one passes, for both hooks.
 */
class PreCommitFrameworkTest {
    @TempDir
    Path tmp;

    private final FakeSecrets fake = new FakeSecrets(77);

    @ParameterizedTest
    @ValueSource(strings = {"keywarden", "keywarden-system"})
    void theManifestsHooksBlockASecretAndPassACleanCommit(String hookId) throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        GitProcess probe = GitProcess.in(tmp, home);
        boolean installed = probe.exec(List.of("sh", "-c", "command -v pre-commit")).code() == 0;
        assumeTrue(installed || System.getenv("CI") != null, "pre-commit is not installed (.ci/run installs it)");

        // the hook repository: this project's manifest, and a launcher that runs the keywarden under test
        Path hookRepo = Files.createDirectories(tmp.resolve("hookrepo"));
        Files.copy(projectRoot().resolve(".pre-commit-hooks.yaml"), hookRepo.resolve(".pre-commit-hooks.yaml"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (Path launcher : List.of(hookRepo.resolve("keywarden"), bin.resolve("keywarden"))) {
            writeLauncher(launcher);
        }
        GitProcess hooks = probe.at(hookRepo);
        hooks.ok("init", "-q", "-b", "main");
        hooks.ok("add", ".");
        hooks.ok("commit", "-q", "-m", "hooks");
        String rev = hooks.ok("rev-parse", "HEAD").strip();
        GitProcess.Result valid = hooks.exec(List.of("pre-commit", "validate-manifest", ".pre-commit-hooks.yaml"));
        assertEquals(0, valid.code(), valid.toString());

        Path repo = Files.createDirectories(tmp.resolve("repo"));
        GitProcess git = probe.at(repo).with("PRE_COMMIT_HOME", tmp.resolve("cache").toString())
                .with("PATH", bin + ":" + System.getenv("PATH"));
        git.ok("init", "-q", "-b", "main");
        Files.writeString(repo.resolve(".pre-commit-config.yaml"), "repos:\n  - repo: " + hookRepo + "\n    rev: "
                + rev + "\n    hooks:\n      - id: " + hookId + "\n");
        GitProcess.Result install = git.exec(List.of("pre-commit", "install"));
        assertEquals(0, install.code(), install.toString());

        git.ok("add", ".pre-commit-config.yaml");
        GitProcess.Result clean = git.run("commit", "-q", "-m", "config");
        assertEquals(0, clean.code(), clean.toString());
        assertTrue(clean.output().contains("Passed"), clean.output());

        Files.writeString(repo.resolve("app.env"), "GITHUB_TOKEN=" + fake.githubToken("ghp") + "\n");
        git.ok("add", "app.env");
        GitProcess.Result blocked = git.run("commit", "-q", "-m", "secret");
        assertNotEquals(0, blocked.code(), blocked.toString());
        assertTrue(blocked.output().contains("Failed") && blocked.output().contains("app.env:1  github-pat"),
                blocked.output());
        assertEquals("1", git.ok("rev-list", "--count", "HEAD").strip());
    }

    private static void writeLauncher(Path file) throws IOException {
        HookLauncher launcher = HookEndToEndTest.testLauncher();
        String classpath = launcher.classpath().stream().map(Path::toString).collect(Collectors.joining(":"));
        Files.writeString(file, "#!/bin/sh\nexec '" + launcher.java() + "' -cp '" + classpath
                + "' dev.keywarden.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The checkout: tests run in the module's directory. */
    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(".pre-commit-hooks.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("no .pre-commit-hooks.yaml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
