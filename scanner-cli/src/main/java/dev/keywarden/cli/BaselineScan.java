package dev.keywarden.cli;

import dev.keywarden.baseline.KeywardenBaseline;
import dev.keywarden.config.ConfigException;
import dev.keywarden.finding.Finding;
import dev.keywarden.scan.GitScanRunner;
import dev.keywarden.scan.ScanOptions;
import dev.keywarden.scan.ScanResult;
import dev.keywarden.scan.ScanRunner;
import dev.keywarden.scan.Skip;
import dev.keywarden.source.SkipReason;
import dev.keywarden.source.git.GitHistory;
import dev.keywarden.source.git.GitSourceException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code baseline create} and {@code baseline update} scan, and how: files and directories as {@code scan}
 * reads them, or a repository's whole history as {@code git} does; the same rules, allowlists, inline allow comments
 * and ignore file, so that the baseline records exactly what those commands would report.
 */
final class BaselineScan {

    /** The findings to record and the directory a default baseline file belongs in. */
    record Found(List<Finding> findings, Path root) {
    }

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or directories to scan; for a history "
            + "baseline, the repository. Default: the current directory.")
    List<Path> paths = new java.util.ArrayList<>();

    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--no-gitignore", description = "Scan files that .gitignore excludes too (files only).")
    boolean noGitignore;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing: no warnings, no counts.")
    boolean quiet;

    /** The directory the default baseline file goes in: the first directory scanned, or the repository's. */
    Path root(KeywardenBaseline.Scan scan) throws GitSourceException {
        if (scan == KeywardenBaseline.Scan.GIT) {
            try (GitHistory history = GitHistory.open(repo())) {
                return history.repository().isBare() ? history.repository().getDirectory().toPath()
                        : history.repository().getWorkTree().toPath();
            }
        }
        return ScanCommand.scanRoot(paths);
    }

    Found run(KeywardenBaseline.Scan scan, CommandLine cli, PrintStream err) throws IOException, ConfigException {
        engineOptions.validate(cli);
        return scan == KeywardenBaseline.Scan.GIT ? git(cli, err) : files(cli, err);
    }

    private Path repo() {
        return paths.isEmpty() ? Path.of(".") : paths.get(0);
    }

    private Found files(CommandLine cli, PrintStream err) throws IOException, ConfigException {
        List<Path> files = paths.isEmpty() ? List.of(Path.of(".")) : paths;
        for (Path p : files) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new CommandLine.ParameterException(cli, "no such file or directory: " + p);
            }
        }
        Path root = ScanCommand.scanRoot(files);
        ScanRunner runner = new ScanRunner(engineOptions.engine(root), options(!noGitignore),
                engineOptions.filters(root));
        return new Found(reported(runner.scanPaths(files), err), root);
    }

    private Found git(CommandLine cli, PrintStream err) throws IOException, ConfigException {
        if (paths.size() > 1) {
            throw new CommandLine.ParameterException(cli, "a history baseline scans one repository, not "
                    + paths.size() + " paths");
        }
        try (GitHistory history = GitHistory.open(repo())) {
            Path root = history.repository().isBare() ? history.repository().getDirectory().toPath()
                    : history.repository().getWorkTree().toPath();
            GitScanRunner runner = new GitScanRunner(engineOptions.engine(root), options(false),
                    engineOptions.filters(root));
            ScanResult result = runner.scan(history, GitHistory.Options.everything());
            return new Found(reported(result, err), root);
        } catch (GitSourceException e) {
            throw GitErrors.of(e);
        }
    }

    private ScanOptions options(boolean gitignore) {
        return new ScanOptions(engineOptions.threads(), engineOptions.maxFileSize, gitignore);
    }

    /** The findings a scan reports; its warnings go to {@code err}, since a baseline made from less misses some. */
    private List<Finding> reported(ScanResult result, PrintStream err) {
        if (!quiet) {
            for (String w : result.summary().warnings()) {
                err.println("keywarden: warning: " + w);
            }
            for (Skip s : result.summary().skips()) {
                if (s.reason() == SkipReason.UNREADABLE) {
                    err.println("keywarden: warning: cannot read " + s.path() + ": " + s.detail());
                }
            }
        }
        return result.reported();
    }
}
