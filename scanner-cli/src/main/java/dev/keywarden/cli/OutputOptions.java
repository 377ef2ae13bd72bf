package dev.keywarden.cli;

import dev.keywarden.finding.Finding;
import dev.keywarden.report.CsvReporter;
import dev.keywarden.report.GitlabReporter;
import dev.keywarden.report.GitleaksReporter;
import dev.keywarden.report.JsonReporter;
import dev.keywarden.report.JsonlReporter;
import dev.keywarden.report.JunitReporter;
import dev.keywarden.report.Redactor;
import dev.keywarden.report.Report;
import dev.keywarden.report.ReportFile;
import dev.keywarden.report.Reporter;
import dev.keywarden.report.SarifReporter;
import dev.keywarden.report.SourceRoot;
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
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How a scanning command reports: format, destination, redaction, exit code, verbosity. Shared by every scan. */
final class OutputOptions {

    enum Format { text, json, jsonl, csv, junit, sarif, gitlab, gitleaks }

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

    @Option(names = "--sarif-category", paramLabel = "CATEGORY",
            description = "SARIF only: the run's automationDetails.id (CATEGORY/), so that several scans of one "
                    + "repository can be uploaded to GitHub code scanning side by side.")
    String sarifCategory;

    @Option(names = "--include-suppressed",
            description = "Also report suppressed findings (allowlisted, ignored, inline-allowed), marked as such; "
                    + "they never fail the scan.")
    boolean includeSuppressed;

    /** What SARIF and GitLab paths are relative to; set by commands whose findings carry paths as scanned. */
    SourceRoot sourceRoot = SourceRoot.none();

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
        if (sarifCategory != null && format != Format.sarif) {
            throw new CommandLine.ParameterException(cli, "--sarif-category applies to --format sarif only");
        }
        if (sarifCategory != null && sarifCategory.isBlank()) {
            throw new CommandLine.ParameterException(cli, "--sarif-category must not be empty");
        }
        if (includeSuppressed && (format == Format.gitlab || format == Format.gitleaks)) {
            throw new CommandLine.ParameterException(cli, "--include-suppressed: the " + format
                    + " format has no way to mark a finding as suppressed");
        }
    }

    /** Whether the scan must build suppressed findings rather than only count them. */
    boolean keepSuppressed() {
        return verbose || includeSuppressed;
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
        Report report = new Report(includeSuppressed ? result.findings() : result.reported(),
                result.suppressedCount(), result.summary(), VersionProvider.version());
        write(report, err);
        return report.reportedCount() == 0 ? ExitCodes.CLEAN : exitCode;
    }

    private void write(Report report, PrintStream err) throws IOException {
        Redactor redactor = redactor();
        boolean toStdout = output == null;
        Reporter reporter = switch (format) {
            case text -> new TextReporter(redactor, toStdout && Terminal.colour(), toStdout && !quiet);
            case json -> new JsonReporter(redactor);
            case jsonl -> new JsonlReporter(redactor);
            case csv -> new CsvReporter(redactor);
            case junit -> new JunitReporter(redactor, Clock.systemUTC());
            case sarif -> new SarifReporter(redactor, sourceRoot, Optional.ofNullable(sarifCategory),
                    includeSuppressed, Clock.systemUTC());
            case gitlab -> new GitlabReporter(redactor, sourceRoot, Clock.systemUTC());
            case gitleaks -> new GitleaksReporter(redactor);
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
        if (format == Format.sarif && SarifReporter.omitted(report) > 0) {
            // even with -q: an upload that silently lacks findings is worse than a noisy one
            err.println("keywarden: warning: " + SarifReporter.omittedWarning(report));
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
