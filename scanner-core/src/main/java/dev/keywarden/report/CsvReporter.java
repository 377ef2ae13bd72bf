package dev.keywarden.report;

import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Location;
import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CSV after RFC 4180: a header row, one row per finding, CRLF line ends, fields quoted when they hold a comma, a
 * quote or a line break (quotes doubled). Text that a spreadsheet would run as a formula (starting with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return) is prefixed with a single quote: matches and commit
 * messages come from the scanned repository, which an attacker may control.
 */
public final class CsvReporter implements Reporter {
    static final List<String> HEADER = List.of("ruleId", "description", "severity", "confidence", "file", "line",
            "column", "endLine", "endColumn", "secret", "match", "redacted", "entropy", "fingerprint", "commit",
            "author", "email", "date", "message", "tags", "suppressed");

    private final Redactor redactor;

    public CsvReporter(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        row(out, HEADER.stream().map(CsvReporter::text).toList());
        for (Finding f : report.findings()) {
            row(out, cells(f));
        }
        out.flush();
    }

    private List<String> cells(Finding f) {
        Location at = f.location();
        var commit = f.origin().commitInfo();
        List<String> cells = new ArrayList<>();
        cells.add(text(f.ruleId()));
        cells.add(text(f.description()));
        cells.add(text(f.severity().label()));
        cells.add(text(f.confidence().label()));
        cells.add(text(at.path()));
        cells.add(number(at.line()));
        cells.add(number(at.column()));
        cells.add(number(at.endLine()));
        cells.add(number(at.endColumn()));
        cells.add(text(redactor.redact(f.secret())));
        cells.add(text(redactor.redactIn(f.match(), f.secret())));
        cells.add(text(String.valueOf(redactor.redacts() && !f.secret().isEmpty())));
        cells.add(number(String.format(Locale.ROOT, "%.3f", f.entropy())));
        cells.add(text(f.fingerprint()));
        cells.add(text(commit.map(c -> c.id()).orElse("")));
        cells.add(text(commit.map(c -> c.authorName()).orElse("")));
        cells.add(text(commit.map(c -> c.authorEmail()).orElse("")));
        cells.add(text(commit.map(c -> DateTimeFormatter.ISO_INSTANT.format(c.date())).orElse("")));
        cells.add(text(commit.map(c -> redactor.redactIn(c.subject(), f.secret())).orElse("")));
        cells.add(text(String.join(" ", f.tags())));
        cells.add(text(f.suppression().map(s -> s.kind().name().toLowerCase(Locale.ROOT) + ": " + s.reason())
                .orElse("")));
        return cells;
    }

    private static void row(Writer out, List<String> cells) throws IOException {
        out.write(String.join(",", cells));
        out.write("\r\n");
    }

    /** A number, written as is (never guarded: a number is not a formula). */
    private static String number(Object n) {
        return quote(String.valueOf(n));
    }

    /** A text cell: guarded against formula injection, then quoted as RFC 4180 requires. */
    static String text(String value) {
        return quote(guard(value));
    }

    static String guard(String value) {
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }

    static String quote(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0
                && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
