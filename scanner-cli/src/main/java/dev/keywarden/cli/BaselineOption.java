package dev.keywarden.cli;

import dev.keywarden.baseline.Baseline;
import dev.keywarden.baseline.BaselineFiles;
import dev.keywarden.baseline.InvalidBaselineException;
import dev.keywarden.finding.FindingFilter;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --baseline FILE}, shared by the scanning commands: findings recorded in FILE are suppressed. */
final class BaselineOption {

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Report (and fail on) only findings not in FILE: a keywarden baseline (keywarden baseline "
                    + "create), a gitleaks JSON report or a .gitleaksignore.")
    Path file;

    /** {@code filters}, then the baseline's when one is given: a finding another filter suppresses keeps that reason. */
    FindingFilter after(FindingFilter filters) {
        if (file == null) {
            return filters;
        }
        return FindingFilter.chain(List.of(filters, load(file)));
    }

    /** Reads a baseline in any accepted format; a missing or malformed file is a usage error (exit 2). */
    static Baseline load(Path file) {
        try {
            return BaselineFiles.read(file);
        } catch (NoSuchFileException e) {
            throw new UsageError("baseline " + file + ": no such file (make one with keywarden baseline create)");
        } catch (InvalidBaselineException e) {
            throw new UsageError("invalid baseline: " + e.getMessage());
        } catch (IOException e) {
            throw new IoFailure("cannot read the baseline " + file + ": " + ScanCommand.describe(e), e);
        }
    }
}
