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
import java.io.ByteArrayInputStream;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The formats besides SARIF and text, all written from the same Report. */
class ReportFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SampleReports samples = new SampleReports(23);

    /** Every format, by its CLI name, for a redactor. */
    private static final Map<String, Function<Redactor, Reporter>> FORMATS = Map.of(
            "text", r -> new TextReporter(r, false, true),
            "json", JsonReporter::new,
            "jsonl", JsonlReporter::new,
            "csv", CsvReporter::new,
            "junit", r -> new JunitReporter(r, SampleReports.CLOCK),
            "sarif", r -> new SarifReporter(r, SourceRoot.none(), Optional.empty(), false, SampleReports.CLOCK),
            "gitlab", r -> new GitlabReporter(r, SourceRoot.none(), SampleReports.CLOCK),
            "gitleaks", GitleaksReporter::new);

    private static String write(Reporter reporter, Report report) throws IOException {
        StringWriter out = new StringWriter();
        reporter.write(report, out);
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "jsonl", "csv", "junit", "sarif", "gitlab", "gitleaks"})
    void redactionAppliesToEveryFormat(String format) throws Exception {
        String out = write(FORMATS.get(format).apply(Redactor.standard()), samples.full());
        for (String secret : samples.secrets()) {
            assertFalse(out.contains(secret), format + " holds a secret");
        }
        assertTrue(out.contains("ghp_" + Redactor.MASK), format + " shows the redacted prefix");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "jsonl", "csv", "junit", "gitleaks"})
    void noRedactShowsTheSecretInLocalFormats(String format) throws Exception {
        String out = write(FORMATS.get(format).apply(Redactor.none()), samples.full());
        assertTrue(out.contains(samples.token), format);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "jsonl", "csv", "junit", "sarif", "gitlab", "gitleaks"})
    void aFailedWriteLeavesNoHalfReport(String format, @TempDir Path dir) throws Exception {
        Reporter reporter = FORMATS.get(format).apply(Redactor.standard());
        Path target = dir.resolve("report." + format);
        ReportFile.write(target, out -> reporter.write(samples.full(), out));
        String complete = Files.readString(target);
        assertFalse(complete.isEmpty());
        IOException failure = assertThrows(IOException.class, () -> ReportFile.write(target,
                out -> reporter.write(SampleReports.report(List.of(samples.slackFinding())),
                        new FailingWriter(out, 40))));
        assertEquals("disk full", failure.getMessage());
        assertEquals(complete, Files.readString(target), "the previous report is untouched");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void jsonlHasOneFindingPerLineWithTheJsonReportsFields() throws Exception {
        String out = write(new JsonlReporter(Redactor.standard()), samples.full());
        List<String> lines = out.lines().toList();
        assertEquals(3, lines.size());
        assertTrue(out.endsWith("\n"));
        JsonNode json = JSON.readTree(write(new JsonReporter(Redactor.standard()), samples.full())).get("findings");
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(json.get(i), JSON.readTree(lines.get(i)), "line " + i + " is the JSON report's finding");
        }
        assertEquals("", write(new JsonlReporter(Redactor.standard()), SampleReports.empty()));
    }

    @Test
    void jsonlFlushesEachLineAsItIsWritten() throws Exception {
        List<String> seenAtFlush = new ArrayList<>();
        StringWriter sink = new StringWriter();
        Writer watching = new FilterWriter(sink) {
            @Override
            public void flush() throws IOException {
                super.flush();
                seenAtFlush.add(sink.toString());
            }
        };
        new JsonlReporter(Redactor.standard()).write(samples.full(), watching);
        assertTrue(seenAtFlush.stream().anyMatch(s -> s.lines().count() == 1 && s.endsWith("\n")),
                "the first line arrives complete before the others are written: " + seenAtFlush);
    }

    @Test
    void csvFollowsRfc4180AndDefusesFormulas() throws Exception {
        var commit = new Origin.CommitInfo(SampleReports.COMMIT, "=HYPERLINK(\"http://evil\")", "a@b", SampleReports.COMMIT_DATE,
                "fix, \"quoted\"\nsecond line");
        Finding hostile = new Finding("generic-password", "Password, in quotes", Severity.HIGH, Confidence.LOW,
                List.of("generic", "password"), new Location("-cmd|calc.txt", 1, 1, 1, 8, 0, 8), "hunter22",
                "+pw=hunter22", "+pw=hunter22", 2.75, "abcdefabcdefabcdefabcdefabcdefab",
                new Origin.GitBlob("b", commit, Optional.empty(), List.of()), Optional.empty());
        String out = write(new CsvReporter(Redactor.standard()), SampleReports.report(List.of(hostile)));
        List<List<String>> rows = parseCsv(out);
        assertEquals(2, rows.size());
        assertEquals(CsvReporter.HEADER, rows.get(0));
        Map<String, String> row = new java.util.HashMap<>();
        for (int i = 0; i < CsvReporter.HEADER.size(); i++) {
            row.put(CsvReporter.HEADER.get(i), rows.get(1).get(i));
        }
        assertEquals("Password, in quotes", row.get("description"));
        assertEquals("'-cmd|calc.txt", row.get("file"), "a leading '-' would start a formula");
        assertEquals("'=HYPERLINK(\"http://evil\")", row.get("author"));
        assertTrue(row.get("match").startsWith("'+pw=hu"), row.get("match"));
        assertEquals("fix, \"quoted\"\nsecond line", row.get("message"));
        assertEquals("1", row.get("line"));
        assertEquals("2.750", row.get("entropy"));
        assertTrue(out.contains("\r\n") && !out.replace("\r\n", "").contains("\r"), "CRLF line ends");
        assertTrue(out.contains("\"fix, \"\"quoted\"\"\nsecond line\""), "quotes doubled inside a quoted field");
        assertEquals(1, parseCsv(write(new CsvReporter(Redactor.standard()), SampleReports.empty())).size(),
                "an empty scan writes the header");
    }

    @Test
    void csvMarksSuppressedFindings() throws Exception {
        String out = write(new CsvReporter(Redactor.standard()), SampleReports.report(List.of(samples.inlineAllowed())));
        List<String> row = parseCsv(out).get(1);
        assertEquals("inline: keywarden:allow on the line", row.get(row.size() - 1));
    }

    @Test
    void junitHasOneTestCasePerFinding() throws Exception {
        Report report = SampleReports.report(List.of(samples.fileFinding(), samples.historyFinding(),
                samples.inlineAllowed()));
        Document doc = xml(write(new JunitReporter(Redactor.standard(), SampleReports.CLOCK), report));
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("2", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("skipped"));
        assertEquals("2026-03-04T05:06:07", suite.getAttribute("timestamp"));
        NodeList cases = doc.getElementsByTagName("testcase");
        assertEquals(3, cases.getLength());
        Element first = (Element) cases.item(0);
        assertEquals("src/my app [1].env", first.getAttribute("classname"));
        assertEquals("github-pat at src/my app [1].env:3:14", first.getAttribute("name"));
        Element failure = (Element) first.getElementsByTagName("failure").item(0);
        assertEquals("github-pat", failure.getAttribute("type"));
        assertTrue(failure.getTextContent().contains("fingerprint: 0123456789abcdef0123456789abcdef"));
        Element second = (Element) cases.item(1);
        assertTrue(second.getElementsByTagName("failure").item(0).getTextContent()
                .contains("commit:      " + SampleReports.COMMIT));
        Element third = (Element) cases.item(2);
        assertEquals(1, third.getElementsByTagName("skipped").getLength());
        assertEquals(0, third.getElementsByTagName("failure").getLength());

        Document clean = xml(write(new JunitReporter(Redactor.standard(), SampleReports.CLOCK), SampleReports.empty()));
        assertEquals(1, clean.getElementsByTagName("testcase").getLength(), "a passing case for a clean scan");
        assertEquals(0, clean.getElementsByTagName("failure").getLength());
    }

    @Test
    void junitDropsCharactersXmlCannotHold() throws Exception {
        assertEquals("ab\tc", JunitReporter.xml("a\u0000b\u001b\tc"));
        var commit = new Origin.CommitInfo("c", "Bell\u0007", "e", SampleReports.COMMIT_DATE, "msg\u0001");
        Finding f = new Finding("r", "d", Severity.LOW, Confidence.LOW, List.of(), new Location("a\u0002.txt", 1, 1, 1, 1,
                0, 1), "x", "x", "x", 0, "ffffffffffffffffffffffffffffffff",
                new Origin.GitMessage(commit), Optional.empty());
        xml(write(new JunitReporter(Redactor.standard(), SampleReports.CLOCK), SampleReports.report(List.of(f))));
    }

    @Test
    void gitlabFollowsTheSecretDetectionSchema() throws Exception {
        JsonNode root = JSON.readTree(write(new GitlabReporter(Redactor.none(), SourceRoot.of(Path.of("/nowhere")),
                SampleReports.CLOCK), samples.full()));
        assertTrue(root.get("version").asText().startsWith("15."));
        JsonNode scan = root.get("scan");
        assertEquals("secret_detection", scan.get("type").asText());
        assertEquals("success", scan.get("status").asText());
        assertEquals("2026-03-04T05:06:07", scan.get("end_time").asText(), "the schema's pattern: no zone, no fraction");
        assertEquals("2026-03-04T05:06:05", scan.get("start_time").asText());
        for (String part : List.of("analyzer", "scanner")) {
            for (String field : List.of("id", "name", "version")) {
                assertFalse(scan.at("/" + part + "/" + field).asText().isEmpty(), part + "." + field);
            }
            assertEquals("keywarden", scan.at("/" + part + "/vendor/name").asText());
        }
        JsonNode vulns = root.get("vulnerabilities");
        assertEquals(3, vulns.size());
        JsonNode file = vulns.get(0);
        assertTrue(file.get("id").asText().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertEquals("GitHub personal access token (classic)", file.get("name").asText());
        assertEquals("Critical", file.get("severity").asText());
        assertEquals("Medium", vulns.get(2).get("severity").asText());
        assertTrue(file.get("solution").asText().contains("Revoke"));
        assertEquals("keywarden_rule_id", file.at("/identifiers/0/type").asText());
        assertEquals("github-pat", file.at("/identifiers/0/value").asText());
        assertEquals("798", file.at("/identifiers/1/value").asText());
        assertEquals("src/my app [1].env", file.at("/location/file").asText(), "relative to the source root");
        assertEquals(3, file.at("/location/start_line").asInt());
        assertEquals(GitlabReporter.NO_COMMIT, file.at("/location/commit/sha").asText());
        JsonNode history = vulns.get(1).at("/location/commit");
        assertEquals(SampleReports.COMMIT, history.get("sha").asText());
        assertEquals("2026-01-02T03:04:05Z", history.get("date").asText());
        String again = write(new GitlabReporter(Redactor.none(), SourceRoot.none(), SampleReports.CLOCK), samples.full());
        assertEquals(file.get("id").asText(), JSON.readTree(again).at("/vulnerabilities/0/id").asText(),
                "ids are stable across runs");
        assertFalse(vulns.get(0).get("id").asText().equals(vulns.get(1).get("id").asText()));
    }

    @Test
    void gitleaksUsesGitleaksFieldNamesAndFingerprints() throws Exception {
        JsonNode root = JSON.readTree(write(new GitleaksReporter(Redactor.standard()), samples.full()));
        assertTrue(root.isArray());
        List<String> fields = new ArrayList<>();
        Iterator<String> names = root.get(0).fieldNames();
        names.forEachRemaining(fields::add);
        assertEquals(List.of("Description", "StartLine", "EndLine", "StartColumn", "EndColumn", "Match", "Secret",
                "File", "SymlinkFile", "Commit", "Entropy", "Author", "Email", "Date", "Message", "Tags", "RuleID",
                "Fingerprint"), fields);
        JsonNode file = root.get(0);
        assertEquals("src/my app [1].env:github-pat:3", file.get("Fingerprint").asText());
        assertEquals("", file.get("Commit").asText());
        assertEquals("", file.get("Date").asText());
        assertEquals(14, file.get("StartColumn").asInt());
        JsonNode history = root.get(1);
        assertEquals(SampleReports.COMMIT + ":ci/deploy.sh:github-pat:7", history.get("Fingerprint").asText());
        assertEquals("2026-01-02T03:04:05Z", history.get("Date").asText());
        assertEquals("Tess Tester", history.get("Author").asText());
        assertEquals("token", history.at("/Tags/1").asText());
        assertEquals("[ ]", write(new GitleaksReporter(Redactor.standard()), SampleReports.empty()).strip());
    }

    /** A writer that fails once {@code limit} characters have gone through. */
    private static final class FailingWriter extends FilterWriter {
        private int left;

        FailingWriter(Writer out, int limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int c) throws IOException {
            spend(1);
            super.write(c);
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            spend(len);
            super.write(buf, off, len);
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            spend(len);
            super.write(str, off, len);
        }

        private void spend(int n) throws IOException {
            left -= n;
            if (left < 0) {
                throw new IOException("disk full");
            }
        }
    }

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF records. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
                continue;
            } else {
                assertFalse(c == '"' || c == '\n' || c == '\r', "unquoted special character at " + i);
                cell.append(c);
            }
            i++;
        }
        assertTrue(cell.length() == 0 && row.isEmpty(), "the last record ends with CRLF");
        return rows;
    }
}
