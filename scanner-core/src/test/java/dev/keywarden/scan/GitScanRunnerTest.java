package dev.keywarden.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.engine.Engine;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.FindingFilter;
import dev.keywarden.finding.Origin;
import dev.keywarden.source.SkipReason;
import dev.keywarden.source.git.GitHistory;
import dev.keywarden.source.git.GitSourceException;
import dev.keywarden.testing.FakeSecrets;
import dev.keywarden.testing.TestRules;
import dev.keywarden.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History scans of real repositories built with JGit in temporary directories. */
class GitScanRunnerTest {
    private static final String RULES = TestRules.GITHUB_TOKEN + TestRules.ENV_FILE;

    @TempDir
    Path dir;

    /** For repositories beside the one under test (a sibling of {@link #dir} would outlive the test). */
    @TempDir
    Path beside;

    private final FakeSecrets fake = new FakeSecrets(31);
    private Engine engine;

    @BeforeEach
    void rules() throws Exception {
        engine = engine(RULES);
    }

    private Engine engine(String toml) {
        return TestRules.engine(toml);
    }

    private ScanResult scan(GitHistory.Options options) throws Exception {
        try (GitHistory history = GitHistory.open(dir)) {
            return new GitScanRunner(engine, new ScanOptions(2, 1 << 20, false), FindingFilter.none())
                    .scan(history, options);
        }
    }

    private ScanResult scan() throws Exception {
        return scan(GitHistory.Options.everything());
    }

    private static Origin.GitBlob blob(Finding f) {
        return (Origin.GitBlob) f.origin();
    }

    private static List<Finding> of(ScanResult r, String rule) {
        return r.reported().stream().filter(f -> f.ruleId().equals(rule)).toList();
    }

