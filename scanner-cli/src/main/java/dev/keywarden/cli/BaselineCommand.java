package dev.keywarden.cli;

import dev.keywarden.baseline.BaselineFiles;
import dev.keywarden.baseline.KeywardenBaseline;
import dev.keywarden.report.ReportFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code keywarden baseline create|update}: record the findings a repository has, so that only new ones fail. */
@Command(name = "baseline", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Record the findings a repository has today in a baseline file (no secrets in it), so that "
                + "scan, git and staged with --baseline report and fail only on new ones.",
        subcommands = {BaselineCreateCommand.class, BaselineUpdateCommand.class})
public final class BaselineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** The default baseline file of a scan rooted at {@code root}. */
    static Path defaultFile(Path root) {
        return root.resolve(KeywardenBaseline.DEFAULT_NAME).normalize();
    }

    /** Writes a baseline atomically (a failed write leaves the old file as it was). */
    static void write(KeywardenBaseline baseline, Path file) {
        try {
            ReportFile.write(file, out -> BaselineFiles.write(baseline, out));
        } catch (IOException e) {
            throw new IoFailure("cannot write the baseline to " + file + ": " + ScanCommand.describe(e), e);
        }
    }

    static String findings(int n) {
        return n + (n == 1 ? " finding" : " findings");
    }
}
