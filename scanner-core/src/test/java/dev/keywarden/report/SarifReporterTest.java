package dev.keywarden.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Location;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SarifReporterTest {
    private final SampleReports samples = new SampleReports(11);

    private JsonNode sarif(Report report, Redactor redactor, Optional<String> category, boolean suppressions)
            throws Exception {
        StringWriter out = new StringWriter();
        new SarifReporter(redactor, SourceRoot.of(Path.of("/nowhere")), category, suppressions, SampleReports.CLOCK)
                .write(report, out);
        for (String secret : samples.secrets()) {
            assertFalse(out.toString().contains(secret), "a SARIF file never holds a whole secret");
        }
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void listsEachRuleThatProducedAResultOnceWithHelpAndSecuritySeverity() throws Exception {
        JsonNode run = sarif(samples.full(), Redactor.standard(), Optional.empty(), false).at("/runs/0");
        JsonNode rules = run.at("/tool/driver/rules");
        assertEquals(2, rules.size(), "two findings of github-pat, one of slack-bot-token");
        assertEquals("keywarden", run.at("/tool/driver/name").asText());
        assertEquals("1.2.3", run.at("/tool/driver/semanticVersion").asText());
        assertTrue(run.at("/tool/driver/informationUri").asText().startsWith("https://"));
        List<String> ids = new ArrayList<>();
        for (JsonNode rule : rules) {
            ids.add(rule.get("id").asText());
            assertFalse(rule.at("/name").asText().isEmpty());
            assertFalse(rule.at("/shortDescription/text").asText().isEmpty());
            assertFalse(rule.at("/fullDescription/text").asText().isEmpty());
            assertTrue(rule.at("/help/text").asText().contains("Remediation"), rule.toString());
            assertTrue(rule.at("/help/markdown").asText().contains("**Remediation**"), rule.toString());
            List<String> tags = new ArrayList<>();
            rule.at("/properties/tags").forEach(t -> tags.add(t.asText()));
            assertTrue(tags.containsAll(List.of("security", "secret")), tags.toString());
            JsonNode severity = rule.at("/properties/security-severity");
            assertTrue(severity.isTextual(), "GitHub wants a string");
            double score = Double.parseDouble(severity.asText());
            assertTrue(score > 0 && score <= 10, severity.asText());
        }
        assertEquals(List.of("github-pat", "slack-bot-token"), ids);
        JsonNode github = rules.get(0);
        assertEquals("GithubPat", github.get("name").asText());
        assertEquals("9.5", github.at("/properties/security-severity").asText());
        assertEquals("high", github.at("/properties/precision").asText(), "the best confidence among its results");
        assertTrue(github.at("/help/text").asText().contains("GitHub"), "says where to revoke it");
        assertEquals("5.5", rules.get(1).at("/properties/security-severity").asText());

        JsonNode results = run.get("results");
        assertEquals(3, results.size());
        for (JsonNode r : results) {
            int index = r.get("ruleIndex").asInt();
            assertEquals(rules.get(index).get("id").asText(), r.get("ruleId").asText(), "ruleIndex points at its rule");
        }
        assertEquals("error", results.get(0).get("level").asText());
        // the SDK leaves out values equal to SARIF's defaults: no level means "warning"
        assertEquals("warning", results.get(2).path("level").asText("warning"));
        assertEquals("note", SarifReporter.level(dev.keywarden.finding.Severity.LOW).value());
        assertEquals("unicodeCodePoints", run.get("columnKind").asText());
    }

    @Test
    void resultsHaveOneRelativeEncodedLocationAFullRegionAndTheFingerprint() throws Exception {
        JsonNode result = sarif(samples.full(), Redactor.standard(), Optional.empty(), false).at("/runs/0/results/0");
        assertEquals(1, result.get("locations").size());
        JsonNode physical = result.at("/locations/0/physicalLocation");
        assertEquals("src/my%20app%20%5B1%5D.env", physical.at("/artifactLocation/uri").asText());
        assertEquals("%SRCROOT%", physical.at("/artifactLocation/uriBaseId").asText());
        JsonNode region = physical.get("region");
        assertEquals(3, region.get("startLine").asInt());
        assertEquals(14, region.get("startColumn").asInt());
        assertEquals(3, region.get("endLine").asInt());
        assertEquals(54, region.get("endColumn").asInt(), "SARIF's end column is one past the last character");
        assertEquals("0123456789abcdef0123456789abcdef",
                result.at("/partialFingerprints/" + SarifReporter.FINGERPRINT_KEY.replace("/", "~1")).asText());
        assertTrue(result.at("/message/text").asText().startsWith("GitHub personal access token (classic): ghp_"));
        assertFalse(result.has("suppressions"), "no suppression information unless asked for");
    }

    @Test
    void historyResultsCarryCommitAuthorAndDateInMessageAndProperties() throws Exception {
        JsonNode result = sarif(samples.full(), Redactor.standard(), Optional.empty(), false).at("/runs/0/results/1");
        String message = result.at("/message/text").asText();
        assertTrue(message.contains(SampleReports.COMMIT), message);
        assertTrue(message.contains("Tess Tester"), message);
        assertTrue(message.contains("2026-01-02T03:04:05Z"), message);
        assertTrue(message.contains("Only in history"), message);
        JsonNode p = result.get("properties");
        assertEquals(SampleReports.COMMIT, p.get("commit").asText());
        assertEquals("Tess Tester", p.get("author").asText());
        assertEquals("tess@example.com", p.get("email").asText());
        assertEquals("2026-01-02T03:04:05Z", p.get("date").asText());
        assertFalse(p.get("atHead").asBoolean());
        assertEquals("add deploy key ghp_" + Redactor.MASK, p.get("commitMessage").asText(),
                "the subject repeats the secret: redacted");
        assertEquals("low", p.get("confidence").asText());
    }

    @Test
    void neverWritesTheWholeSecretEvenWhenToldNotToRedact() throws Exception {
        JsonNode run = sarif(samples.full(), Redactor.none(), Optional.empty(), false).at("/runs/0");
        assertTrue(run.at("/results/0/message/text").asText().contains("ghp_" + Redactor.MASK));
        JsonNode half = sarif(samples.full(), Redactor.percent(50), Optional.empty(), false).at("/runs/0");
        assertTrue(half.at("/results/0/message/text").asText().contains(samples.token.substring(0, 20)
                + Redactor.MASK), "a redaction the user chose is kept");
    }

    @Test
    void categoryBecomesTheAutomationIdAndDatesAreUtcWithZ() throws Exception {
        JsonNode run = sarif(samples.full(), Redactor.standard(), Optional.of("secrets"), false).at("/runs/0");
        assertEquals("secrets/", run.at("/automationDetails/id").asText());
        assertEquals("secrets/nightly/", SarifReporter.automationId("secrets/nightly"),
                "as the upload action does: a category always ends with a slash");
        assertEquals("secrets/", SarifReporter.automationId("secrets/"));
        assertEquals("2026-03-04T05:06:07.089Z", run.at("/invocations/0/endTimeUtc").asText());
        assertEquals("2026-03-04T05:06:05.589Z", run.at("/invocations/0/startTimeUtc").asText());
        assertTrue(run.at("/invocations/0/executionSuccessful").asBoolean());
        assertFalse(sarif(samples.full(), Redactor.standard(), Optional.empty(), false).at("/runs/0")
                .has("automationDetails"), "left to the upload action's category input");
    }

    @Test
    void anEmptyScanStillWritesAnEmptyResultsArray() throws Exception {
        JsonNode log = sarif(SampleReports.empty(), Redactor.standard(), Optional.empty(), false);
        assertEquals("2.1.0", log.get("version").asText());
        assertEquals(SarifReporter.SCHEMA_URI, log.get("$schema").asText());
        JsonNode results = log.at("/runs/0/results");
        assertTrue(results.isArray());
        assertEquals(0, results.size());
        assertEquals(0, log.at("/runs/0/tool/driver/rules").size());
    }

    @Test
    void suppressedFindingsCarrySuppressionsAndTheOthersAnEmptyList() throws Exception {
        Report report = SampleReports.report(List.of(samples.allowlisted(), samples.historyFinding(),
                samples.inlineAllowed()));
        JsonNode results = sarif(report, Redactor.standard(), Optional.empty(), true).at("/runs/0/results");
        JsonNode external = results.get(0).get("suppressions");
        assertEquals(1, external.size());
        assertEquals("external", external.at("/0/kind").asText());
        assertEquals("accepted", external.at("/0/status").asText());
        assertTrue(external.at("/0/justification").asText().contains("global allowlist 'tests'"));
        assertTrue(results.get(1).get("suppressions").isArray());
        assertEquals(0, results.get(1).get("suppressions").size(), "not suppressed: an empty list");
        assertEquals("inSource", results.get(2).at("/suppressions/0/kind").asText());
    }

    private static Finding atLine(Finding f, int line) {
        return new Finding(f.ruleId(), f.description(), f.severity(), f.confidence(), f.tags(),
                new Location(f.location().path(), line, 1, line, 10, 0, 10), f.secret(), f.match(), f.line(),
                f.entropy(), f.fingerprint(), f.origin(), f.suppression());
    }

    @Test
    void pastGitHubsLimitARunKeepsTheMostSevereReportedFindingsAndSaysWhatItLeftOut() throws Exception {
        List<Finding> findings = new ArrayList<>();
        findings.add(atLine(samples.allowlisted(), 1)); // critical, but suppressed: left out first
        findings.add(atLine(samples.allowlisted(), 2));
        for (int i = 1; i <= SarifReporter.MAX_RESULTS; i++) {
            findings.add(atLine(samples.slackFinding(), i)); // medium
        }
        for (int i = 1; i <= 3; i++) {
            findings.add(atLine(samples.fileFinding(), i)); // critical, at the end of the report
        }
        Report report = SampleReports.report(findings);
        assertEquals(5, SarifReporter.omitted(report));
        JsonNode run = sarif(report, Redactor.standard(), Optional.empty(), true).at("/runs/0");
        JsonNode results = run.get("results");
        assertEquals(SarifReporter.MAX_RESULTS, results.size());
        for (int i = 0; i < SarifReporter.MAX_RESULTS - 3; i++) {
            assertEquals("slack-bot-token", results.get(i).get("ruleId").asText());
            assertEquals(i + 1, results.get(i).at("/locations/0/physicalLocation/region/startLine").asInt(),
                    "kept in report order; the last medium ones are left out");
            assertEquals(0, results.get(i).get("suppressions").size());
        }
        for (int i = SarifReporter.MAX_RESULTS - 3; i < SarifReporter.MAX_RESULTS; i++) {
            assertEquals("github-pat", results.get(i).get("ruleId").asText(), "every critical finding is kept");
        }
        String note = run.at("/invocations/0/toolExecutionNotifications/0/message/text").asText();
        assertTrue(note.startsWith("5 of 25005 findings are left out"), note);
        JsonNode level = run.at("/invocations/0/toolExecutionNotifications/0/level");
        assertTrue(level.isMissingNode() || level.asText().equals("warning"), "a warning (SARIF's default level)");
        assertEquals(0, SarifReporter.omitted(samples.full()));
        assertTrue(sarif(samples.full(), Redactor.standard(), Optional.empty(), false)
                .at("/runs/0/invocations/0/toolExecutionNotifications").isMissingNode(), "nothing to say");
    }

    @Test
    void encodesPathsForUriReferences() {
        assertEquals("a/b%20c/%5Bx%5D%25.txt", SarifReporter.encodePath("a/b c/[x]%.txt"));
        assertEquals("%28commit%20message%29", SarifReporter.encodePath("(commit message)"));
        assertEquals("d%C3%A9j%C3%A0/c%3Afile", SarifReporter.encodePath("déjà/c:file"));
    }
}
