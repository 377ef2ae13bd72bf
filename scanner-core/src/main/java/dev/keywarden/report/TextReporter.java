package dev.keywarden.report;

import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Location;
import dev.keywarden.scan.ScanSummary;
import dev.keywarden.source.SkipReason;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Human output: one block per finding (rule, file:line:col, the redacted secret, the line with the secret masked),
 * then a summary line. Colour only when asked for (the CLI asks on a terminal, unless NO_COLOR is set).
 */
public final class TextReporter implements Reporter {
    private static final int LINE_WIDTH = 160;

    private final Redactor redactor;
    private final boolean colour;
    private final boolean summary;

    public TextReporter(Redactor redactor, boolean colour, boolean summary) {
        this.redactor = redactor;
        this.colour = colour;
        this.summary = summary;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        for (Finding f : report.findings()) {
            block(f, out);
        }
        if (summary) {
            out.write(summaryLine(report));
            out.write('\n');
        }
        out.flush();
    }

    private void block(Finding f, Writer out) throws IOException {
        Location at = f.location();
        out.write(style("1;31", f.ruleId()) + "  " + f.description() + "\n");
        out.write("  " + style("36", at.path() + ":" + at.line() + ":" + at.column()) + "  severity "
                + f.severity().label() + ", confidence " + f.confidence().label() + "\n");
        if (!f.secret().isEmpty()) {
            out.write("  secret       " + style("33", redactor.redactOneLine(f.secret())) + "\n");
            out.write("  line         " + excerpt(redactor.redactLine(f), redactor.redact(f.secret())) + "\n");
            if (f.decoded().isPresent()) {
                out.write("  decoded      " + f.decoded().get() + " (the location is that of the encoded text)\n");
            }
            for (var part : f.required()) {
                out.write("  with         " + part.ruleId() + " at " + part.location().line() + ":"
                        + part.location().column() + "  " + style("33", redactor.redactOneLine(part.secret()))
                        + "\n");
            }
        } else {
            out.write("  file         sensitive by its name\n");
        }
        if (f.origin().commitInfo().isPresent()) {
            var c = f.origin().commitInfo().get();
            out.write("  commit       " + c.id().substring(0, Math.min(12, c.id().length())) + "  "
                    + java.time.format.DateTimeFormatter.ISO_INSTANT.format(c.date()) + "  " + c.authorName() + " <"
                    + c.authorEmail() + ">  " + Redactor.firstLine(redactor.redactIn(c.subject(), f.secret())) + "\n");
        }
        if (f.origin() instanceof dev.keywarden.finding.Origin.GitBlob blob && blob.atHead().isPresent()) {
            out.write("  at HEAD      " + (blob.atHead().get() ? "yes, still in the current tree"
                    : "no, only in history") + "\n");
            for (var l : blob.elsewhere()) {
                out.write("  also in      " + l.commit().substring(0, Math.min(12, l.commit().length())) + "  "
                        + l.path() + "\n");
            }
        }
        out.write("  fingerprint  " + f.fingerprint() + "\n");
        f.suppression().ifPresent(s -> write(out, "  suppressed   " + s.reason() + "\n"));
        out.write('\n');
    }

    private static void write(Writer out, String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The line trimmed to a readable width around the (redacted) secret. */
    static String excerpt(String line, String anchor) {
        String text = line.strip();
        if (text.length() <= LINE_WIDTH) {
            return text;
        }
        int at = Math.max(0, text.indexOf(anchor));
        int from = Math.max(0, at - LINE_WIDTH / 3);
        int to = Math.min(text.length(), from + LINE_WIDTH);
        return (from > 0 ? "…" : "") + text.substring(from, to) + (to < text.length() ? "…" : "");
    }

    public static String summaryLine(Report report) {
        ScanSummary s = report.summary();
        long found = report.reportedCount();
        StringBuilder line = new StringBuilder();
        line.append(found == 0 ? "no secrets found" : Sizes.count(found, "finding", "findings"));
        line.append(" in ").append(s.commits() > 0 ? Sizes.count(s.files(), "blob", "blobs") + " of "
                + Sizes.count(s.commits(), "commit", "commits") : Sizes.count(s.files(), "file", "files")).append(" (")
                .append(Sizes.bytes(s.bytes())).append(") in ").append(Sizes.seconds(s.elapsed().toNanos()));
        if (report.suppressed() > 0) {
            line.append("; ").append(report.suppressed()).append(" suppressed");
        }
        if (s.skippedTotal() > 0) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<SkipReason, Long> e : s.skipped().entrySet()) {
                parts.add(e.getValue() + " " + e.getKey().label());
            }
            line.append("; skipped ").append(s.skippedTotal()).append(" (").append(String.join(", ", parts))
                    .append(')');
        }
        if (!s.warnings().isEmpty()) {
            line.append("; ").append(Sizes.count(s.warnings().size(), "warning", "warnings"));
        }
        return line.toString();
    }

    private String style(String code, String text) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