    @Test
    void aSecretAddedThenDeletedIsAttributedToItsCommitAndMarkedHistoryOnly() throws Exception {
        String token = fake.githubToken("ghp");
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("README.md", "hello\n").commit("root");
            RevCommit added = repo.write("deploy/config.yml", "a: 1\ntoken: " + token + "\n").commit("add config");
            repo.write("deploy/config.yml", "a: 1\ntoken: ${TOKEN}\n").commit("move the token to the environment");
            repo.write("other.txt", "unrelated\n").commit("later work");

            List<Finding> found = of(scan(), "gh");
            assertEquals(1, found.size(), found.toString());
            Finding f = found.get(0);
            assertEquals("deploy/config.yml", f.location().path());
            assertEquals(2, f.location().line());
            assertEquals(added.name(), blob(f).introduced().id());
            assertEquals("add config", blob(f).introduced().subject());
            assertEquals("Tess Tester", blob(f).introduced().authorName());
            assertEquals(Optional.of(false), blob(f).atHead(), "deleted since: only in history");
        }
    }

    @Test
    void aSecretStillAtHeadIsMarkedSoAndReportedOnceAcrossEdits() throws Exception {
        String token = fake.githubToken("ghp");
        try (TestRepo repo = TestRepo.init(dir)) {
            RevCommit first = repo.write("app.env.txt", "T=" + token + "\n").commit("root commit with the token");
            repo.write("app.env.txt", "# edited above\nT=" + token + "\n").commit("edit above it");
            List<Finding> found = of(scan(), "gh");
            assertEquals(1, found.size(), "two blobs, one secret at one path: one finding");
            assertEquals(first.name(), blob(found.get(0)).introduced().id(), "the root commit is scanned");
            assertEquals(Optional.of(true), blob(found.get(0)).atHead());
        }
    }

    @Test
    void renamesAndCopiesAreListedWithAllLocations() throws Exception {
        String token = fake.githubToken("ghp");
        try (TestRepo repo = TestRepo.init(dir)) {
            RevCommit added = repo.write("a/secrets.txt", "t=" + token + "\n").commit("add");
            repo.delete("a/secrets.txt");
            RevCommit moved = repo.write("b/secrets.txt", "t=" + token + "\n")
                    .write("c/copy.txt", "t=" + token + "\n").commit("rename and copy");
            ScanResult plain = scan();
            assertEquals(1, of(plain, "gh").size(), "one blob, scanned once, reported at its first path");
            assertEquals(1, plain.summary().files(), "the identical blob at three paths is read once");

            ScanResult all = scan(new GitHistory.Options(List.of(), Optional.empty(), OptionalInt.empty(), true));
            Finding f = of(all, "gh").get(0);
            assertEquals("a/secrets.txt", f.location().path());
            assertEquals(added.name(), blob(f).introduced().id());
            assertEquals(Set.of("b/secrets.txt", "c/copy.txt"), blob(f).elsewhere().stream()
                    .map(Origin.GitLocation::path).collect(Collectors.toSet()));
            assertTrue(blob(f).elsewhere().stream().allMatch(l -> l.commit().equals(moved.name())));
            assertEquals(Optional.of(true), blob(f).atHead(), "the same secret is in HEAD's tree, at another path");
        }
    }

    /**
     * The same directory content first appears deep in an older commit and at the top of a newer one; reading trees
     * level by level meets the shallow copy first, and must still credit the older commit and its path.
     */
    @Test
    void aDirectoryFirstSeenDeepInAnOlderCommitIsAttributedToThatCommit() throws Exception {
        String token = fake.githubToken("ghp");
        try (TestRepo repo = TestRepo.init(dir)) {
            RevCommit older = repo.write("a/b/x/s.txt", "t=" + token + "\n").commit("deep copy");
            repo.write("x/s.txt", "t=" + token + "\n").commit("the same directory at the top");
            List<Finding> found = of(scan(), "gh");
            assertEquals(1, found.size(), found.toString());
            assertEquals("a/b/x/s.txt", found.get(0).location().path());
            assertEquals(older.name(), blob(found.get(0)).introduced().id());
        }
    }

    @Test
    void unmergedBranchesMergesAndMessagesAreScanned() throws Exception {
        String onBranch = fake.githubToken("ghp");
        String inMerge = fake.githubToken("ghp");
        String inMessage = fake.githubToken("ghp");
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("shared.txt", "base\n").commit("root");
            repo.branch("feature").write("feature.txt", "t=" + onBranch + "\n").commit("feature work");
            repo.checkout("main").branch("other").write("shared.txt", "other side\n").commit("other work");
            repo.checkout("main").write("shared.txt", "main side\n").commit("main work");
            MergeResult merge = repo.git().merge().include(repo.git().getRepository().resolve("other")).call();
            assertEquals(MergeResult.MergeStatus.CONFLICTING, merge.getMergeStatus());
            RevCommit resolved = repo.write("shared.txt", "resolved with t=" + inMerge + "\n")
                    .commit("merge other; token " + inMessage + " pasted by mistake");

            ScanResult r = scan();
            Set<String> secrets = of(r, "gh").stream().map(Finding::secret).collect(Collectors.toSet());
            assertEquals(Set.of(onBranch, inMerge, inMessage), secrets);
            Finding merged = of(r, "gh").stream().filter(f -> f.secret().equals(inMerge)).findFirst().orElseThrow();
            assertEquals(resolved.name(), blob(merged).introduced().id(), "the conflict resolution introduced it");
            Finding message = of(r, "gh").stream().filter(f -> f.secret().equals(inMessage)).findFirst()
                    .orElseThrow();
            assertEquals(GitScanRunner.MESSAGE_PATH, message.location().path());
            assertEquals(resolved.name(), message.origin().commit().orElseThrow());

            ScanResult mainOnly = scan(new GitHistory.Options(List.of("main"), Optional.empty(), OptionalInt.empty(),
                    false));
            assertFalse(of(mainOnly, "gh").stream().anyMatch(f -> f.secret().equals(onBranch)),
                    "--branch main leaves the unmerged branch out");
        }
    }

    @Test
    void sinceAndMaxCommitsLimitTheWalk() throws Exception {
        String old = fake.githubToken("ghp");
        String recent = fake.githubToken("ghp");
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("old.txt", "t=" + old + "\n").commit("old");
            for (int i = 0; i < 5; i++) {
                repo.write("n" + i + ".txt", "x" + i + "\n").commit("filler " + i);
            }
            repo.write("new.txt", "t=" + recent + "\n").commit("recent");
            ScanResult newest = scan(new GitHistory.Options(List.of(), Optional.empty(), OptionalInt.of(2), false));
            assertEquals(List.of(recent), of(newest, "gh").stream().map(Finding::secret).toList());
            assertEquals(2, newest.summary().commits());
            // the clock advances a minute per commit from 2026-01-01T00:00:00Z
            ScanResult since = scan(new GitHistory.Options(List.of(), Optional.of(
                    Instant.parse("2026-01-01T00:03:00Z")), OptionalInt.empty(), false));
            assertEquals(List.of(recent), of(since, "gh").stream().map(Finding::secret).toList());
        }
    }

    @Test
    void commitsCanBeAllowlisted() throws Exception {
        String token = fake.githubToken("ghp");
        try (TestRepo repo = TestRepo.init(dir)) {
            RevCommit c = repo.write("t.txt", "t=" + token + "\n").commit("a test fixture");
            engine = engine(RULES + "\n[[allowlists]]\ndescription = \"reviewed\"\ncommits = [\"" + c.name()
                    .substring(0, 10) + "\"]\n");
            ScanResult r = scan();
            assertTrue(of(r, "gh").isEmpty());
            assertEquals(1, r.suppressedCount());
        }
    }

    @Test
    void pathRulesLfsPointersAndBareRepositories() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write(".env", "KEY=value\n")
                    .write("assets/model.bin.txt", "version https://git-lfs.github.com/spec/v1\noid sha256:"
                            + "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n")
                    .commit("env and an LFS pointer");
        }
        ScanResult r = scan();
        assertEquals(List.of(".env"), of(r, "env-file").stream().map(f -> f.location().path()).toList());
        assertEquals(1L, r.summary().skipped().get(SkipReason.LFS_POINTER));

        Path bare = beside.resolve("bare.git");
        Git.cloneRepository().setURI(dir.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();
        try (GitHistory history = GitHistory.open(bare)) {
            ScanResult fromBare = new GitScanRunner(engine, new ScanOptions(1, 1 << 20, false),
                    FindingFilter.none()).scan(history, GitHistory.Options.everything());
            assertEquals(1, of(fromBare, "env-file").size());
        }
    }

    @Test
    void aMissingBlobIsReportedAndTheScanGoesOn() throws Exception {
        String token = fake.githubToken("ghp");
        ObjectId lost;
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("lost.txt", "this blob will go missing\n").write("kept.txt", "t=" + token + "\n")
                    .commit("two files");
            lost = repo.git().getRepository().resolve("HEAD:lost.txt");
        }
        String hex = lost.name();
        Files.delete(dir.resolve(".git/objects/" + hex.substring(0, 2) + "/" + hex.substring(2)));
        ScanResult r = scan();
        assertEquals(1, of(r, "gh").size(), "the rest of the history is still scanned");
        assertEquals(1L, r.summary().skipped().get(SkipReason.UNREADABLE));
        assertTrue(r.summary().skips().stream().anyMatch(s -> s.detail().contains(hex) && s.path().startsWith(
                "lost.txt")), r.summary().skips().toString());
    }

    @Test
    void notARepositoryAndUnknownRefsAreClearErrors() throws Exception {
        GitSourceException none = assertThrows(GitSourceException.class, () -> GitHistory.open(dir));
        assertTrue(none.getMessage().contains("not a git repository"), none.getMessage());
        assertFalse(none.ioFailure());
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("a.txt", "a\n").commit("root");
        }
        GitSourceException ref = assertThrows(GitSourceException.class, () -> scan(new GitHistory.Options(
                List.of("no-such-branch"), Optional.empty(), OptionalInt.empty(), false)));
        assertTrue(ref.getMessage().contains("unknown ref or revision 'no-such-branch'"), ref.getMessage());
    }

    @Test
    void anEmptyRepositoryScansClean() throws Exception {
        TestRepo.init(dir).close();
        ScanResult r = scan();
        assertTrue(r.findings().isEmpty());
        assertEquals(0, r.summary().commits());
    }
}
