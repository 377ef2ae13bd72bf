package dev.keywarden.cli;

import dev.keywarden.scan.GitScanRunner;
import dev.keywarden.scan.ScanResult;
import dev.keywarden.source.SkipReason;
import dev.keywarden.source.git.Changes;
import dev.keywarden.source.git.GitHistory;
import dev.keywarden.source.git.GitSourceException;
import dev.keywarden.source.git.JGitCaches;
import dev.keywarden.source.git.Submodules;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code keywarden git [REPO]}: the whole history, each unique blob once, plus every commit message. */
@Command(name = "git", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Scan a repository's history: every blob of every commit reachable from every ref (or the "
                + "refs given), each unique blob once, and the commit messages. Each secret is attributed to the "
                + "commit that introduced it and marked as still at HEAD or only in history.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no findings", "1:findings (see --exit-code)", "2:usage or configuration error",
            "3:the scan is incomplete (a corrupt or missing object) and found nothing", "4:internal error"})
public final class GitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REPO", arity = "0..1", defaultValue = ".",
            description = "The repository: a work tree (or a directory in one), a linked worktree or a bare "
                    + "repository. Default: the current directory.")
    Path repo;

    @Option(names = "--branch", paramLabel = "REF", description = "Scan only the history of this branch.")
    String branch;

    @Option(names = "--ref", paramLabel = "REF", arity = "1..*",
            description = "Scan only the history of these refs or revisions.")
    List<String> refs = new ArrayList<>();

    @Option(names = "--since", paramLabel = "DATE",
            description = "Only commits after DATE (YYYY-MM-DD, or an ISO-8601 instant).")
    String since;

    @Option(names = "--max-commits", paramLabel = "N", description = "Only the N newest commits.")
    Integer maxCommits;

    @Option(names = "--range", paramLabel = "BASE..HEAD",
            description = "Scan only what the commits in BASE..HEAD add: their added lines (and new files, for path "
                    + "rules). What a pull-request check or a pre-push hook wants.")
    String range;

    @Option(names = "--recurse-submodules",
            description = "Also scan the whole history of each submodule checked out here (and theirs), with paths "
                    + "under the submodule's path. Without it, submodules are listed in a warning and not scanned.")
    boolean recurseSubmodules;

    @Option(names = "--all-locations",
            description = "List every other commit and path where each secret appears, not only the first.")
    boolean allLocations;

    @Mixin
    ScanningOptions options;

    @Override
    public Integer call() throws Exception {
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        options.validate(spec.commandLine());
        if (range != null && (branch != null || !refs.isEmpty() || since != null || maxCommits != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--range names its commits itself: it "
                    + "does not combine with --branch, --ref, --since or --max-commits");
        }
        if (maxCommits != null && maxCommits < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-commits must be at least 1");
        }
        List<String> wanted = new ArrayList<>(refs);
        if (branch != null) {
            wanted.add(branch);
        }
        GitHistory.Options walk = new GitHistory.Options(wanted, parseSince(), maxCommits == null
                ? OptionalInt.empty() : OptionalInt.of(maxCommits), allLocations);
        if (range == null) {
            JGitCaches.forHistoryScans();
        }
        try (GitHistory history = GitHistory.open(repo)) {
            GitScanRunner runner = GitScans.runner(history.repository(), options);
            ScanResult result;
            try (Progress progress = range == null ? Progress.history(runner.stats(), err, options.out.showProgress())
                    : Progress.start(runner.stats(), err, options.out.showProgress())) {
                if (range != null) {
                    result = runner.scanChanges(history.repository(), Changes.range(history.repository(), range));
                } else {
                    List<ScanResult> parts = new ArrayList<>();
                    List<String> warnings = new ArrayList<>();
                    parts.add(runner.scan(history, walk));
                    submodules(history, "", runner, parts, warnings);
                    result = parts.size() == 1 && warnings.isEmpty() ? parts.get(0)
                            : GitScanRunner.combine(parts, warnings);
                }
            }
            return withIncomplete(options.out.finish(result, err), result, err);
        } catch (GitSourceException e) {
            throw GitErrors.of(e);
        }
    }

    /**
     * Scans the submodules of {@code history} (with --recurse-submodules; their own refs, whole histories, and
     * theirs in turn), or lists them in a warning.
     */
    private void submodules(GitHistory history, String prefix, GitScanRunner runner, List<ScanResult> parts,
                            List<String> warnings) throws GitSourceException {
        List<Submodules.Submodule> found = Submodules.atHead(history.repository());
        if (found.isEmpty()) {
            return;
        }
        if (!recurseSubmodules) {
            warnings.add(found.size() + " submodule" + (found.size() == 1 ? "" : "s") + " not scanned (use "
                    + "--recurse-submodules): " + String.join(", ", found.stream().map(m -> prefix + m.path())
                    .toList()));
            return;
        }
        for (Submodules.Submodule module : found) {
            String path = prefix + module.path();
            if (module.checkout().isEmpty()) {
                warnings.add("submodule " + path + " is not checked out: not scanned");
                continue;
            }
            try (GitHistory sub = GitHistory.open(module.checkout().get())) {
                parts.add(runner.scan(sub, GitHistory.Options.everything(), path + "/"));
                submodules(sub, path + "/", runner, parts, warnings);
            }
        }
    }

    /**
     * A clean result of a scan that could not read everything is not clean: exit code 3, unless findings (1) take
     * precedence, since they need acting on either way.
     */
    static int withIncomplete(int code, ScanResult result, PrintStream err) {
        boolean incomplete = result.summary().skipped().getOrDefault(SkipReason.UNREADABLE, 0L) > 0
                || result.summary().warnings().stream().anyMatch(w -> w.startsWith("missing object")
                        || w.startsWith("cannot read"));
        if (code == ExitCodes.CLEAN && incomplete) {
            err.println("keywarden: the scan is incomplete: some objects or files could not be read (see the "
                    + "warnings)");
            return ExitCodes.IO_FAILURE;
        }
        return code;
    }

    private Optional<Instant> parseSince() {
        if (since == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException notADate) {
            try {
                return Optional.of(Instant.parse(since));
            } catch (DateTimeParseException notAnInstant) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--since takes YYYY-MM-DD or an "
                        + "ISO-8601 instant, not '" + since + "'");
            }
        }
    }
}
