package dev.keywarden.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keywarden.finding.Confidence;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Location;
import dev.keywarden.finding.Origin;
import dev.keywarden.finding.Severity;
import dev.keywarden.scan.ScanSummary;
import dev.keywarden.source.SkipReason;
import dev.keywarden.testing.FakeSecrets;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportersTest {
    private final String secret = new FakeSecrets(5).githubToken("ghp");
    private final Finding finding = new Finding("github-pat", "GitHub personal access token", Severity.CRITICAL,
            Confidence.HIGH, List.of("github", "token"), new Location("src/app.env", 3, 14, 3, 53, 40, 80), secret,
            "GH_TOKEN=" + secret, "export GH_TOKEN=" + secret, 4.8123456, "0123456789abcdef0123456789abcdef",
            new Origin.File(Path.of("src/app.env")), Optional.empty());
    private final ScanSummary summary = new ScanSummary(12, 34567, Map.of(SkipReason.BINARY, 2L), List.of(),
            List.of(), Duration.ofMillis(420));
    private final Report report = new Report(List.of(finding), 1, summary, "1.2.3");

    @Test
    void defaultRedactionShowsAtMostFourCharacters() {
        Redactor r = Redactor.standard();
        assertEquals("ghp_" + Redactor.MASK, r.redact(secret));
        assertEquals("ab" + Redactor.MASK, r.redact("abcdefgh"), "never more than a quarter");
        assertEquals(Redactor.MASK, r.redact("abc"));
        assertEquals(secret, Redactor.none().redact(secret));
        assertEquals(secret.substring(0, 20) + Redactor.MASK, Redactor.percent(50).redact(secret));
        assertEquals(Redactor.MASK, Redactor.percent(100).redact(secret));
        assertThrows(IllegalArgumentException.class, () -> Redactor.percent(101));
    }

    @Test
    void jsonFollowsTheDocumentedSchemaAndRedacts() throws Exception {
        StringWriter out = new StringWriter();
        new JsonReporter(Redactor.standard()).write(report, out);
        assertFalse(out.toString().contains(secret));
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertEquals(1, root.get("schemaVersion").asInt());
        assertEquals("1.2.3", root.at("/tool/version").asText());
        JsonNode f = root.get("findings").get(0);
        for (String field : List.of("ruleId", "description", "severity", "confidence", "tags", "file", "line",
                "column", "endLine", "endColumn", "secret", "match", "redacted", "entropy", "fingerprint", "commit",
                "author", "email", "date", "message")) {
            assertTrue(f.has(field), field);
        }
        assertEquals("src/app.env", f.get("file").asText());
        assertEquals(3, f.get("line").asInt());
        assertEquals(53, f.get("endColumn").asInt());
        assertEquals("ghp_" + Redactor.MASK, f.get("secret").asText());
        assertEquals("GH_TOKEN=ghp_" + Redactor.MASK, f.get("match").asText());
        assertTrue(f.get("redacted").asBoolean());
        assertEquals(4.812, f.get("entropy").asDouble());
        assertTrue(f.get("commit").isNull());
        assertEquals(1, root.at("/summary/findings").asInt());
        assertEquals(1, root.at("/summary/suppressed").asInt());
        assertEquals(2, root.at("/summary/skipped/binary").asInt());

        StringWriter plain = new StringWriter();
        new JsonReporter(Redactor.none()).write(report, plain);
        assertEquals(secret, new ObjectMapper().readTree(plain.toString()).at("/findings/0/secret").asText());
    }

    @Test
    void textShowsOneBlockPerFindingAndASummary() throws Exception {
        StringWriter out = new StringWriter();
        new TextReporter(Redactor.standard(), false, true).write(report, out);
        String text = out.toString();
        assertFalse(text.contains(secret));
        assertTrue(text.contains("github-pat"));
        assertTrue(text.contains("src/app.env:3:14"));
        assertTrue(text.contains("export GH_TOKEN=ghp_" + Redactor.MASK));
        assertTrue(text.contains("1 finding in 12 files (33.8 KiB)"), text);
        assertTrue(text.contains("1 suppressed"));
        assertTrue(text.contains("skipped 2 (2 binary)"));
        assertFalse(text.contains("\u001b["), "no colour unless asked");
    }

    @Test
    void reportFilesAreWrittenAtomicallyAndPrivately(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("report.json");
        ReportFile.write(target, out -> out.write("{}"));
        assertEquals("{}", Files.readString(target));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertThrows(java.io.IOException.class, () -> ReportFile.write(target, out -> {
            out.write("half");
            throw new java.io.IOException("disk full");
        }));
        assertEquals("{}", Files.readString(target), "a failed write leaves the old report");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    /** As root, renaming a temporary file over {@code -o /dev/null} replaced the device with a regular file. */
    @Test
    void aTargetThatIsNotARegularFileIsWrittenInPlaceNotReplaced(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        var read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ReportFile.write(fifo, out -> out.write("{\"findings\": []}"));
        assertEquals("{\"findings\": []}", read.get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertFalse(Files.isRegularFile(fifo), "still the named pipe");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file beside it");
        }
    }
}
