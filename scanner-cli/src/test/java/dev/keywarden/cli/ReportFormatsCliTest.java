package dev.keywarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keywarden.testing.FakeSecrets;
import dev.keywarden.testing.SharedFixtures;
import dev.keywarden.testing.TestRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report formats end to end: SARIF from a directory scan, a history scan and an empty scan must pass
 * {@code ../shared/tools/validate-sarif} (the OASIS schema, the SARIF Multitool with GitHub's rules, GitHub's
 * limits), and every format is written through the CLI.
 */
class ReportFormatsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final FakeSecrets fake = new FakeSecrets(4242);

    /** Runs the shared validator, failing on warnings too; returns its output for messages. */
    private static void assertValidSarif(Path... files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(SharedFixtures.shared().resolve("tools/validate-sarif").toString());
        command.add("--fail-on-warnings");
        for (Path f : files) {
            command.add(f.toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "validate-sarif timed out");
        assertEquals(0, p.exitValue(), "validate-sarif rejected the SARIF:\n" + output);
    }

    @Test
    void aDirectoryScanWritesValidSarifWithRepositoryRelativePaths() throws Exception {
        String token = fake.githubToken("ghp");
        Path repoDir = dir.resolve("repo");
        try (TestRepo repo = TestRepo.init(repoDir)) {
            repo.write("services/api/my conf [prod].env", "x=1\nGITHUB_TOKEN=" + token + "\n")
                    .write("services/api/key.txt", "aws=" + fake.awsAccessKeyId("AKIA") + "\n")
                    .commit("services");
        }
        Path sarif = dir.resolve("scan.sarif");
        // scanning a subdirectory by its absolute path: paths stay relative to the repository root
        CliRun run = CliRun.run("scan", repoDir.resolve("services").toString(), "-f", "sarif", "-o", sarif.toString(),
                "--sarif-category", "secrets", "--no-progress");
        assertEquals(ExitCodes.FINDINGS, run.code(), run.toString());
        String text = Files.readString(sarif);
        assertFalse(text.contains(token), "never the whole secret");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sarif)));
        JsonNode runNode = JSON.readTree(text).at("/runs/0");
        assertEquals("secrets/", runNode.at("/automationDetails/id").asText());
        List<String> uris = new ArrayList<>();
        runNode.get("results").forEach(r -> uris.add(r.at("/locations/0/physicalLocation/artifactLocation/uri")
                .asText()));
        assertTrue(uris.contains("services/api/my%20conf%20%5Bprod%5D.env"), uris.toString());
        assertTrue(uris.contains("services/api/key.txt"), uris.toString());
        assertValidSarif(sarif);
    }

    @Test
    void aHistoryScanWritesValidSarifWithTheIntroducingCommit() throws Exception {
        String token = fake.githubToken("ghp");
        RevCommit added;
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("README.md", "hello\n").commit("root");
            added = repo.write("ci/deploy.sh", "export GITHUB_TOKEN=" + token + "\n").commit("add deploy script");
            repo.write("ci/deploy.sh", "export GITHUB_TOKEN=\"$DEPLOY_TOKEN\"\n").commit("use the CI secret");
        }
        Path sarif = dir.resolve("history.sarif");
        CliRun run = CliRun.run("git", dir.toString(), "-f", "sarif", "-o", sarif.toString(), "--no-progress");
        assertEquals(ExitCodes.FINDINGS, run.code(), run.toString());
        JsonNode result = JSON.readTree(sarif.toFile()).at("/runs/0/results/0");
        assertEquals("ci/deploy.sh", result.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
        String message = result.at("/message/text").asText();
        assertTrue(message.contains(added.name()) && message.contains("Tess Tester"), message);
        assertTrue(message.contains("Only in history"), message);
        assertEquals(added.name(), result.at("/properties/commit").asText());
        assertTrue(result.at("/properties/date").asText().endsWith("Z"));

        // the same secret scanned as a file has the same fingerprint: alerts match across scan kinds
        Files.writeString(dir.resolve("ci/deploy.sh"), "export GITHUB_TOKEN=" + token + "\n");
        Path fromFiles = dir.resolve("files.sarif");
        CliRun files = CliRun.run("scan", dir.toString(), "-f", "sarif", "-o", fromFiles.toString(), "--no-progress");
        assertEquals(ExitCodes.FINDINGS, files.code(), files.toString());
        assertEquals(result.get("partialFingerprints"),
                JSON.readTree(fromFiles.toFile()).at("/runs/0/results/0/partialFingerprints"));
        assertValidSarif(sarif, fromFiles);
    }

    @Test
    void anEmptyScanWritesValidSarifWithEmptyResults() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "nothing to see\n");
        Path sarif = dir.resolve("empty.sarif");
        CliRun run = CliRun.run("scan", empty.toString(), "-f", "sarif", "-o", sarif.toString(), "--no-progress");
        assertEquals(ExitCodes.CLEAN, run.code(), run.toString());
        JsonNode results = JSON.readTree(sarif.toFile()).at("/runs/0/results");
        assertTrue(results.isArray() && results.isEmpty(), results.toString());
        assertValidSarif(sarif);
    }

    @Test
    void suppressedFindingsAreLeftOutUnlessAskedForAndNeverFailTheScan() throws Exception {
        Files.writeString(dir.resolve("app.env"), "GITHUB_TOKEN=" + fake.githubToken("ghp") + " # keywarden:allow\n");
        Path sarif = dir.resolve("s.sarif");
        CliRun quiet = CliRun.run("scan", dir.toString(), "-f", "sarif", "-o", sarif.toString(), "--no-progress");
        assertEquals(ExitCodes.CLEAN, quiet.code(), quiet.toString());
        assertEquals(0, JSON.readTree(sarif.toFile()).at("/runs/0/results").size());

        CliRun all = CliRun.run("scan", dir.toString(), "-f", "sarif", "-o", sarif.toString(), "--no-progress",
                "--include-suppressed");
        assertEquals(ExitCodes.CLEAN, all.code(), "a suppressed finding does not fail the scan: " + all);
        JsonNode result = JSON.readTree(sarif.toFile()).at("/runs/0/results/0");
        assertEquals("inSource", result.at("/suppressions/0/kind").asText(), result.toString());
        assertValidSarif(sarif);

        CliRun json = CliRun.run("scan", dir.toString(), "-f", "json", "--include-suppressed", "-q");
        assertEquals("inline", JSON.readTree(json.out()).at("/findings/0/suppression/kind").asText(), json.toString());
        assertEquals(0, JSON.readTree(json.out()).at("/summary/findings").asInt());
    }

    @Test
    void everyFormatIsWrittenAtomicallyToAPrivateFile() throws Exception {
        String token = fake.githubToken("ghp");
        Files.writeString(dir.resolve("app.env"), "GITHUB_TOKEN=" + token + "\n");
        Path out = Files.createDirectories(dir.resolve("out"));
        for (String format : List.of("text", "json", "jsonl", "csv", "junit", "sarif", "gitlab", "gitleaks")) {
            Path report = out.resolve("report." + format);
            CliRun run = CliRun.run("scan", dir.resolve("app.env").toString(), "-f", format, "-o", report.toString(),
                    "--no-progress");
            assertEquals(ExitCodes.FINDINGS, run.code(), format + ": " + run);
            String text = Files.readString(report);
            assertTrue(text.contains("github-pat"), format + ": " + text);
            assertFalse(text.contains(token), format + " redacts by default");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(report)), format);
        }
        try (var files = Files.list(out)) {
            assertEquals(8, files.count(), "no temporary files left");
        }
    }

    @Test
    void jsonlStreamsToStandardOutput() throws Exception {
        Files.writeString(dir.resolve("a.env"), "T=" + fake.githubToken("ghp") + "\n");
        Files.writeString(dir.resolve("b.env"), "T=" + fake.githubToken("ghp") + "\n");
        CliRun run = CliRun.run("scan", dir.toString(), "-f", "jsonl", "--no-progress");
        assertEquals(ExitCodes.FINDINGS, run.code(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), run.toString());
        assertEquals("a.env", JSON.readTree(lines.get(0)).get("file").asText().replaceAll(".*/", ""));
        assertTrue(run.err().contains("2 findings"), "the summary goes to standard error: " + run);
    }

    @Test
    void optionsThatDoNotFitTheFormatAreUsageErrors() {
        CliRun category = CliRun.run("scan", dir.toString(), "-f", "json", "--sarif-category", "x");
        assertEquals(ExitCodes.USAGE, category.code(), category.toString());
        assertTrue(category.err().contains("--sarif-category applies to --format sarif only"), category.toString());
        CliRun gitlab = CliRun.run("scan", dir.toString(), "-f", "gitlab", "--include-suppressed");
        assertEquals(ExitCodes.USAGE, gitlab.code(), gitlab.toString());
        assertEquals(ExitCodes.USAGE, CliRun.run("scan", dir.toString(), "-f", "xml").code());
    }
}
