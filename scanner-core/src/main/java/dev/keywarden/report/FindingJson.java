package dev.keywarden.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Location;
import dev.keywarden.finding.Origin;
import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One finding as a JSON object of schema version 1 (documented in the README), shared by the {@code json} report and
 * the {@code jsonl} stream so that both hold exactly the same fields.
 */
final class FindingJson {
    private static final JsonFactory JSON = new JsonFactory();

    private final Redactor redactor;

    FindingJson(Redactor redactor) {
        this.redactor = redactor;
    }

    /** A pretty-printing generator over {@code out} that leaves it open (it may be standard output). */
    static JsonGenerator prettyGenerator(Writer out) throws IOException {
        return compactGenerator(out).useDefaultPrettyPrinter();
    }

    /** A generator over {@code out} that leaves it open. */
    static JsonGenerator compactGenerator(Writer out) throws IOException {
        return JSON.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    void write(Finding f, JsonGenerator g) throws IOException {
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
            // a secret found in a commit message is in its subject too
            g.writeStringField("message", redactor.redactIn(commit.get().subject(), f.secret()));
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
            g.writeStringField("kind", f.suppression().get().kind().name().toLowerCase(Locale.ROOT));
            g.writeStringField("reason", f.suppression().get().reason());
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
