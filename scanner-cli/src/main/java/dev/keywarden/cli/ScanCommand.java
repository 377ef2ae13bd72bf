package dev.keywarden.cli;

import dev.keywarden.config.RuleSet;
import dev.keywarden.engine.Engine;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.FindingFilter;
import dev.keywarden.finding.IgnoreFile;
import dev.keywarden.finding.InlineAllow;
import dev.keywarden.report.JsonReporter;
import dev.keywarden.report.Redactor;
import dev.keywarden.report.Report;
import dev.keywarden.report.ReportFile;
import dev.keywarden.report.Reporter;
import dev.keywarden.report.TextReporter;
import dev.keywarden.scan.ScanOptions;
import dev.keywarden.scan.ScanResult;
import dev.keywarden.scan.ScanRunner;
import dev.keywarden.scan.ScanSummary;
import dev.keywarden.scan.Skip;
import dev.keywarden.source.SkipReason;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code keywarden scan [PATH...]}: files, directories, or standard input ({@code -}). */
@Command(name = "scan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Scan files and directories for secrets. In a git work tree .gitignore is honoured; .git/ is "
                + "never entered and symbolic links are not followed.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no findings", "1:findings (see --exit-code)", "2:usage or configuration error",
            "3:an I/O failure stopped the scan", "4:internal error"})
public final class ScanCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or directories to scan; '-' reads "
            + "standard input. Default: the current directory.")
    List<String> paths = new ArrayList<>();

    @Mixin
    ConfigOption configOption;

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

    @Option(names = {"-j", "--threads"}, paramLabel = "N",
            description = "Worker threads. Default: the number of processors.")
    Integer threads;

    @Option(names = "--max-file-size", paramLabel = "SIZE", defaultValue = "25MiB", converter = ByteSize.class,
            description = "Skip (and count) files larger than SIZE, e.g. 25MiB, 512k. Default: ${DEFAULT-VALUE}.")
    long maxFileSize;

    @Option(names = "--no-gitignore", description = "Scan files that .gitignore excludes too.")
    boolean noGitignore;

    @Option(names = "--no-progress", description = "Never show the progress line.")
    boolean noProgress;

    @Option(names = {"-q", "--quiet"}, description = "Print findings only: no summary, no warnings.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Also list every skipped file and suppressed finding.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        if (redactPercent != null && redactPercent != -1 && (redactPercent < 0 || redactPercent > 100)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--redact takes a percentage between 0 and 100");
        }
        if (noRedact && redactPercent != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--redact and --no-redact contradict each other");
        }
        if (threads != null && threads < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        List<String> given = paths.isEmpty() ? List.of(".") : paths;
        boolean stdin = given.contains("-");
        List<Path> files = given.stream().filter(p -> !p.equals("-")).map(Path::of).toList();
        for (Path p : files) {
            if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no such file or directory: " + p);
            }
        }
        Path root = scanRoot(files);

        RuleSet rules = configOption.load(root);
        IgnoreFile ignoreFile;
        try {
            ignoreFile = IgnoreFile.in(root);
        } catch (IgnoreFile.InvalidIgnoreFileException e) {
            throw new UsageError(e.getMessage());
        }
        Engine engine = new Engine(rules);
        FindingFilter filter = FindingFilter.chain(List.of(new InlineAllow(), ignoreFile));
        ScanOptions options = new ScanOptions(threads != null ? threads : Runtime.getRuntime().availableProcessors(),
                maxFileSize, !noGitignore, verbose);
        ScanRunner runner = new ScanRunner(engine, options, filter);

        ScanResult result;
        boolean showProgress = !noProgress && !quiet && Terminal.stderrIsTerminal();
        try (Progress progress = Progress.start(runner.stats(), err, showProgress)) {
            result = files.isEmpty() ? emptyResult() : runner.scanPaths(files);
            if (stdin) {
                result = merge(result, runner.scanStdin(System.in.readAllBytes(), "<stdin>"));
            }
        } catch (NoSuchFileException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no such file or directory: "
                    + e.getFile());
        }

        warn(result.summary(), err);
        List<Finding> reported = result.reported();
        Report report = new Report(reported, result.suppressedCount(), result.summary(), VersionProvider.version());
        if (verbose) {
            for (Finding f : result.suppressed()) {
                err.println("keywarden: suppressed " + f.ruleId() + " at " + f.location().path() + ":"
                        + f.location().line() + " (" + f.suppression().orElseThrow().reason() + ")");
            }
        }
        write(report, err);
        return reported.isEmpty() ? ExitCodes.CLEAN : exitCode;
    }

    private Redactor redactor() {
        if (noRedact) {
            return Redactor.none();
        }
        if (redactPercent == null || redactPercent == -1) {
            return Redactor.standard();
        }
        return Redactor.percent(redactPercent);
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
                throw new IoFailure("cannot write the report to " + output + ": " + describe(e), e);
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

    /** Where the config and ignore file are looked for: the first directory scanned, else the current one. */
    static Path scanRoot(List<Path> files) {
        if (!files.isEmpty()) {
            Path first = files.get(0);
            if (Files.isDirectory(first)) {
                return first;
            }
            Path parent = first.toAbsolutePath().getParent();
            if (parent != null) {
                return parent;
            }
        }
        return Path.of(".");
    }

    private static ScanResult emptyResult() {
        return new ScanResult(List.of(), new ScanSummary(0, 0, java.util.Map.of(), List.of(), List.of(),
                java.time.Duration.ZERO));
    }

    private static ScanResult merge(ScanResult a, ScanResult b) {
        List<Finding> all = new ArrayList<>(a.findings());
        all.addAll(b.findings());
        all.sort(ScanRunner.ORDER);
        ScanSummary x = a.summary();
        ScanSummary y = b.summary();
        java.util.Map<SkipReason, Long> skipped = new java.util.EnumMap<>(SkipReason.class);
        skipped.putAll(x.skipped());
        y.skipped().forEach((k, v) -> skipped.merge(k, v, Long::sum));
        List<Skip> skips = new ArrayList<>(x.skips());
        skips.addAll(y.skips());
        List<String> warnings = new ArrayList<>(x.warnings());
        warnings.addAll(y.warnings());
        return new ScanResult(all, a.allowlistedOnlyCounted() + b.allowlistedOnlyCounted(), new ScanSummary(
                x.files() + y.files(), x.bytes() + y.bytes(), skipped, skips,
                warnings, x.elapsed().plus(y.elapsed())));
    }

    static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
