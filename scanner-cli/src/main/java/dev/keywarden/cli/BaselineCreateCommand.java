package dev.keywarden.cli;

import dev.keywarden.baseline.Baseline;
import dev.keywarden.baseline.BaselineFiles;
import dev.keywarden.baseline.InvalidBaselineException;
import dev.keywarden.baseline.KeywardenBaseline;
import dev.keywarden.baseline.SecretHash;
import dev.keywarden.finding.Finding;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code keywarden baseline create}: scan, and record every finding in a new baseline file. */
@Command(name = "create", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Scan files (default) or, with --git, a repository's whole history, and record every finding "
                + "in a baseline: paths, rule ids, fingerprints and salted hashes of the secrets, never a secret.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the baseline was written", "2:usage or configuration error",
            "3:an I/O failure (the baseline could not be written)", "4:internal error"})
public final class BaselineCreateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BaselineScan scan;

    @Option(names = "--git", description = "Baseline the whole history of the repository at PATH (every commit "
            + "reachable from every ref), as keywarden git scans it, instead of the files.")
    boolean git;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the baseline. Default: "
            + KeywardenBaseline.DEFAULT_NAME + " in the scanned directory (the repository's root with --git).")
    Path output;

    @Option(names = "--from", paramLabel = "FILE", description = "Record only the findings FILE accepts: converts a "
            + "gitleaks report or .gitleaksignore (or another keywarden baseline) to keywarden's format.")
    Path from;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        KeywardenBaseline.Scan kind = git ? KeywardenBaseline.Scan.GIT : KeywardenBaseline.Scan.FILES;
        Baseline accepted = from == null ? null : BaselineOption.load(from);
        BaselineScan.Found found = scan.run(kind, spec.commandLine(), err);
        List<Finding> findings = accepted == null ? found.findings()
                : found.findings().stream().filter(f -> accepted.suppress(f).isPresent()).toList();
        Path file = output != null ? output : BaselineCommand.defaultFile(found.root());
        KeywardenBaseline baseline = KeywardenBaseline.of(previousSalt(file), kind, findings, file.toString());
        BaselineCommand.write(baseline, file);
        if (scan.quiet) {
            return ExitCodes.CLEAN;
        }
        out.println("keywarden: wrote " + file + ": " + BaselineCommand.findings(baseline.size())
                + " (" + kind.label() + ")"
                + (accepted == null ? "" : "; " + (found.findings().size() - findings.size()) + " not in " + from
                        + " left out"));
        if (!mergesByUnion(file)) {
            out.println("keywarden: hint: add '" + file.getFileName() + " merge=union' to .gitattributes, so that "
                    + "branches that both update the baseline always merge (see the README, Baselines)");
        }
        return ExitCodes.CLEAN;
    }

    /**
     * Whether the baseline sits at a repository's root whose {@code .gitattributes} already names it (or is not at a
     * repository's root, where the hint would not apply).
     */
    private static boolean mergesByUnion(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.exists(dir.resolve(".git"))) {
            return true;
        }
        Path attributes = dir.resolve(".gitattributes");
        return Files.isRegularFile(attributes)
                && Files.readString(attributes).contains(file.getFileName().toString());
    }

    /**
     * The salt of the baseline being replaced, if it is a readable keywarden baseline: recreating a baseline then
     * changes only the entries that differ. Otherwise a fresh one.
     */
    private static String previousSalt(Path file) {
        if (Files.isRegularFile(file)) {
            try {
                if (BaselineFiles.read(file) instanceof KeywardenBaseline previous) {
                    return previous.salt();
                }
            } catch (IOException | InvalidBaselineException replacedAnyway) {
                // the file is being replaced: a broken one is no reason to stop
            }
        }
        return SecretHash.newSalt();
    }
}
