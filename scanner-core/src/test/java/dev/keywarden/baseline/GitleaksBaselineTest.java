package dev.keywarden.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.engine.Engine;
import dev.keywarden.finding.Content;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Origin;
import dev.keywarden.testing.FakeSecrets;
import dev.keywarden.testing.TestRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gitleaks reports and .gitleaksignore files as baselines: how their entries are read and what they accept. */
class GitleaksBaselineTest {
    @TempDir
    Path dir;

    private static final String COMMIT = "3f2a9c41d0b8e7a6c5d4e3f2a1b0c9d8e7f6a5b4";
    private final FakeSecrets fake = new FakeSecrets(405);
    private final Engine engine = TestRules.engine(TestRules.GITHUB_TOKEN);

    private Finding inFile(String path, String text) {
        return engine.scan(Content.of(path, text.getBytes(StandardCharsets.UTF_8), new Origin.File(Path.of(path))),
                false).findings().get(0);
    }

    private Finding inCommit(String commit, String path, String text) {
        Origin origin = new Origin.GitBlob("b", new Origin.CommitInfo(commit, "A", "a@example.com",
                Instant.parse("2026-01-01T00:00:00Z"), "s"), Optional.empty(), List.of());
        return engine.scan(Content.of(path, text.getBytes(StandardCharsets.UTF_8), origin), false).findings().get(0);
    }

    @Test
    void aReportWithSecretsAcceptsTheSameSecretInTheSameFileWhereverItMoves() throws Exception {
        String token = fake.githubToken("ghp");
        Path report = Files.writeString(dir.resolve("gitleaks-report.json"), """
                [
                 {
                  "Description": "GitHub Personal Access Token",
                  "StartLine": 1, "EndLine": 1, "StartColumn": 7, "EndColumn": 46,
                  "Match": "TOKEN=%1$s", "Secret": "%1$s",
                  "File": "./config\\\\app.env", "SymlinkFile": "", "Commit": "", "Entropy": 4.8,
                  "Author": "", "Email": "", "Date": "", "Message": "", "Tags": [],
                  "RuleID": "github-pat", "Fingerprint": "config/app.env:github-pat:1"
                 }
                ]
                """.formatted(token));
        Baseline baseline = BaselineFiles.read(report);
        assertInstanceOf(GitleaksBaseline.class, baseline);
        assertEquals(1, baseline.size());
        Finding moved = inFile("config/app.env", "\n\n# moved down\nTOKEN=" + token + "\n");
        assertTrue(baseline.suppress(moved).orElseThrow().reason().contains("gitleaks baseline"), "rule ids differ");
        assertFalse(baseline.suppress(moved).orElseThrow().reason().contains(token), "no secret in the reason");
        assertTrue(baseline.suppress(inFile("config/other.env", "TOKEN=" + token + "\n")).isEmpty());
        assertTrue(baseline.suppress(inFile("config/app.env", "TOKEN=" + fake.githubToken("ghp") + "\n")).isEmpty());
    }

    @Test
    void aRedactedReportAcceptsFindingsOnTheSameLineOfTheSameCommit() throws Exception {
        Path report = Files.writeString(dir.resolve("redacted.json"), """
                [{"File": "app.env", "RuleID": "github-pat", "StartLine": 2, "Secret": "REDACTED",
                  "Commit": "%s"}]
                """.formatted(COMMIT));
        Baseline baseline = BaselineFiles.read(report);
        String text = "a=1\nTOKEN=" + fake.githubToken("ghp") + "\n";
        assertTrue(baseline.suppress(inCommit(COMMIT, "app.env", text)).isPresent());
        assertTrue(baseline.suppress(inCommit("0".repeat(40), "app.env", text)).isEmpty(), "another commit");
        assertTrue(baseline.suppress(inCommit(COMMIT, "app.env", "TOKEN=" + fake.githubToken("ghp"))).isEmpty(),
                "another line");
    }

    @Test
    void gitleaksIgnoreFingerprintsWithAndWithoutCommit() throws Exception {
        Path ignore = Files.writeString(dir.resolve(".gitleaksignore"), String.join("\n",
                "# accepted by the security team",
                "",
                COMMIT.substring(0, 7) + ":src/app.env:github-pat:2",
                "deploy\\prod.env:generic-api-key:1",
                "C:/odd:path/x.env:github-pat:3",
                ""));
        GitleaksBaseline baseline = assertInstanceOf(GitleaksBaseline.class, BaselineFiles.read(ignore));
        assertEquals(List.of(
                new GitleaksBaseline.LineOf(Optional.of(COMMIT.substring(0, 7)), "src/app.env", "github-pat", 2),
                new GitleaksBaseline.LineOf(Optional.empty(), "deploy/prod.env", "generic-api-key", 1),
                new GitleaksBaseline.LineOf(Optional.empty(), "C:/odd:path/x.env", "github-pat", 3)),
                baseline.entries());

        String line2 = "x=1\nT=" + fake.githubToken("ghp") + "\n";
        assertTrue(baseline.suppress(inCommit(COMMIT, "src/app.env", line2)).isPresent(), "short commit id");
        assertTrue(baseline.suppress(inFile("src/app.env", line2)).isEmpty(), "a commit entry needs that commit");
        String line1 = "T=" + fake.githubToken("ghp") + "\n";
        assertTrue(baseline.suppress(inFile("deploy/prod.env", line1)).isPresent(), "no commit: any content");
        assertTrue(baseline.suppress(inCommit(COMMIT, "deploy/prod.env", line1)).isPresent(), "and any commit");
        assertTrue(baseline.suppress(inFile("deploy/prod.env", "\n" + line1)).isEmpty(), "line-bound, as in gitleaks");
    }

    @Test
    void anEmptyGitleaksIgnoreAndAnEmptyReportAreEmptyBaselines() throws Exception {
        assertEquals(0, BaselineFiles.read(Files.writeString(dir.resolve(".gitleaksignore"), "# none\n")).size());
        assertEquals(0, BaselineFiles.read(Files.writeString(dir.resolve("r.json"), "[]\n")).size());
    }
}
