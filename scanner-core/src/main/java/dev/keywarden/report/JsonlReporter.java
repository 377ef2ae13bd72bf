package dev.keywarden.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.keywarden.finding.Finding;
import java.io.IOException;
import java.io.Writer;

/**
 * JSON Lines: one finding per line, each the same object as in the JSON report (schema version 1), and nothing else
 * (the summary goes to standard error). Each line is flushed as soon as it is written, so a consumer reading a pipe
 * sees findings one by one; an empty scan writes an empty file.
 */
public final class JsonlReporter implements Reporter {
    private final FindingJson findingJson;

    public JsonlReporter(Redactor redactor) {
        this.findingJson = new FindingJson(redactor);
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        try (JsonGenerator g = FindingJson.compactGenerator(out)) {
            // no separator between root values: this writer ends each line itself, so a line is complete on flush
            g.setPrettyPrinter(new MinimalPrettyPrinter(""));
            for (Finding f : report.findings()) {
                findingJson.write(f, g);
                g.flush();
                out.write('\n');
                out.flush();
            }
        }
        out.flush();
    }
}
