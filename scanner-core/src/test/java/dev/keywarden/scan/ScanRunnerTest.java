package dev.keywarden.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.engine.Engine;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.FindingFilter;
import dev.keywarden.finding.IgnoreFile;
import dev.keywarden.finding.InlineAllow;
import dev.keywarden.source.FileEntry;
import dev.keywarden.source.FileReader;
import dev.keywarden.source.SkipReason;
import dev.keywarden.testing.FakeSecrets;
import dev.keywarden.testing.TestRules;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans of real directories and real git work trees made in temporary directories. */
class ScanRunnerTest {
    @TempDir
    Path dir;

    private final FakeSecrets fake = new FakeSecrets(21);
    private Engine engine;

    @BeforeEach
    void rules() throws Exception {
        engine = TestRules.engine(TestRules.GITHUB_TOKEN);
    }

    private void write(String relative, String text) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private String token() {
        return fake.githubToken("ghp");
    }

    private ScanResult scan(ScanOptions options, FindingFilter filter) throws Exception {
        return new ScanRunner(engine, options, filter).scanPaths(List.of(dir));
    }

    private ScanResult scan() throws Exception {
        return scan(new ScanOptions(2, ScanOptions.DEFAULT_MAX_FILE_SIZE, true), FindingFilter.none());
    }

    private Set<String> relativePaths(ScanResult r) {
        String root = dir.toString().replace('\\', '/') + "/";
        return r.reported().stream().map(f -> f.location().path().replace('\\', '/').replace(root, ""))
                .collect(Collectors.toSet());
    }

