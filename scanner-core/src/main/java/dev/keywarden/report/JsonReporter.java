package dev.keywarden.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.keywarden.finding.Finding;
import dev.keywarden.scan.ScanSummary;
import dev.keywarden.source.SkipReason;
import java.io.IOException;
import java.io.Writer;

/**
 * The JSON report, schema version 1 (documented in the README): a {@code tool} object, a {@code findings} array and
 * a {@code summary} object. Secrets and matches are redacted unless the redactor is {@link Redactor#none()}.
 * Commit fields are always present: null for file sources; for git sources the commit that introduced the
 * secret, with {@code blob}, {@code atHead} (is it still in HEAD's tree) and, when asked, {@code otherLocations}.
 */
public final class JsonReporter implements Reporter {
    public static final int SCHEMA_VERSION = 1;

    private final FindingJson findingJson;

    public JsonReporter(Redactor redactor) {
        this.findingJson = new FindingJson(redactor);
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        try (JsonGenerator g = FindingJson.prettyGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            g.writeObjectFieldStart("tool");
            g.writeStringField("name", "keywarden");
            g.writeStringField("version", report.toolVersion());
            g.writeEndObject();
            g.writeArrayFieldStart("findings");
            for (Finding f : report.findings()) {
                findingJson.write(f, g);
            }
            g.writeEndArray();
            summary(report, g);
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
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
