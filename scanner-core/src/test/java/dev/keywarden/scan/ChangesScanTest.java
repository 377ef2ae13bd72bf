package dev.keywarden.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.engine.Engine;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.FindingFilter;
import dev.keywarden.finding.Origin;
import dev.keywarden.source.git.Changes;
import dev.keywarden.source.git.GitHistory;
import dev.keywarden.source.git.GitSourceException;
import dev.keywarden.testing.FakeSecrets;
import dev.keywarden.testing.TestRules;
import dev.keywarden.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code git --range} and {@code staged}: only what a change adds is reported. Real repositories, JGit. */
class ChangesScanTest {
    private static final String RULES = TestRules.GITHUB_TOKEN + TestRules.ENV_FILE;

    @TempDir
    Path dir;

    private final FakeSecrets fake = new FakeSecrets(51);
    private Engine engine;

    @BeforeEach
    void rules() throws Exception {
        engine = TestRules.engine(RULES);
    }

    private ScanResult range(String range) throws Exception {
        try (GitHistory history = GitHistory.open(dir)) {
            return new GitScanRunner(engine, new ScanOptions(2, 1 << 20, false), FindingFilter.none())
                    .scanChanges(history.repository(), Changes.range(history.repository(), range));
        }
    }

    private ScanResult staged() throws Exception {
        try (GitHistory history = GitHistory.openForIndex(dir)) {
            return new GitScanRunner(engine, new ScanOptions(2, 1 << 20, false), FindingFilter.none())
                    .scanChanges(history.repository(), Changes.staged(history.repository()));
        }
    }

    private static Set<String> secrets(ScanResult r) {
        return r.reported().stream().filter(f -> f.ruleId().equals("gh")).map(Finding::secret)
                .collect(Collectors.toSet());
    }

