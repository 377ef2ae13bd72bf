package dev.keywarden.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Severity;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * GitLab's secret-detection report ({@code gl-secret-detection-report.json}, security report schema 15): a
 * {@code scan} object (analyzer, scanner, type {@code secret_detection}, start and end time, status) and one
 * vulnerability per finding, with a stable id derived from keywarden's fingerprint, the rule id as primary
 * identifier (then CWE-798), a repository-relative location and the commit (zeros outside git: the schema requires a
 * commit). Like SARIF, it is uploaded to a service and never holds a whole secret.
 */
public final class GitlabReporter implements Reporter {
    public static final String SCHEMA_VERSION = "15.2.1";
    static final String NO_COMMIT = "0000000";
    /** The schema's pattern for scan times: UTC, no zone designator, no fraction. */
    private static final DateTimeFormatter SCAN_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Redactor redactor;
    private final SourceRoot root;
    private final Clock clock;

    public GitlabReporter(Redactor redactor, SourceRoot root, Clock clock) {
        this.redactor = redactor.neverWhole();
        this.root = root;
        this.clock = clock;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        Instant end = clock.instant();
        Instant start = end.minus(report.summary().elapsed());
        try (JsonGenerator g = FindingJson.prettyGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("version", SCHEMA_VERSION);
            g.writeObjectFieldStart("scan");
            component("analyzer", report.toolVersion(), g);
            component("scanner", report.toolVersion(), g);
            g.writeStringField("type", "secret_detection");
            g.writeStringField("start_time", SCAN_TIME.format(start));
            g.writeStringField("end_time", SCAN_TIME.format(end));
            g.writeStringField("status", "success");
            g.writeEndObject();
            g.writeArrayFieldStart("vulnerabilities");
            for (Finding f : report.findings()) {
                vulnerability(f, g);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void component(String name, String version, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("id", "keywarden");
        g.writeStringField("name", "keywarden");
        g.writeStringField("url", SarifReporter.INFORMATION_URI);
        g.writeObjectFieldStart("vendor");
        g.writeStringField("name", "keywarden");
        g.writeEndObject();
        g.writeStringField("version", version);
        g.writeEndObject();
    }

    private void vulnerability(Finding f, JsonGenerator g) throws IOException {
        var commit = f.origin().commitInfo();
        String sha = commit.map(c -> c.id()).orElse(NO_COMMIT);
        g.writeStartObject();
        g.writeStringField("id", id(f, sha));
        g.writeStringField("name", f.description());
        g.writeStringField("description", description(f));
        g.writeStringField("severity", severity(f.severity()));
        g.writeStringField("solution", RuleHelp.of(f).stepsText());
        g.writeArrayFieldStart("identifiers");
        identifier(g, "keywarden_rule_id", "keywarden rule ID " + f.ruleId(), f.ruleId(), null);
        identifier(g, "cwe", "CWE-798", "798", "https://cwe.mitre.org/data/definitions/798.html");
        g.writeEndArray();
        g.writeObjectFieldStart("location");
        g.writeStringField("file", root.relativePath(f));
        g.writeNumberField("start_line", f.location().line());
        g.writeNumberField("end_line", f.location().endLine());
        g.writeObjectFieldStart("commit");
        if (commit.isPresent()) {
            g.writeStringField("author", commit.get().authorName() + " <" + commit.get().authorEmail() + ">");
            g.writeStringField("date", DateTimeFormatter.ISO_INSTANT.format(commit.get().date()));
            g.writeStringField("message", redactor.redactIn(commit.get().subject(), f.secret()));
        }
        g.writeStringField("sha", sha);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    private String description(Finding f) {
        String what = f.secret().isEmpty() ? f.description() + ": the file itself is sensitive."
                : f.description() + " found: " + redactor.redactOneLine(f.secret()) + ".";
        return what + " " + RuleHelp.of(f).risk() + " Fingerprint " + f.fingerprint() + ".";
    }

    private static void identifier(JsonGenerator g, String type, String name, String value, String url)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("type", type);
        g.writeStringField("name", name);
        g.writeStringField("value", value);
        if (url != null) {
            g.writeStringField("url", url);
        }
        g.writeEndObject();
    }

    /** A UUID derived from the fingerprint and commit, so a finding keeps its id from one pipeline to the next. */
    static String id(Finding f, String sha) {
        return UUID.nameUUIDFromBytes((f.fingerprint() + ":" + sha).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String severity(Severity s) {
        return switch (s) {
            case CRITICAL -> "Critical";
            case HIGH -> "High";
            case MEDIUM -> "Medium";
            case LOW -> "Low";
            case INFO -> "Info";
        };
    }

}