    @Test
    void honoursGitIgnoreRulesLikeGit() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
            // tracked before it was ignored: git keeps listing it, so do we
            write("keep.log", "k=" + token());
            git.add().addFilepattern("keep.log").call();
            git.commit().setMessage("init").setSign(false).setAuthor("t", "t@example.com")
                    .setCommitter("t", "t@example.com").call();
        }
        write(".gitignore", "*.log\nbuild/\n");
        write("src/app.properties", "token=" + token());
        write("debug.log", "t=" + token());
        write("build/out.txt", "t=" + token());
        write("sub/.gitignore", "!important.log\n");
        write("sub/important.log", "t=" + token());
        write("sub/other.log", "t=" + token());
        Files.writeString(dir.resolve(".git/description"), "t=" + token());

        assertEquals(Set.of("keep.log", "src/app.properties", "sub/important.log"), relativePaths(scan()));

        ScanResult all = scan(new ScanOptions(2, ScanOptions.DEFAULT_MAX_FILE_SIZE, false), FindingFilter.none());
        assertEquals(Set.of("keep.log", "src/app.properties", "sub/important.log", "sub/other.log", "debug.log",
                "build/out.txt"), relativePaths(all), "--no-gitignore; .git/ is never entered");
    }

    @Test
    void fingerprintPathsAreRelativeToTheWorkTree() throws Exception {
        Git.init().setDirectory(dir.toFile()).call().close();
        String t = token();
        write("deep/dir/a.txt", "t=" + t);
        Finding fromTop = scan().reported().get(0);
        Finding fromSub = new ScanRunner(engine, ScanOptions.defaults(), FindingFilter.none())
                .scanPaths(List.of(dir.resolve("deep"))).reported().get(0);
        assertEquals(fromTop.fingerprint(), fromSub.fingerprint());
        assertTrue(fromSub.location().path().endsWith("deep/dir/a.txt"));
    }

    @Test
    void skipsAreCountedNotSilent() throws Exception {
        write("ok.txt", "t=" + token());
        write("image.png", "t=" + token());
        Files.write(dir.resolve("nul.dat2"), ("\0\0t=" + token()).getBytes());
        write("big.txt", "x".repeat(2048) + "t=" + token());
        Path outside = Files.createTempFile("keywarden-outside", ".txt");
        try {
            Files.writeString(outside, "t=" + token());
            Files.createSymbolicLink(dir.resolve("link.txt"), outside);
            ScanResult r = scan(new ScanOptions(2, 1024, true), FindingFilter.none());
            assertEquals(Set.of("ok.txt"), relativePaths(r));
            assertEquals(2L, r.summary().skipped().get(SkipReason.BINARY));
            assertEquals(1L, r.summary().skipped().get(SkipReason.TOO_LARGE));
            assertEquals(1L, r.summary().skipped().get(SkipReason.SYMLINK));
            assertEquals(1, r.summary().files());
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void aFileThatCannotBeReadIsReportedAndSkipped() throws Exception {
        Path gone = dir.resolve("gone.txt");
        FileReader.Result result = new FileReader(1024).read(new FileEntry(gone, "gone.txt", "gone.txt", 10));
        FileReader.Skipped skipped = assertInstanceOf(FileReader.Skipped.class, result);
        assertEquals(SkipReason.UNREADABLE, skipped.reason());
    }

    @Test
    void aMissingPathFailsBeforeScanning() {
        assertThrows(NoSuchFileException.class, () -> new ScanRunner(engine, ScanOptions.defaults(),
                FindingFilter.none()).scanPaths(List.of(dir.resolve("nope"))));
    }

    @Test
    void outputOrderDoesNotDependOnThreads() throws Exception {
        for (int i = 0; i < 40; i++) {
            write("d" + (i % 7) + "/f" + i + ".txt", "a\nt=" + token() + "\nb t=" + token() + "\n");
        }
        List<String> one = scan(new ScanOptions(1, 1 << 20, true), FindingFilter.none()).reported().stream()
                .map(Finding::fingerprint).toList();
        List<String> four = scan(new ScanOptions(4, 1 << 20, true), FindingFilter.none()).reported().stream()
                .map(Finding::fingerprint).toList();
        assertEquals(80, one.size());
        assertEquals(one, four);
    }

    @Test
    void inlineAllowAndIgnoreFileSuppress() throws Exception {
        write("a.txt", "t=" + token() + " // keywarden:allow\n");
        write("b.txt", "t=" + token() + " # gitleaks:allow\n");
        write("c.txt", "t=" + token() + "\n");
        write("d.txt", "t=" + token() + "\n");
        ScanResult first = scan(ScanOptions.defaults(), new InlineAllow());
        assertEquals(Set.of("c.txt", "d.txt"), relativePaths(first));
        String cFingerprint = first.reported().stream().filter(f -> f.location().path().endsWith("c.txt"))
                .findFirst().orElseThrow().fingerprint();
        IgnoreFile ignore = IgnoreFile.parse(".keywardenignore", List.of("# reviewed", cFingerprint + " test fixture"));
        ScanResult second = scan(ScanOptions.defaults(), FindingFilter.chain(List.of(new InlineAllow(), ignore)));
        assertEquals(Set.of("d.txt"), relativePaths(second));
        assertEquals(3, second.suppressed().size());
    }

    @Test
    void malformedIgnoreFileNamesTheLine() {
        IgnoreFile.InvalidIgnoreFileException e = assertThrows(IgnoreFile.InvalidIgnoreFileException.class,
                () -> IgnoreFile.parse(".keywardenignore", List.of("# ok", "not-a-fingerprint")));
        assertTrue(e.getMessage().startsWith(".keywardenignore:2:"), e.getMessage());
    }

    @Test
    void aCorruptIndexStillScansWithAWarning() throws Exception {
        Git.init().setDirectory(dir.toFile()).call().close();
        Files.writeString(dir.resolve(".git/index"), "DIRC garbage, not an index");
        String t = token();
        write("a.txt", "t=" + t);
        ScanResult r = scan();
        assertEquals(Set.of("a.txt"), relativePaths(r));
        assertEquals(1, r.summary().warnings().size(), r.summary().warnings().toString());
        assertTrue(r.summary().warnings().get(0).contains("cannot read the git index"));
        assertFalse(r.summary().warnings().get(0).contains(t));
    }
}
