package dev.keywarden.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Location;
import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;

/**
 * gitleaks' JSON report: an array of objects with gitleaks' field names (Description, StartLine, EndLine,
 * StartColumn, EndColumn, Match, Secret, File, SymlinkFile, Commit, Entropy, Author, Email, Date, Message, Tags,
 * RuleID, Fingerprint), so that dashboards and scripts written for gitleaks keep working. Empty strings where
 * gitleaks writes them (no commit for files; SymlinkFile is always empty, since keywarden never follows links), and
 * gitleaks' own fingerprint format ({@code commit:file:rule:line}, or {@code file:rule:line} outside git), which
 * is what a {@code .gitleaksignore} file lists. Secrets are redacted as for every format.
 */
public final class GitleaksReporter implements Reporter {
    private final Redactor redactor;

    public GitleaksReporter(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        try (JsonGenerator g = FindingJson.prettyGenerator(out)) {
            g.writeStartArray();
            for (Finding f : report.findings()) {
                finding(f, g);
            }
            g.writeEndArray();
        }
        out.write('\n');
        out.flush();
    }

    private void finding(Finding f, JsonGenerator g) throws IOException {
        Location at = f.location();
        var commit = f.origin().commitInfo();
        g.writeStartObject();
        g.writeStringField("Description", f.description());
        g.writeNumberField("StartLine", at.line());
        g.writeNumberField("EndLine", at.endLine());
        g.writeNumberField("StartColumn", at.column());
        g.writeNumberField("EndColumn", at.endColumn());
        g.writeStringField("Match", redactor.redactIn(f.match(), f.secret()));
        g.writeStringField("Secret", redactor.redact(f.secret()));
        g.writeStringField("File", at.path());
        g.writeStringField("SymlinkFile", "");
        g.writeStringField("Commit", commit.map(c -> c.id()).orElse(""));
        g.writeNumberField("Entropy", (float) f.entropy());
        g.writeStringField("Author", commit.map(c -> c.authorName()).orElse(""));
        g.writeStringField("Email", commit.map(c -> c.authorEmail()).orElse(""));
        g.writeStringField("Date", commit.map(c -> DateTimeFormatter.ISO_INSTANT.format(c.date())).orElse(""));
        g.writeStringField("Message", commit.map(c -> redactor.redactIn(c.subject(), f.secret())).orElse(""));
        g.writeArrayFieldStart("Tags");
        for (String t : f.tags()) {
            g.writeString(t);
        }
        g.writeEndArray();
        g.writeStringField("RuleID", f.ruleId());
        g.writeStringField("Fingerprint", fingerprint(f));
        g.writeEndObject();
    }

    /** gitleaks' fingerprint: {@code commit:file:rule:line}, or {@code file:rule:line} without a commit. */
    static String fingerprint(Finding f) {
        String base = f.location().path() + ":" + f.ruleId() + ":" + f.location().line();
        return f.origin().commit().map(c -> c + ":" + base).orElse(base);
    }
}
