package dev.keywarden.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Location;
import dev.keywarden.finding.Origin;
import dev.keywarden.scan.ScanSummary;
import dev.keywarden.source.SkipReason;
import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;

/**
 * The JSON report, schema version 1 (documented in the README): a {@code tool} object, a {@code findings} array and
 * a {@code summary} object. Secrets and matches are redacted unless the redactor is {@link Redactor#none()}.
 * Commit fields are always present: null for file sources; for git sources the commit that introduced the
 * secret, with {@code blob}, {@code atHead} (is it still in HEAD's tree) and, when asked, {@code otherLocations}.
 */
public final class JsonReporter implements Reporter {
    public static final int SCHEMA_VERSION = 1;
    private static final JsonFactory JSON = new JsonFactory();

    private final Redactor redactor;

    public JsonReporter(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            g.writeObjectFieldStart("tool");
            g.writeStringField("name", "keywarden");
            g.writeStringField("version", report.toolVersion());
            g.writeEndObject();
            g.writeArrayFieldStart("findings");
            for (Finding f : report.findings()) {
                finding(f, g);
            }
            g.writeEndArray();
            summary(report, g);
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private void finding(Finding f, JsonGenerator g) throws IOException {
        Location at = f.location();
        g.writeStartObject();
        g.writeStringField("ruleId", f.ruleId());
        g.writeStringField("description", f.description());
        g.writeStringField("severity", f.severity().label());
        g.writeStringField("confidence", f.confidence().label());
        g.writeArrayFieldStart("tags");
        for (String t : f.tags()) {
            g.writeString(t);
        }
        g.writeEndArray();
        g.writeStringField("file", at.path());
        g.writeNumberField("line", at.line());
        g.writeNumberField("column", at.column());
        g.writeNumberField("endLine", at.endLine());
        g.writeNumberField("endColumn", at.endColumn());
        g.writeStringField("secret", redactor.redact(f.secret()));
        g.writeStringField("match", redactor.redactIn(f.match(), f.secret()));
        g.writeBooleanField("redacted", redactor.redacts() && !f.secret().isEmpty());
        g.writeNumberField("entropy", Math.round(f.entropy() * 1000) / 1000.0);
        g.writeStringField("fingerprint", f.fingerprint());
        if (f.decoded().isPresent()) {
            g.writeStringField("decoded", f.decoded().get());
        } else {
            g.writeNullField("decoded");
        }
        if (!f.required().isEmpty()) {
            g.writeArrayFieldStart("required");
            for (var part : f.required()) {
                g.writeStartObject();
                g.writeStringField("ruleId", part.ruleId());
                g.writeNumberField("line", part.location().line());
                g.writeNumberField("column", part.location().column());
                g.writeNumberField("endLine", part.location().endLine());
                g.writeNumberField("endColumn", part.location().endColumn());
                g.writeStringField("secret", redactor.redact(part.secret()));
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        var commit = f.origin().commitInfo();
        if (commit.isPresent()) {
            g.writeStringField("commit", commit.get().id());
            g.writeStringField("author", commit.get().authorName());
            g.writeStringField("email", commit.get().authorEmail());
            g.writeStringField("date", DateTimeFormatter.ISO_INSTANT.format(commit.get().date()));
            g.writeStringField("message", commit.get().subject());
        } else {
            g.writeNullField("commit");
            g.writeNullField("author");
            g.writeNullField("email");
            g.writeNullField("date");
            g.writeNullField("message");
        }
        if (f.origin() instanceof Origin.GitBlob blob) {
            g.writeStringField("blob", blob.blob());
            if (blob.atHead().isPresent()) {
                g.writeBooleanField("atHead", blob.atHead().get());
            } else {
                g.writeNullField("atHead");
            }
            if (!blob.elsewhere().isEmpty()) {
                g.writeArrayFieldStart("otherLocations");
                for (Origin.GitLocation l : blob.elsewhere()) {
                    g.writeStartObject();
                    g.writeStringField("commit", l.commit());
                    g.writeStringField("file", l.path());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        } else {
            g.writeNullField("atHead");
        }
        if (f.suppression().isPresent()) {
            g.writeObjectFieldStart("suppression");
            g.writeStringField("kind", f.suppression().get().kind().name().toLowerCase(java.util.Locale.ROOT));
            g.writeStringField("reason", f.suppression().get().reason());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void summary(Report report, JsonGenerator g) throws IOException {
        ScanSummary s = report.summary();
        g.writeObjectFieldStart("summary");
        g.writeNumberField("files", s.files());
        g.writeNumberField("commits", s.commits());
        g.writeNumberField("bytes", s.bytes());
        g.writeNumberField("findings", report.reportedCount());
        g.writeNumberField("suppressed", report.suppressed());
        g.writeObjectFieldStart("skipped");
        for (SkipReason r : SkipReason.values()) {
            g.writeNumberField(r.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    s.skipped().getOrDefault(r, 0L));
        }
        g.writeEndObject();
        g.writeNumberField("warnings", s.warnings().size());
        g.writeNumberField("durationMs", s.elapsed().toMillis());
        g.writeEndObject();
    }
}
