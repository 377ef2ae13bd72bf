package dev.keywarden.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.source.git.Changes;
import dev.keywarden.testing.GitProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** git's pre-push input, and which commits a push sends, on real repositories with a real remote. */
class PrePushTest {
    private static final String ZERO = ObjectId.zeroId().name();

    @TempDir
    Path tmp;

    @Test
    void parsesGitsLinesSkippingBlankOnes() throws Exception {
        String a = "1".repeat(40);
        String b = "2".repeat(40);
        List<PrePush.RefUpdate> updates = PrePush.parse("refs/heads/main " + a + " refs/heads/main " + b + "\n\n"
                + "(delete) " + ZERO + " refs/heads/old " + b + "\r\n"
                + "refs/heads/new " + a + " refs/heads/new " + ZERO + "\n");
        assertEquals(3, updates.size());
        assertEquals("refs/heads/main", updates.get(0).localRef());
        assertEquals(ObjectId.fromString(b), updates.get(0).remoteId());
        assertTrue(updates.get(1).deletion());
        assertTrue(updates.get(2).newOnRemote());
        assertFalse(updates.get(0).newOnRemote() || updates.get(0).deletion());
        assertTrue(PrePush.parse("").isEmpty());
    }

    @Test
    void aMalformedLineIsAnErrorNamingIt() {
        HookException e = assertThrows(HookException.class, () -> PrePush.parse("refs/heads/main abc\n"));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("refs/heads/main abc"),
                e.getMessage());
    }

    @Test
    void newBranchSendsTheCommitsOnNoRemoteTrackingRefAndAnExistingOneItsNewCommits() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path remote = tmp.resolve("remote.git");
        GitProcess.in(tmp, home).ok("init", "-q", "--bare", "-b", "main", remote.toString());
        Path work = tmp.resolve("work");
        GitProcess.in(tmp, home).ok("clone", "-q", remote.toString(), work.toString());
        GitProcess git = GitProcess.in(work, home);
        String root = commit(git, "a.txt", "root");
        git.ok("push", "-q", "origin", "HEAD:main");
        String second = commit(git, "b.txt", "second");
        git.ok("checkout", "-q", "-b", "feature");
        String f1 = commit(git, "c.txt", "feature 1");
        String f2 = commit(git, "d.txt", "feature 2");

        try (Repository repository = new FileRepositoryBuilder().setWorkTree(work.toFile()).build()) {
            // the new branch: everything not on origin/main (so 'second', not yet pushed, is sent too)
            PrePush.Commits newBranch = PrePush.commits(repository, PrePush.parse("refs/heads/feature " + f2
                    + " refs/heads/feature " + ZERO + "\n"));
            assertEquals(Set.of(second, f1, f2), commitsOf(repository, newBranch));

            // an existing branch: only what is past the remote's value
            PrePush.Commits existing = PrePush.commits(repository, PrePush.parse("refs/heads/feature " + f2
                    + " refs/heads/feature " + f1 + "\n"));
            assertEquals(Set.of(f2), commitsOf(repository, existing));

            // a deletion sends nothing
            PrePush.Commits deletion = PrePush.commits(repository, PrePush.parse("(delete) " + ZERO
                    + " refs/heads/feature " + f2 + "\n"));
            assertTrue(deletion.heads().isEmpty());

            // the remote has a value this clone never fetched: fall back to the remote-tracking refs
            PrePush.Commits unknown = PrePush.commits(repository, PrePush.parse("refs/heads/main " + second
                    + " refs/heads/main " + "3".repeat(40) + "\n"));
            assertEquals(Set.of(second), commitsOf(repository, unknown));
            assertFalse(commitsOf(repository, unknown).contains(root));
        }
    }

    private static Set<String> commitsOf(Repository repository, PrePush.Commits commits) throws Exception {
        return Changes.between(repository, commits.heads(), commits.bases()).changes().stream()
                .map(c -> c.commit().orElseThrow().id()).collect(Collectors.toSet());
    }

    private static String commit(GitProcess git, String file, String message) throws Exception {
        Files.writeString(git.dir().resolve(file), message + "\n");
        git.ok("add", file);
        git.ok("commit", "-q", "-m", message);
        return git.ok("rev-parse", "HEAD").strip();
    }
}
