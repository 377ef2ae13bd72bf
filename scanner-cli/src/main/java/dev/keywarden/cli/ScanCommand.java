package dev.keywarden.cli;

import dev.keywarden.engine.Engine;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.FindingFilter;
import dev.keywarden.report.SourceRoot;
import dev.keywarden.scan.ScanOptions;
import dev.keywarden.scan.ScanResult;
import dev.keywarden.scan.ScanRunner;
import dev.keywarden.scan.ScanSummary;
import dev.keywarden.scan.Skip;
import dev.keywarden.source.SkipReason;
import java.io.IOException;
import java.io.PrintStream;
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

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or directories to scan; '-' reads "
            + "standard input. Default: the current directory.")
    List<String> paths = new ArrayList<>();

    @Mixin
    ScanningOptions options;

    @Option(names = "--no-gitignore", description = "Scan files that .gitignore excludes too.")
    boolean noGitignore;

    @Override
    public Integer call() throws Exception {
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        options.validate(spec.commandLine());
        List<String> given = paths.isEmpty() ? List.of(".") : paths;
        boolean stdin = given.contains("-");
        List<Path> files = given.stream().filter(p -> !p.equals("-")).map(Path::of).toList();
        for (Path p : files) {
            if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no such file or directory: " + p);
            }
        }
        Path root = scanRoot(files);
        // the engine (the rule pack, the automata) and the repository around the root (JGit) are independent and
        // each take tens of milliseconds of start-up: build the engine on a second thread meanwhile
        java.util.concurrent.FutureTask<Engine> engineTask = new java.util.concurrent.FutureTask<>(
                () -> options.engine.engine(root));
        Thread builder = new Thread(engineTask, "keywarden-engine");
        builder.setDaemon(true);
        builder.start();
        options.out.sourceRoot = reportRoot(root);
        Engine engine = built(engineTask);
        FindingFilter filter = options.baseline.after(options.engine.filters(root));
        ScanOptions scanOptions = options.engine.scanOptions(!noGitignore, options.out.keepSuppressed());
        ScanRunner runner = new ScanRunner(engine, scanOptions, filter);

        ScanResult result;
        try (Progress progress = Progress.start(runner.stats(), err, options.out.showProgress())) {
            result = files.isEmpty() ? emptyResult() : runner.scanPaths(files);
            if (stdin) {
                result = merge(result, runner.scanStdin(System.in.readAllBytes(), "<stdin>"));
            }
        } catch (NoSuchFileException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no such file or directory: "
                    + e.getFile());
        }
        return options.out.finish(result, err);
    }

    /** The engine a task built, or what stopped it (a configuration error, say), thrown here as it was there. */
    private static Engine built(java.util.concurrent.FutureTask<Engine> task) throws Exception {
        try {
            return task.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
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

    /**
     * What SARIF and GitLab paths are relative to: the work tree of the repository holding the scan root (what a
     * code-scanning upload resolves paths against), else the scan root itself.
     */
    static SourceRoot reportRoot(Path scanRoot) {
        try {
            Path dir = scanRoot.toRealPath();
            var found = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().findGitDir(dir.toFile());
            if (found.getGitDir() != null) {
                try (var repo = found.build()) {
                    if (!repo.isBare()) {
                        return SourceRoot.of(repo.getWorkTree().toPath().toRealPath());
                    }
                }
            }
            return SourceRoot.of(dir);
        } catch (IOException | IllegalArgumentException e) {
            return SourceRoot.of(scanRoot.toAbsolutePath().normalize());
        }
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
