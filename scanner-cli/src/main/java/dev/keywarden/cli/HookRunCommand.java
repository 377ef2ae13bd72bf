package dev.keywarden.cli;

import dev.keywarden.engine.Engine;
import dev.keywarden.finding.Confidence;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.FindingFilter;
import dev.keywarden.hooks.BlockingMessage;
import dev.keywarden.hooks.HookException;
import dev.keywarden.hooks.HookType;
import dev.keywarden.hooks.PrePush;
import dev.keywarden.hooks.StagedByGit;
import dev.keywarden.report.Redactor;
import dev.keywarden.scan.GitScanRunner;
import dev.keywarden.scan.ScanResult;
import dev.keywarden.scan.Skip;
import dev.keywarden.source.SkipReason;
import dev.keywarden.source.git.Changes;
import dev.keywarden.source.git.GitHistory;
import dev.keywarden.source.git.GitSourceException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.FS;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code keywarden hook run pre-commit|pre-push}: what the installed hook runs. pre-commit scans what the commit adds
 * ({@code keywarden staged}); pre-push reads git's ref lines on standard input and scans the commits pushed. Silent
 * with exit 0 when clean; when it blocks, the findings and what to do, on standard error, exit 1.
 *
 * <p>Git runs this on every commit, so {@link Main} calls {@link #run} directly for {@code hook run <hook>} with no
 * options, without building the command line model: the scan options are the defaults below.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run a hook's check now, as git does: pre-commit scans what is about to be committed, "
                + "pre-push reads git's pre-push lines on standard input and scans the commits being pushed. "
                + "Prints nothing when clean.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing found", "1:secrets found: the commit or push is stopped",
            "2:usage or configuration error", "3:the repository could not be read", "4:internal error"})
