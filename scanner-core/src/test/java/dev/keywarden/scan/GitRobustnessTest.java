package dev.keywarden.scan;

import static dev.keywarden.testing.GitCli.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.engine.Engine;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.FindingFilter;
import dev.keywarden.finding.Origin;
import dev.keywarden.source.SkipReason;
import dev.keywarden.source.git.GitHistory;
import dev.keywarden.testing.FakeSecrets;
import dev.keywarden.testing.TestRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History scans of repositories as users have them: shallow, damaged, with worktrees and large files (git CLI). */
class GitRobustnessTest {
    @TempDir
    Path dir;

    private final FakeSecrets fake = new FakeSecrets(71);
    private final Engine engine = TestRules.engine(TestRules.GITHUB_TOKEN);

    private ScanResult scan(Path repo, long maxFileSize) throws Exception {
        try (GitHistory history = GitHistory.open(repo)) {
            return new GitScanRunner(engine, new ScanOptions(2, maxFileSize, false), FindingFilter.none())
                    .scan(history, GitHistory.Options.everything());
        }
    }

    private Set<String> secrets(ScanResult r) {
        return r.reported().stream().map(Finding::secret).collect(Collectors.toSet());
    }

    private Path origin() throws Exception {
        Path origin = Files.createDirectories(dir.resolve("origin"));
        git(origin, "init", "-q");
        return origin;
    }

    private void commitFile(Path repo, String path, String text, String message) throws Exception {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", message);
    }

    @Test
    void aShallowCloneIsScannedAsFarAsItGoesAndSaysSo() throws Exception {
        String old = fake.githubToken("ghp");
        String kept = fake.githubToken("ghp");
        String recent = fake.githubToken("ghp");
        Path origin = origin();
        commitFile(origin, "old.txt", "t=" + old + "\n", "old secret, deleted next");
        git(origin, "rm", "-q", "old.txt");
        commitFile(origin, "kept.txt", "t=" + kept + "\n", "a secret that stays");
        commitFile(origin, "filler.txt", "x\n", "filler");
        commitFile(origin, "recent.txt", "t=" + recent + "\n", "recent secret");
        Path clone = dir.resolve("shallow");
        git(dir, "clone", "-q", "--depth", "2", origin.toUri().toString(), clone.toString());

        ScanResult r = scan(clone, 1 << 20);
        assertEquals(Set.of(kept, recent), secrets(r), "what the clone has is scanned; the cut-off history is not");
        assertTrue(r.summary().warnings().stream().anyMatch(w -> w.contains("shallow clone")),
                r.summary().warnings().toString());
        Finding keptFinding = r.reported().stream().filter(f -> f.secret().equals(kept)).findFirst().orElseThrow();
        assertEquals("filler", keptFinding.origin().commitInfo().orElseThrow().subject(),
                "in a shallow clone a secret older than the cut is attributed to the oldest commit there");
        assertEquals(2, r.summary().commits());
    }

    @Test
    void aCorruptBlobAndAMissingTreeAreReportedByIdAndPathAndTheScanGoesOn() throws Exception {
        String token = fake.githubToken("ghp");
        Path repo = origin();
        commitFile(repo, "src/app/broken.txt", "this blob gets corrupted\n", "one");
        commitFile(repo, "lib/deep/gone.txt", "this tree goes missing\n", "two");
        commitFile(repo, "ok.txt", "t=" + token + "\n", "three");
        String blob = git(repo, "rev-parse", "HEAD:src/app/broken.txt").strip();
        String tree = git(repo, "rev-parse", "HEAD:lib/deep").strip();
        Path blobFile = repo.resolve(".git/objects/" + blob.substring(0, 2) + "/" + blob.substring(2));
        blobFile.toFile().setWritable(true);
        Files.write(blobFile, new byte[] {0x78, 0x01, 1, 2, 3, 4, 5, 6, 7, 8});
        Files.delete(repo.resolve(".git/objects/" + tree.substring(0, 2) + "/" + tree.substring(2)));

        ScanResult r = scan(repo, 1 << 20);
        assertEquals(Set.of(token), secrets(r), "everything readable is still scanned");
        assertEquals(1L, r.summary().skipped().get(SkipReason.UNREADABLE), r.summary().skips().toString());
        assertTrue(r.summary().skips().stream().anyMatch(s -> s.path().startsWith("src/app/broken.txt")
                && s.detail().contains(blob)), r.summary().skips().toString());
        assertTrue(r.summary().warnings().stream().anyMatch(w -> w.contains("missing object " + tree)
                && w.contains("lib/deep/")), r.summary().warnings().toString());
    }