    @Test
    void aRangeReportsOnlyWhatItsCommitsAdd() throws Exception {
        String old = fake.githubToken("ghp");
        String added = fake.githubToken("ghp");
        String addedThenRemoved = fake.githubToken("ghp");
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("config.txt", "old=" + old + "\n").write("moved.txt", "keep=" + old + "\nline two\n")
                    .commit("base");
            repo.branch("feature");
            repo.write("config.txt", "old=" + old + "\nnew setting\n").commit("edit around the old secret");
            RevCommit adding = repo.write("feature.txt", "t=" + added + "\n").commit("add a token");
            repo.write("temp.txt", "t=" + addedThenRemoved + "\n").commit("oops");
            repo.delete("temp.txt");
            repo.commit("remove it again");
            repo.delete("moved.txt");
            repo.write("renamed/moved.txt", "keep=" + old + "\nline two, edited\n").commit("rename with an edit");

            ScanResult r = range("main..feature");
            assertEquals(Set.of(added, addedThenRemoved), secrets(r), "not the old secret, not on renamed lines");
            Finding f = r.reported().stream().filter(x -> x.secret().equals(added)).findFirst().orElseThrow();
            assertEquals(adding.name(), f.origin().commit().orElseThrow());
            assertEquals(5, r.summary().commits());
        }
    }

    @Test
    void aMergeAddsOnlyWhatNoParentHad() throws Exception {
        String onMain = fake.githubToken("ghp");
        String inResolution = fake.githubToken("ghp");
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("shared.txt", "base\n").commit("base");
            repo.branch("feature").write("feature.txt", "work\n").commit("feature work");
            repo.checkout("main").write("main.txt", "t=" + onMain + "\n").commit("main adds a secret");
            RevCommit mainTip = repo.git().log().setMaxCount(1).call().iterator().next();
            repo.checkout("feature");
            MergeResult merge = repo.git().merge().include(mainTip).setMessage("merge main").call();
            assertTrue(merge.getMergeStatus().isSuccessful(), merge.toString());
            assertEquals(Set.of(), secrets(range("main..feature")),
                    "merging main brings main's lines: the range does not add them");

            repo.checkout("main").write("shared.txt", "main side\n").commit("main edit");
            repo.checkout("feature").write("shared.txt", "feature side\n").commit("feature edit");
            RevCommit mainEdit = repo.git().getRepository().parseCommit(repo.git().getRepository().resolve("main"));
            assertEquals(MergeResult.MergeStatus.CONFLICTING, repo.git().merge().include(mainEdit).call()
                    .getMergeStatus());
            repo.write("shared.txt", "resolved t=" + inResolution + "\n").commit("resolve");
            assertEquals(Set.of(inResolution), secrets(range("main..feature")));
        }
    }

    @Test
    void rootCommitsAndNewFilesForPathRules() throws Exception {
        String token = fake.githubToken("ghp");
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write(".env", "A=1\n").write("a.txt", "t=" + token + "\n").commit("root");
            repo.write(".env", "A=1\nB=2\n").commit("edit env");
            repo.branch("other");
        }
        // base..head where head's history includes the root: only commits not reachable from base count
        assertEquals(Set.of(), secrets(range("other..main")));
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.checkout("main");
            repo.write("new/.env", "C=3\n").commit("a new env file");
        }
        ScanResult r = range("other..main");
        assertEquals(List.of("new/.env"), r.reported().stream().filter(f -> f.ruleId().equals("env-file"))
                .map(f -> f.location().path()).toList(), "an edited .env is not new; a created one is");
    }

    @Test
    void badRangesAreUsageErrors() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("a.txt", "a\n").commit("root");
        }
        GitSourceException noDots = assertThrows(GitSourceException.class, () -> range("main"));
        assertTrue(noDots.getMessage().contains("BASE..HEAD"));
        GitSourceException unknown = assertThrows(GitSourceException.class, () -> range("nope..main"));
        assertTrue(unknown.getMessage().contains("unknown ref or revision 'nope'"));
    }

    @Test
    void stagedReadsTheIndexNotTheWorkingTree() throws Exception {
        String staged = fake.githubToken("ghp");
        String unstaged = fake.githubToken("ghp");
        String committed = fake.githubToken("ghp");
        try (TestRepo repo = TestRepo.init(dir)) {
            // no commits yet: everything staged is added
            repo.write("first.txt", "t=" + staged + "\n");
            repo.git().add().addFilepattern("first.txt").call();
            assertEquals(Set.of(staged), secrets(staged()));
            repo.commit("root");

            repo.write("old.txt", "t=" + committed + "\nmore\n").commit("a committed secret");
            // partially staged: the staged version has no secret, the working tree does
            repo.write("part.txt", "clean line\n");
            repo.git().add().addFilepattern("part.txt").call();
            repo.write("part.txt", "clean line\nt=" + unstaged + "\n");
            // a staged rename without edits and a staged deletion add nothing
            repo.git().rm().addFilepattern("old.txt").call();
            Files.writeString(dir.resolve("renamed.txt"), "t=" + committed + "\nmore\n");
            repo.git().add().addFilepattern("renamed.txt").call();
            assertEquals(Set.of(), secrets(staged()));

            repo.write("part.txt", "clean line\nt=" + staged + "\n");
            repo.git().add().addFilepattern("part.txt").call();
            ScanResult r = staged();
            assertEquals(Set.of(staged), secrets(r));
            assertTrue(r.reported().get(0).origin() instanceof Origin.GitIndex);
            assertEquals(2, r.reported().get(0).location().line());
        }
    }

    /**
     * The pre-commit hook hands over the blobs it had git read: a large commit's files are scanned on several
     * threads, every one of them, findings on added lines only.
     */
    @Test
    void blobsReadElsewhereAreAllScannedAndOnlyAddedLinesReport() throws Exception {
        TestRepo repo = TestRepo.init(dir);
        String old = fake.githubToken("ghp");
        repo.write("base.txt", "token = " + old + "\n").commit("one");
        repo.close();
        java.util.List<Changes.Change> changes = new java.util.ArrayList<>();
        java.util.Map<org.eclipse.jgit.lib.ObjectId, dev.keywarden.source.git.BlobReader.Result> blobs =
                new java.util.HashMap<>();
        java.util.Set<String> planted = new java.util.HashSet<>();
        for (int i = 0; i < 300; i++) {
            String secret = fake.githubToken("ghp");
            String text = "line one\nkey = " + secret + "\n" + (i % 3 == 0 ? "old = " + old + "\n" : "");
            org.eclipse.jgit.lib.ObjectId id = org.eclipse.jgit.lib.ObjectId.fromRaw(
                    java.security.MessageDigest.getInstance("SHA-1").digest(text.getBytes()));
            java.util.BitSet added = new java.util.BitSet();
            added.set(2);
            changes.add(new Changes.Change("f" + i + ".txt", id, added, false, java.util.Optional.empty(), 0));
            blobs.put(id, dev.keywarden.source.git.BlobReader.of(text.getBytes()));
            planted.add(secret);
        }
        ScanResult result = new GitScanRunner(engine, new ScanOptions(2, 1 << 20, false), FindingFilter.none())
                .scanChanges(new Changes.ChangeSet(changes, Set.of(), 0), blobs);
        assertEquals(planted, secrets(result), "each file's added line, and not the old token on line 3");
        assertEquals(300, result.reported().size());
    }
}
