package dev.keywarden.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.engine.Engine;
import dev.keywarden.finding.FindingFilter;
import dev.keywarden.source.SkipReason;
import dev.keywarden.source.git.Changes;
import dev.keywarden.source.git.GitHistory;
import dev.keywarden.testing.FakeSecrets;
import dev.keywarden.testing.TestRepo;
import dev.keywarden.testing.TestRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lockfiles, minified code, source maps and vendored folders are skipped (and counted) unless asked for. */
class NoiseFilesScanTest {
    @TempDir
    Path dir;

    private final FakeSecrets fake = new FakeSecrets(51);
    private final Engine engine = TestRules.engine(TestRules.GITHUB_TOKEN);

    private static final List<String> NOISE = List.of("package-lock.json", "web/yarn.lock", "go.sum",
            "static/app.min.js", "static/app.js.map", "node_modules/left-pad/index.js", "vendor/lib/x.go",
            "third_party/proto/y.py");

    private void write(String relative, String text) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private Set<String> reportedFiles(ScanResult result, String root) {
        return result.reported().stream().map(f -> f.location().path().replace(root, ""))
                .collect(Collectors.toSet());
    }

    @Test
    void filesOnDiskAreSkippedByDefaultAndScannedWhenAskedFor() throws Exception {
        for (String path : NOISE) {
            write(path, "t=" + fake.githubToken("ghp") + "\n");
        }
        write("src/app.js", "t=" + fake.githubToken("ghp") + "\n");
        String root = dir.toString().replace('\\', '/') + "/";
        ScanResult skipping = new ScanRunner(engine, new ScanOptions(1, 1 << 20, false, false, false),
                FindingFilter.none()).scanPaths(List.of(dir));
        assertEquals(Set.of("src/app.js"), reportedFiles(skipping, root));
        // each noise file is counted; a vendored folder once, not entered
        assertEquals(8L, skipping.summary().skipped().get(SkipReason.NOISE));
        ScanResult including = new ScanRunner(engine, new ScanOptions(1, 1 << 20, false, false, true),
                FindingFilter.none()).scanPaths(List.of(dir));
        assertEquals(NOISE.size() + 1, reportedFiles(including, root).size());
        // a noise file named on the command line is scanned
        ScanResult named = new ScanRunner(engine, new ScanOptions(1, 1 << 20, false, false, false),
                FindingFilter.none()).scanPaths(List.of(dir.resolve("go.sum")));
        assertEquals(1, named.reported().size());
    }

    @Test
    void historyAndStagedChangesSkipThemToo() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("node_modules/pkg/config.js", "t=" + fake.githubToken("ghp") + "\n")
                    .write("Cargo.lock", "t=" + fake.githubToken("ghp") + "\n")
                    .write("main.rs", "t=" + fake.githubToken("ghp") + "\n");
            repo.commit("add");
            try (GitHistory history = GitHistory.open(dir)) {
                ScanResult result = new GitScanRunner(engine, new ScanOptions(1, 1 << 20, false),
                        FindingFilter.none()).scan(history, new GitHistory.Options(List.of(), Optional.empty(),
                        OptionalInt.empty(), false));
                assertEquals(List.of("main.rs"), result.reported().stream().map(f -> f.location().path()).toList());
                assertEquals(2L, result.summary().skipped().get(SkipReason.NOISE));
            }
            repo.write("yarn.lock", "t=" + fake.githubToken("ghp") + "\n");
            repo.git().add().addFilepattern("yarn.lock").call();
            try (GitHistory history = GitHistory.openForIndex(dir)) {
                ScanResult staged = new GitScanRunner(engine, new ScanOptions(1, 1 << 20, false),
                        FindingFilter.none()).scanChanges(history.repository(), Changes.staged(history.repository()));
                assertTrue(staged.reported().isEmpty(), staged.reported()::toString);
                ScanResult included = new GitScanRunner(engine, new ScanOptions(1, 1 << 20, false, false, true),
                        FindingFilter.none()).scanChanges(history.repository(), Changes.staged(history.repository()));
                assertEquals(1, included.reported().size());
            }
        }
    }
}
