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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code keywarden staged [REPO]}: what is about to be committed, as the index git uses holds it. */
@Command(name = "staged", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Scan what is about to be committed: the staged content of each added or changed file, "
                + "reporting only the lines the commit adds. Reads the index git is using (GIT_INDEX_FILE), never "
                + "the working tree.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no findings", "1:findings (see --exit-code)", "2:usage or configuration error",
            "3:an I/O failure stopped the scan", "4:internal error"})
public final class StagedCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REPO", arity = "0..1", defaultValue = ".",
            description = "The repository (a work tree or a directory in one). Default: the current directory.")
    Path repo;

    @Mixin
    ScanningOptions options;

    @Override
    public Integer call() throws Exception {
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        options.validate(spec.commandLine());
        try (GitHistory history = GitHistory.openForIndex(repo)) {
            if (history.repository().isBare()) {
                throw new UsageError(repo + ": a bare repository has no index to scan");
            }
            return GitScans.scanChanges(history.repository(), Changes.staged(history.repository()), options, err);
        } catch (GitSourceException e) {
            throw GitErrors.of(e);
        }
    }
}
