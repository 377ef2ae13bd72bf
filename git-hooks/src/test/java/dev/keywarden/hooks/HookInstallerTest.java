package dev.keywarden.hooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.testing.GitProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer on real repositories made with the git CLI: where hooks go, chaining, restoring, husky, global. */
class HookInstallerTest {
    @TempDir
    Path tmp;

    private Path repo;
    private Path home;
    private GitProcess git;
    private HookInstaller installer;
    private final HookLauncher launcher = new HookLauncher(Path.of("/opt/kw/java"),
            List.of(Path.of("/opt/kw/lib/keywarden.jar")), Optional.of(Path.of("/opt/kw/lib/keywarden-hook.jsa")));

    @BeforeEach
    void repository() throws IOException {
        repo = Files.createDirectories(tmp.resolve("repo"));
        home = Files.createDirectories(tmp.resolve("home"));
        git = GitProcess.in(repo, home);
        git.ok("init", "-q", "-b", "main");
        installer = new HookInstaller(launcher, git.env());
    }

    private static final Set<HookType> PRE_COMMIT = EnumSet.of(HookType.PRE_COMMIT);

    @Test
    void freshRepositoryWithoutCommitsGetsAnExecutableHookWhereGitLooks() throws Exception {
        installer.install(repo, EnumSet.allOf(HookType.class), false);
        Path hook = repo.resolve(".git/hooks/pre-commit");
        assertTrue(Files.isExecutable(hook));
        String text = Files.readString(hook);
        assertTrue(text.startsWith("#!/bin/sh\n"), text);
        assertTrue(text.contains("classpath='/opt/kw/lib/keywarden.jar'"), text);
        assertTrue(text.contains("archive='/opt/kw/lib/keywarden-hook.jsa'"), text);
        assertTrue(Files.isExecutable(repo.resolve(".git/hooks/pre-push")));
        assertEquals(Optional.of(launcher), HookInstaller.recordedLauncher(hook));
        List<HookInstaller.HookStatus> status = installer.status(repo);
        assertEquals(HookInstaller.State.INSTALLED, status.get(0).state());
        assertEquals(HookInstaller.State.INSTALLED, status.get(1).state());
    }