final class HookRunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "HOOK", description = "pre-commit or pre-push.")
    String hook;

    @Parameters(index = "1..*", paramLabel = "ARG", arity = "0..*",
            description = "What git passes the hook (for pre-push: the remote's name and URL; unused).")
    List<String> gitArgs = new ArrayList<>();

    @Mixin
    EngineOptions engineOptions;

    @Mixin
    BaselineOption baseline;

    @Override
    public Integer call() throws Exception {
        HookType type = HookType.parse(hook).orElseThrow(() -> new UsageError("unknown hook '" + hook
                + "': keywarden runs as pre-commit or pre-push"));
        return run(type, engineOptions, Optional.ofNullable(baseline.file), System.in, System.err);
    }

    /**
     * A hook blocks someone's commit: it reports what is at least a strict format (medium), not generic guesses,
     * unless {@code --min-confidence} says otherwise.
     */
    static final Confidence DEFAULT_MIN_CONFIDENCE = Confidence.MEDIUM;

    /** The baseline a hook honours when there is one at the work tree's root and none is named. */
    static final String DEFAULT_BASELINE = ".keywarden-baseline.json";

    /** The scan options a hook uses when git runs it: the repository's configuration, every default. */
    static EngineOptions hookDefaults() {
        EngineOptions options = new EngineOptions();
        options.configOption = new ConfigOption();
        options.maxFileSize = 25L * 1024 * 1024;
        options.decodeDepth = Engine.DEFAULT_DECODE_DEPTH;
        options.minConfidence = DEFAULT_MIN_CONFIDENCE;
        return options;
    }

    /**
     * Tells JGit where git's system configuration is, so that it does not start {@code git config --system} to ask
     * (a process start on every commit): {@code GIT_CONFIG_SYSTEM} when set, else {@code etc/gitconfig} beside the
     * git that runs the hook ({@code GIT_EXEC_PATH} is {@code <prefix>/libexec/git-core} or
     * {@code <prefix>/lib/git-core}), else {@code /etc/gitconfig}. {@code GIT_CONFIG_NOSYSTEM} still turns it off.
     */
    static void locateSystemGitConfig() {
        String explicit = System.getenv("GIT_CONFIG_SYSTEM");
        File config = null;
        if (explicit != null && !explicit.isEmpty()) {
            config = new File(explicit);
        } else {
            String execPath = System.getenv("GIT_EXEC_PATH");
            if (execPath != null && !execPath.isEmpty()) {
                Path prefix = Path.of(execPath).getParent() == null ? null : Path.of(execPath).getParent().getParent();
                if (prefix != null && Files.isRegularFile(prefix.resolve("etc/gitconfig"))) {
                    config = prefix.resolve("etc/gitconfig").toFile();
                }
            }
            if (config == null) {
                config = new File("/etc/gitconfig");
            }
        }
        FS.DETECTED.setGitSystemConfig(config);
    }

    /**
     * Runs the hook in the repository at the current directory (git runs hooks at the work tree's root).
     * The repository's {@code .keywarden.toml} and {@code .keywardenignore} apply, as for {@code keywarden staged},
     * and its baseline: {@code baseline} when given, else {@code .keywarden-baseline.json} at the root when present.
     * Findings below medium confidence are left out unless the options ask for another level.
     */
    static int run(HookType type, EngineOptions options, Optional<Path> baseline, InputStream stdin,
                   PrintStream err) throws Exception {
        if (options.minConfidence == null) {
            options.minConfidence = DEFAULT_MIN_CONFIDENCE;
        }
        PrintStream out = new PrintStream(err, true, StandardCharsets.UTF_8);
        // git runs hooks at the work tree's root: load the rules there while JGit reads the repository, on the
        // other core (the two take about as long as each other)
        Path cwd = Path.of("").toAbsolutePath();
        EngineLoader early = EngineLoader.start(options, cwd);
        if (type == HookType.PRE_COMMIT && Files.exists(cwd.resolve(".git"))) {
            // at a work tree's root, as git runs the hook: git itself says what is staged
            return preCommitByGit(options, baseline, cwd, early, out);
        }
        locateSystemGitConfig();
        try (GitHistory history = type == HookType.PRE_COMMIT ? GitHistory.openForIndex(cwd)
                : GitHistory.open(cwd)) {
            Repository repository = history.repository();
            if (repository.isBare()) {
                throw new UsageError("the " + type + " hook needs a work tree; this repository is bare");
            }
            Path root = repository.getWorkTree().toPath().toAbsolutePath();
            Changes.ChangeSet changes;
            if (type == HookType.PRE_COMMIT) {
                changes = Changes.staged(repository);
            } else {
                String input = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
                PrePush.Commits commits = PrePush.commits(repository, PrePush.parse(input));
                if (commits.heads().isEmpty()) {
                    return ExitCodes.CLEAN;
                }
                changes = Changes.between(repository, commits.heads(), commits.bases());
            }
            if (changes.changes().isEmpty()) {
                return ExitCodes.CLEAN;
            }
            // run from elsewhere than the root (by hand), the configuration is the root's
            Engine engine = root.equals(cwd) ? early.engine() : options.engine(root);
            GitScanRunner runner = new GitScanRunner(engine, options.scanOptions(false, false),
                    filter(options, baseline, root));
            return report(type, runner.scanChanges(repository, changes), out);
        } catch (GitSourceException e) {
            throw GitErrors.of(e);
        } catch (HookException e) {
            throw new UsageError(e.getMessage());
        } catch (IOException e) {
            throw new IoFailure("cannot read the repository: " + ScanCommand.describe(e), e);
        }
    }

    /**
     * The pre-commit check at the work tree's root, with the staged changes and blobs read by the git that runs
     * the hook ({@link StagedByGit}) while the rules load on the other thread: JGit is not opened at all.
     */
    private static int preCommitByGit(EngineOptions options, Optional<Path> baseline, Path root, EngineLoader early,
                                      PrintStream out) throws Exception {
        StagedByGit staged;
        try {
            staged = StagedByGit.read(root, options.maxFileSize);
        } catch (HookException e) {
            throw new IoFailure("cannot read what is staged: " + e.getMessage(), e);
        }
        if (staged.changes().changes().isEmpty()) {
            return ExitCodes.CLEAN;
        }
        FindingFilter filter = filter(options, baseline, root); // while the rules are still loading
        GitScanRunner runner = new GitScanRunner(early.engine(), options.scanOptions(false, false), filter);
        return report(HookType.PRE_COMMIT, runner.scanChanges(staged.changes(), staged.blobs()), out);
    }

    /** Inline allows, the ignore file and minimum confidence, then the baseline (given, or the root's). */
    private static FindingFilter filter(EngineOptions options, Optional<Path> baseline, Path root) throws Exception {
        FindingFilter filter = options.filters(root);
        Optional<Path> baselineFile = baseline.or(() -> Optional.of(root.resolve(DEFAULT_BASELINE))
                .filter(Files::isRegularFile));
        if (baselineFile.isPresent()) {
            filter = FindingFilter.chain(List.of(filter, BaselineOption.load(baselineFile.get())));
        }
        return filter;
    }

    /** Warns of unreadable files; prints the findings and what to do; the exit code. */
    private static int report(HookType type, ScanResult result, PrintStream out) {
        for (Skip skip : result.summary().skips()) {
            if (skip.reason() == SkipReason.UNREADABLE) {
                out.println("keywarden: warning: cannot read " + skip.path() + ": " + skip.detail());
            }
        }
        List<Finding> reported = result.reported();
        if (reported.isEmpty()) {
            return ExitCodes.CLEAN;
        }
        out.print(type == HookType.PRE_COMMIT ? BlockingMessage.preCommit(reported, Redactor.standard())
                : BlockingMessage.prePush(reported, Redactor.standard()));
        out.flush();
        return ExitCodes.FINDINGS;
    }

    /** Builds the engine on its own thread; {@link #engine()} waits for it and rethrows what it threw. */
    private static final class EngineLoader {
        private final Thread thread;
        private volatile Engine engine;
        private volatile Exception failure;

        private EngineLoader(EngineOptions options, Path root) {
            thread = new Thread(() -> {
                try {
                    engine = options.engine(root);
                } catch (Exception | Error e) {
                    failure = e instanceof Exception ex ? ex : new IllegalStateException(e);
                }
            }, "keywarden-rules");
            thread.setDaemon(true);
        }

        static EngineLoader start(EngineOptions options, Path root) {
            EngineLoader loader = new EngineLoader(options, root);
            loader.thread.start();
            return loader;
        }

        Engine engine() throws Exception {
            thread.join();
            if (failure != null) {
                throw failure;
            }
            return engine;
        }
    }
}
