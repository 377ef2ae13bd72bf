package dev.keywarden.report;

import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Location;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML for CI test-report views: one test suite, one failed test case per finding (its class name the file,
 * its name the rule and position), a skipped test case per suppressed finding when they are included. A clean scan
 * writes one passing test case, so that CI systems which reject an empty report show a green one instead. Text
 * that XML cannot hold (control characters) is dropped.
 */
public final class JunitReporter implements Reporter {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Redactor redactor;
    private final Clock clock;

    public JunitReporter(Redactor redactor, Clock clock) {
        this.redactor = redactor;
        this.clock = clock;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        long failures = report.reportedCount();
        long skipped = report.findings().size() - failures;
        long tests = Math.max(1, report.findings().size());
        String seconds = String.format(Locale.ROOT, "%.3f", report.summary().elapsed().toMillis() / 1000.0);
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            totals(x, "keywarden", tests, failures, skipped, seconds);
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            totals(x, "keywarden secret scan", tests, failures, skipped, seconds);
            x.writeAttribute("timestamp", TIMESTAMP.format(clock.instant()));
            for (Finding f : report.findings()) {
                testCase(f, x);
            }
            if (report.findings().isEmpty()) {
                x.writeCharacters("\n    ");
                x.writeEmptyElement("testcase");
                x.writeAttribute("classname", "keywarden");
                x.writeAttribute("name", "no secrets found");
                x.writeAttribute("time", "0");
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
            x.close();
        } catch (XMLStreamException e) {
            // the writer's own failure (a full disk) arrives wrapped: pass it on as it was
            Throwable cause = e.getCause() != null ? e.getCause() : e.getNestedException();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot write the JUnit report: " + e.getMessage(), e);
        }
        out.flush();
    }

    /** The attributes {@code testsuites} and {@code testsuite} share. */
    private static void totals(XMLStreamWriter x, String name, long tests, long failures, long skipped, String seconds)
            throws XMLStreamException {
        x.writeAttribute("name", name);
        x.writeAttribute("tests", String.valueOf(tests));
        x.writeAttribute("failures", String.valueOf(failures));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", String.valueOf(skipped));
        x.writeAttribute("time", seconds);
    }

    private void testCase(Finding f, XMLStreamWriter x) throws XMLStreamException {
        Location at = f.location();
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("classname", xml(at.path()));
        x.writeAttribute("name", xml(f.ruleId() + " at " + at.path() + ":" + at.line() + ":" + at.column()));
        x.writeAttribute("file", xml(at.path()));
        x.writeAttribute("line", String.valueOf(at.line()));
        x.writeAttribute("time", "0");
        x.writeCharacters("\n      ");
        if (f.suppression().isPresent()) {
            x.writeEmptyElement("skipped");
            x.writeAttribute("message", xml("suppressed: " + f.suppression().get().reason()));
        } else {
            x.writeStartElement("failure");
            String secret = f.secret().isEmpty() ? "the file itself is sensitive"
                    : redactor.redactOneLine(f.secret());
            x.writeAttribute("message", xml(f.description() + ": " + secret));
            x.writeAttribute("type", xml(f.ruleId()));
            x.writeCharacters(xml(details(f)));
            x.writeEndElement();
        }
        x.writeCharacters("\n    ");
        x.writeEndElement();
    }

    private String details(Finding f) {
        Location at = f.location();
        StringBuilder d = new StringBuilder();
        d.append(f.description()).append(" (").append(f.ruleId()).append(")\n");
        d.append("file:        ").append(at.path()).append(':').append(at.line()).append(':').append(at.column())
                .append('\n');
        d.append("severity:    ").append(f.severity().label()).append(", confidence ").append(f.confidence().label())
                .append('\n');
        if (!f.secret().isEmpty()) {
            d.append("secret:      ").append(redactor.redactOneLine(f.secret())).append('\n');
            d.append("line:        ").append(redactor.redactLine(f).strip()).append('\n');
        }
        f.origin().commitInfo().ifPresent(c -> d.append("commit:      ").append(c.id()).append(' ')
                .append(DateTimeFormatter.ISO_INSTANT.format(c.date())).append(' ').append(c.authorName())
                .append(" <").append(c.authorEmail()).append("> ")
                .append(Redactor.firstLine(redactor.redactIn(c.subject(), f.secret()))).append('\n'));
        d.append("fingerprint: ").append(f.fingerprint()).append('\n');
        return d.toString();
    }

    /** Drops what XML 1.0 cannot hold: control characters other than tab and line breaks, unpaired surrogates. */
    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)) {
                out.append(c);
            }
        }
        return out.toString();
    }

}