    @Test
    void anExistingHookIsChainedAndUninstallPutsItBackByteForByte() throws Exception {
        Path hook = repo.resolve(".git/hooks/pre-commit");
        byte[] original = "#!/usr/bin/env python3\nprint('lint')\n".getBytes(StandardCharsets.UTF_8);
        Files.write(hook, original);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-x---"));

        List<String> done = installer.install(repo, PRE_COMMIT, false);
        assertTrue(done.get(0).contains("runs first"), done.toString());
        Path chained = repo.resolve(".git/hooks/pre-commit" + HookInstaller.CHAINED_SUFFIX);
        assertArrayEquals(original, Files.readAllBytes(chained));
        assertTrue(HookInstaller.isOurs(hook));
        assertEquals(Optional.of(chained), installer.status(repo).get(0).chained());

        installer.install(repo, PRE_COMMIT, false);  // again: updates itself, keeps the chain
        assertArrayEquals(original, Files.readAllBytes(chained));

        installer.uninstall(repo);
        assertArrayEquals(original, Files.readAllBytes(hook));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(hook)));
        assertFalse(Files.exists(chained));
    }

    @Test
    void forceSetsTheExistingHookAsideAndUninstallRestoresIt() throws Exception {
        Path hook = repo.resolve(".git/hooks/pre-commit");
        Path target = Files.writeString(tmp.resolve("shared-hook.sh"), "#!/bin/sh\nexit 0\n");
        Files.createSymbolicLink(hook, target);
        installer.install(repo, PRE_COMMIT, true);
        Path aside = repo.resolve(".git/hooks/pre-commit" + HookInstaller.REPLACED_SUFFIX);
        assertTrue(Files.isSymbolicLink(aside), "the link itself is moved, not what it points to");
        assertTrue(installer.status(repo).get(0).chained().isEmpty(), "a replaced hook does not run");
        installer.uninstall(repo);
        assertTrue(Files.isSymbolicLink(hook));
        assertEquals(target, Files.readSymbolicLink(hook));
    }

    @Test
    void aConflictingLeftoverIsReportedNotOverwritten() throws Exception {
        Files.writeString(repo.resolve(".git/hooks/pre-commit"), "#!/bin/sh\nexit 0\n");
        Files.writeString(repo.resolve(".git/hooks/pre-commit" + HookInstaller.CHAINED_SUFFIX), "old\n");
        HookException e = assertThrows(HookException.class, () -> installer.install(repo, PRE_COMMIT, false));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals("#!/bin/sh\nexit 0\n", Files.readString(repo.resolve(".git/hooks/pre-commit")));
    }

    @Test
    void aRelativeCoreHooksPathIsHonoured() throws Exception {
        git.ok("config", "core.hooksPath", ".githooks");
        installer.install(repo.resolve(".git").getParent(), PRE_COMMIT, false);
        assertTrue(HookInstaller.isOurs(repo.resolve(".githooks/pre-commit")));
        assertFalse(Files.exists(repo.resolve(".git/hooks/pre-commit")));
        installer.uninstall(repo);
        assertFalse(Files.exists(repo.resolve(".githooks/pre-commit")));
    }

    @Test
    void fromALinkedWorktreeTheHookGoesToTheSharedHooksDirectory() throws Exception {
        Files.writeString(repo.resolve("a.txt"), "a\n");
        git.ok("add", "a.txt");
        git.ok("commit", "-q", "-m", "root");
        Path worktree = tmp.resolve("wt");
        git.ok("worktree", "add", "-q", worktree.toString(), "-b", "feature");
        installer.install(worktree, PRE_COMMIT, false);
        assertTrue(HookInstaller.isOurs(repo.resolve(".git/hooks/pre-commit")));
        assertTrue(Files.isRegularFile(worktree.resolve(".git"), LinkOption.NOFOLLOW_LINKS),
                "in a linked worktree .git is a file: a hard-coded .git/hooks would fail");
        assertEquals(HookInstaller.State.INSTALLED, installer.status(worktree).get(0).state());
    }

    @Test
    void huskyGetsABlockInItsUserScriptAndUninstallRestoresTheScriptExactly() throws Exception {
        huskyLayout();
        Path user = repo.resolve(".husky/pre-commit");
        String original = "npm test";  // no final newline: restoring must not add one
        Files.writeString(user, original);

        List<String> done = installer.install(repo, PRE_COMMIT, false);
        assertTrue(done.get(0).contains(".husky/pre-commit"), done.toString());
        String text = Files.readString(user);
        assertTrue(text.startsWith("npm test\n# >>> keywarden"), text);
        assertFalse(text.contains("/opt/kw"), "the husky script is committed: no machine paths in it");
        assertFalse(Files.exists(repo.resolve(".husky/_/pre-commit.keywarden-chained")), "never writes into .husky/_");
        assertTrue(HookInstaller.isOurs(repo.resolve(".git/keywarden/pre-commit")));
        installer.install(repo, PRE_COMMIT, false);
        assertEquals(text, Files.readString(user), "installing twice adds one block");

        installer.uninstall(repo);
        assertEquals(original, Files.readString(user));
        assertFalse(Files.exists(repo.resolve(".git/keywarden")));
    }

    @Test
    void huskyUserScriptKeywardenCreatedIsRemovedAgain() throws Exception {
        huskyLayout();
        installer.install(repo, EnumSet.allOf(HookType.class), false);
        assertTrue(Files.exists(repo.resolve(".husky/pre-push")));
        installer.uninstall(repo);
        assertFalse(Files.exists(repo.resolve(".husky/pre-commit")));
        assertFalse(Files.exists(repo.resolve(".husky/pre-push")));
    }

    @Test
    void globalInstallSetsTheGlobalHooksPathAndUninstallUnsetsIt() throws Exception {
        installer.installGlobal(repo, PRE_COMMIT, false);
        Path dir = home.resolve(".config/keywarden/hooks");
        assertEquals(dir.toString(), git.ok("config", "--global", "core.hooksPath").strip());
        assertTrue(HookInstaller.isOurs(dir.resolve("pre-commit")));
        assertTrue(Files.readString(dir.resolve("pre-commit")).contains("global='1'"));
        assertEquals(List.of(dir.resolve("pre-commit")), installer.globalStatus(repo).stream()
                .filter(s -> s.state() == HookInstaller.State.INSTALLED).map(HookInstaller.HookStatus::file)
                .toList());

        assertTrue(installer.install(repo, PRE_COMMIT, false).get(0).contains("already check this repository"));
        HookException e = assertThrows(HookException.class, () -> installer.install(repo,
                EnumSet.allOf(HookType.class), false));
        assertTrue(e.getMessage().contains("--global"), "a local install would write into the global directory");

        installer.uninstallGlobal(repo);
        assertEquals(1, git.run("config", "--global", "core.hooksPath").code(), "unset again");
        assertFalse(Files.exists(dir));
    }

    @Test
    void globalInstallIntoAnExistingGlobalHooksPathLeavesTheSettingAlone() throws Exception {
        Path mine = Files.createDirectories(home.resolve("my-hooks"));
        Files.writeString(mine.resolve("pre-commit"), "#!/bin/sh\necho mine\n");
        git.ok("config", "--global", "core.hooksPath", "~/my-hooks");
        installer.installGlobal(repo, PRE_COMMIT, false);
        assertTrue(HookInstaller.isOurs(mine.resolve("pre-commit")));
        installer.uninstallGlobal(repo);
        assertEquals("~/my-hooks", git.ok("config", "--global", "core.hooksPath").strip());
        assertEquals("#!/bin/sh\necho mine\n", Files.readString(mine.resolve("pre-commit")));
    }

    @Test
    void outsideARepositoryItSaysSo() {
        Path nowhere = tmp.resolve("home");
        HookException e = assertThrows(HookException.class, () -> new HookInstaller(launcher,
                GitProcess.in(nowhere, home).with("GIT_CEILING_DIRECTORIES", tmp.toString()).env())
                .install(nowhere, PRE_COMMIT, false));
        assertTrue(e.getMessage().contains("not inside a git work tree"), e.getMessage());
    }

    /** husky v9's layout: core.hooksPath = .husky/_ holding stubs that run the user's .husky/<hook>. */
    private void huskyLayout() throws IOException {
        Path underscore = Files.createDirectories(repo.resolve(".husky/_"));
        Files.writeString(underscore.resolve("h"), HUSKY_H);
        for (String hook : List.of("pre-commit", "pre-push")) {
            Path stub = underscore.resolve(hook);
            Files.writeString(stub, "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"\n");
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        git.ok("config", "core.hooksPath", ".husky/_");
    }

    /** What husky v9's {@code .husky/_/h} does, reduced to the part that matters: run the user script with sh -e. */
    static final String HUSKY_H = """
            #!/usr/bin/env sh
            n=$(basename "$0")
            s=$(dirname "$(dirname "$0")")/$n
            [ ! -f "$s" ] && exit 0
            [ "${HUSKY-}" = "0" ] && exit 0
            sh -e "$s" "$@"
            c=$?
            [ $c != 0 ] && echo "husky - $n script failed (code $c)"
            exit $c
            """;
}