    @Test
    void aMissingCommitCutsTheHistoryThereAndTheRestIsScanned() throws Exception {
        String old = fake.githubToken("ghp");
        String recent = fake.githubToken("ghp");
        Path repo = origin();
        commitFile(repo, "old.txt", "t=" + old + "\n", "one");
        commitFile(repo, "two.txt", "2\n", "two");
        commitFile(repo, "recent.txt", "t=" + recent + "\n", "three");
        String lost = git(repo, "rev-parse", "HEAD~1").strip();
        String child = git(repo, "rev-parse", "HEAD").strip();
        Files.delete(repo.resolve(".git/objects/" + lost.substring(0, 2) + "/" + lost.substring(2)));

        ScanResult r = scan(repo, 1 << 20);
        assertEquals(Set.of(old, recent), secrets(r), "what HEAD's tree holds is still scanned");
        assertTrue(r.reported().stream().allMatch(f -> f.origin().commit().orElseThrow().equals(child)),
                "the history behind the missing commit is cut: the child holds everything");
        assertTrue(r.summary().warnings().stream().anyMatch(w -> w.contains("missing object " + lost)
                && w.contains(child)), r.summary().warnings().toString());
        assertFalse(r.summary().warnings().stream().anyMatch(w -> w.contains("shallow clone")),
                "not a shallow clone");
    }

    @Test
    void blobsOverTheSizeLimitAreSkippedAndCounted() throws Exception {
        String token = fake.githubToken("ghp");
        Path repo = origin();
        commitFile(repo, "big.txt", "t=" + token + "\n" + "x".repeat(5000) + "\n", "big file");
        commitFile(repo, "small.txt", "small\n", "small file");
        ScanResult r = scan(repo, 1000);
        assertTrue(r.reported().isEmpty());
        assertEquals(1L, r.summary().skipped().get(SkipReason.TOO_LARGE));
        assertEquals(1, r.summary().files());
        assertEquals(Set.of(token), secrets(scan(repo, 1 << 20)), "under a larger limit it is read");
    }

    @Test
    void aLinkedWorktreeScansTheSharedHistoryAndItsOwnHead() throws Exception {
        String onMain = fake.githubToken("ghp");
        String onFeature = fake.githubToken("ghp");
        Path repo = origin();
        commitFile(repo, "main.txt", "t=" + onMain + "\n", "main");
        Path worktree = dir.resolve("wt");
        git(repo, "worktree", "add", "-q", "-b", "feature", worktree.toString());
        commitFile(worktree, "feature.txt", "t=" + onFeature + "\n", "feature work");
        git(repo, "rm", "-q", "main.txt");
        git(repo, "commit", "-q", "-m", "remove the secret on main");

        ScanResult fromWorktree = scan(worktree.resolve("."), 1 << 20);
        assertEquals(Set.of(onMain, onFeature), secrets(fromWorktree));
        for (Finding f : fromWorktree.reported()) {
            assertEquals(java.util.Optional.of(true), ((Origin.GitBlob) f.origin()).atHead(),
                    "HEAD of the linked worktree (feature) still has both");
        }
        ScanResult fromMain = scan(repo, 1 << 20);
        Finding main = fromMain.reported().stream().filter(f -> f.secret().equals(onMain)).findFirst().orElseThrow();
        assertFalse(((Origin.GitBlob) main.origin()).atHead().orElseThrow(), "main's HEAD no longer has it");
        assertEquals(List.of(), fromMain.summary().warnings());
    }
}
