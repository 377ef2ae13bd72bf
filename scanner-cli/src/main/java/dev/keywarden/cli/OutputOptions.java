package dev.keywarden.cli;

import dev.keywarden.finding.Finding;
import dev.keywarden.report.JsonReporter;
import dev.keywarden.report.Redactor;
import dev.keywarden.report.Report;
import dev.keywarden.report.ReportFile;
import dev.keywarden.report.Reporter;
import dev.keywarden.report.TextReporter;
import dev.keywarden.scan.ScanResult;
import dev.keywarden.scan.ScanSummary;
import dev.keywarden.scan.Skip;
import dev.keywarden.source.SkipReason;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How a scanning command reports: format, destination, redaction, exit code, verbosity. Shared by every scan. */
final class OutputOptions {

    enum Format { text, json }

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE (atomically, mode 0600) instead of standard output.")
    Path output;

    @Option(names = "--redact", arity = "0..1", fallbackValue = "-1", paramLabel = "PERCENT",
            description = "Redact secrets in the report (the default): without a value show at most the first 4 "
                    + "characters; with PERCENT hide that share of each secret.")
    Integer redactPercent;

    @Option(names = "--no-redact", description = "Show secrets in full.")
    boolean noRedact;

    @Option(names = "--exit-code", paramLabel = "N", defaultValue = "1",
            description = "Exit code when secrets are found. Default: ${DEFAULT-VALUE}.")
    int exitCode;

    @Option(names = "--no-progress", description = "Never show the progress line.")
    boolean noProgress;

    @Option(names = {"-q", "--quiet"}, description = "Print findings only: no summary, no warnings.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Also list every skipped file and suppressed finding.")
    boolean verbose;

    /** Rejects contradictory or out-of-range values, as usage errors. */
    void validate(CommandLine cli) {
        if (redactPercent != null && redactPercent != -1 && (redactPercent < 0 || redactPercent > 100)) {
            throw new CommandLine.ParameterException(cli, "--redact takes a percentage between 0 and 100");
        }
        if (noRedact && redactPercent != null) {
            throw new CommandLine.ParameterException(cli, "--redact and --no-redact contradict each other");
        }
    }

    boolean showProgress() {
        return !noProgress && !quiet && Terminal.stderrIsTerminal();
    }

    Redactor redactor() {
        if (noRedact) {
            return Redactor.none();
        }
        if (redactPercent == null || redactPercent == -1) {
            return Redactor.standard();
        }
        return Redactor.percent(redactPercent);
    }

    /** Prints warnings and skips, writes the report, and returns the exit code for what was found. */
    int finish(ScanResult result, PrintStream err) throws IOException {
        warn(result.summary(), err);
        if (verbose) {
            for (Finding f : result.suppressed()) {
                err.println("keywarden: suppressed " + f.ruleId() + " at " + f.location().path() + ":"
                        + f.location().line() + " (" + f.suppression().orElseThrow().reason() + ")");
            }
        }
        Report report = new Report(result.reported(), result.suppressedCount(), result.summary(),
                VersionProvider.version());
        write(report, err);
        return report.findings().isEmpty() ? ExitCodes.CLEAN : exitCode;
    }

    private void write(Report report, PrintStream err) throws IOException {
        Redactor redactor = redactor();
        boolean toStdout = output == null;
        Reporter reporter = switch (format) {
            case text -> new TextReporter(redactor, toStdout && Terminal.colour(), toStdout && !quiet);
            case json -> new JsonReporter(redactor);
        };
        if (toStdout) {
            Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
            reporter.write(report, out);
            out.flush();
            if (format != Format.text && !quiet) {
                err.println(TextReporter.summaryLine(report));
            }
        } else {
            try {
                ReportFile.write(output, out -> reporter.write(report, out));
            } catch (IOException e) {
                throw new IoFailure("cannot write the report to " + output + ": " + ScanCommand.describe(e), e);
            }
            if (!quiet) {
                err.println(TextReporter.summaryLine(report));
            }
        }
    }

    private void warn(ScanSummary summary, PrintStream err) {
        if (quiet) {
            return;
        }
        for (String w : summary.warnings()) {
            err.println("keywarden: warning: " + w);
        }
        for (Skip s : summary.skips()) {
            if (s.reason() == SkipReason.UNREADABLE) {
                err.println("keywarden: warning: cannot read " + s.path() + ": " + s.detail());
            } else if (verbose) {
                err.println("keywarden: skipped " + s.path() + " (" + s.reason().label()
                        + (s.detail().isEmpty() ? "" : ": " + s.detail()) + ")");
            }
        }
    }
}
