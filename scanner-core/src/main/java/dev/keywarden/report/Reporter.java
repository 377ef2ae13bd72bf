package dev.keywarden.report;

import java.io.IOException;
import java.io.Writer;

/** One output format. */
public interface Reporter {
    void write(Report report, Writer out) throws IOException;
}
