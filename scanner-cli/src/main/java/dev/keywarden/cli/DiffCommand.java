package dev.keywarden.cli;

import dev.keywarden.source.git.Changes;
import dev.keywarden.source.git.GitHistory;
import dev.keywarden.source.git.GitSourceException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code keywarden diff [REV]}: what the working tree adds to a commit, before any of it is committed. */
@Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Scan the uncommitted changes of a working tree against REV (default HEAD): staged and "
                + "unstaged edits and untracked files that are not ignored, reporting only the lines they add. "
                + "Like `git diff REV` plus untracked files; `keywarden staged` scans only what the next commit holds.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no findings", "1:findings (see --exit-code)", "2:usage or configuration error",
            "3:an I/O failure stopped the scan, or a file could not be read and nothing was found", "4:internal error"})
public final class DiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REV", arity = "0..1", defaultValue = "HEAD",
            description = "The commit to compare the working tree with: a branch, tag or commit id. Default: HEAD.")
    String rev;

    @Option(names = {"-C", "--repo"}, paramLabel = "DIR", defaultValue = ".",
            description = "The work tree (or a directory in it). Default: the current directory.")
    Path repo;

    @Mixin
    ScanningOptions options;

    @Override
    public Integer call() throws Exception {
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        options.validate(spec.commandLine());
        try (GitHistory history = GitHistory.open(repo)) {
            if (history.repository().isBare()) {
                throw new UsageError(repo + ": a bare repository has no working tree to compare");
            }
            return GitScans.scanChanges(history.repository(), Changes.workingTree(history.repository(), rev),
                    options, err);
        } catch (GitSourceException e) {
            if (!rev.equals("HEAD") && java.nio.file.Files.isDirectory(Path.of(rev))) {
                // keywarden diff DIR: the argument is a revision, as for git diff
                throw new UsageError(e.getMessage() + " (to compare another working tree, use -C " + rev + ")");
            }
            throw GitErrors.of(e);
        }
    }
}
