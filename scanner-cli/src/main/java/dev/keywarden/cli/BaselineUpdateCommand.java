package dev.keywarden.cli;

import dev.keywarden.baseline.BaselineFiles;
import dev.keywarden.baseline.InvalidBaselineException;
import dev.keywarden.baseline.KeywardenBaseline;
import dev.keywarden.source.git.GitSourceException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code keywarden baseline update}: scan again as the baseline was made, add new findings, prune gone ones. */
@Command(name = "update", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Scan again what the baseline was made from (files, or the history for a baseline made with "
                + "--git), add the findings that are new, prune the entries whose finding no longer occurs, and "
                + "say how many of each.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the baseline was updated", "2:usage or configuration error, or no valid baseline",
            "3:an I/O failure (the baseline could not be written)", "4:internal error"})
public final class BaselineUpdateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BaselineScan scan;

    @Option(names = "--baseline", paramLabel = "FILE", description = "The baseline to update, in place. Default: "
            + KeywardenBaseline.DEFAULT_NAME + " in the scanned directory (the repository's root for a history "
            + "baseline).")
    Path file;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        Path target = file != null ? file : findDefault();
        KeywardenBaseline previous = read(target);
        BaselineScan.Found found = scan.run(previous.scan(), spec.commandLine(), err);
        KeywardenBaseline.Change change = previous.update(found.findings());
        BaselineCommand.write(change.baseline(), target);
        if (scan.quiet) {
            return ExitCodes.CLEAN;
        }
        out.println("keywarden: updated " + target + ": " + change.added() + " added, " + change.pruned()
                + " pruned, " + change.unchanged() + " unchanged; " + BaselineCommand.findings(change.baseline()
                .size()) + " (" + previous.scan().label() + ")");
        return ExitCodes.CLEAN;
    }

    /** The default file: in the scanned directory, else (a history baseline) at the repository's root. */
    private Path findDefault() throws GitSourceException {
        Path files = BaselineCommand.defaultFile(scan.root(KeywardenBaseline.Scan.FILES));
        if (Files.isRegularFile(files)) {
            return files;
        }
        try {
            return BaselineCommand.defaultFile(scan.root(KeywardenBaseline.Scan.GIT));
        } catch (GitSourceException notARepository) {
            return files;
        }
    }

    private static KeywardenBaseline read(Path target) {
        try {
            return BaselineFiles.readKeywarden(target);
        } catch (NoSuchFileException e) {
            throw new UsageError("no baseline at " + target + ": make one with keywarden baseline create");
        } catch (InvalidBaselineException e) {
            throw new UsageError("invalid baseline: " + e.getMessage());
        } catch (IOException e) {
            throw new IoFailure("cannot read the baseline " + target + ": " + ScanCommand.describe(e), e);
        }
    }
}
