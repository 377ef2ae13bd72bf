package dev.keywarden.cli;

import dev.keywarden.hooks.HookException;
import dev.keywarden.hooks.HookInstaller;
import dev.keywarden.hooks.HookLauncher;
import dev.keywarden.hooks.HookType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keywarden hook install|uninstall|status|run}: the git hooks that stop secrets before they leave. */
@Command(name = "hook", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Install, remove or inspect keywarden's git hooks (pre-commit, and pre-push with --pre-push).",
        subcommands = {HookCommand.Install.class, HookCommand.Uninstall.class, HookCommand.Status.class,
            HookRunCommand.class})
final class HookCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    static HookInstaller installer() {
        return new HookInstaller(HookLauncher.current(), System.getenv());
    }

    static void print(PrintWriter out, List<String> lines) {
        for (String line : lines) {
            out.println("keywarden: " + line);
        }
        out.flush();
    }

    static UsageError usage(HookException e) {
        return new UsageError(e.getMessage());
    }

    @Command(name = "install", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Install the pre-commit hook (and the pre-push hook with --pre-push) in the repository at "
                    + "REPO, in the hooks directory git uses (core.hooksPath, linked worktrees). A hook already there "
                    + "is kept and runs first; with husky, keywarden is added to .husky/pre-commit.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:installed", "2:not a repository, or a file is in the way", "3:I/O error"})
    static final class Install implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "REPO", arity = "0..1", defaultValue = ".",
                description = "A directory in the repository. Default: the current directory.")
        Path repo;

        @Option(names = "--pre-push", description = "Also install the pre-push hook (scans the commits pushed).")
        boolean prePush;

        @Option(names = "--force", description = "Replace an existing hook instead of chaining it (it is set aside, "
                + "not run, and 'hook uninstall' puts it back).")
        boolean force;

        @Option(names = "--global", description = "Install for every repository of this user: in the global "
                + "core.hooksPath (set to ~/.config/keywarden/hooks when unset). Each repository's own hooks still "
                + "run.")
        boolean global;

        @Override
        public Integer call() throws IOException {
            Set<HookType> types = prePush ? EnumSet.allOf(HookType.class) : EnumSet.of(HookType.PRE_COMMIT);
            try {
                HookInstaller installer = installer();
                List<String> done = global ? installer.installGlobal(repo.toAbsolutePath(), types, force)
                        : installer.install(repo.toAbsolutePath(), types, force);
                print(spec.commandLine().getOut(), done);
                return ExitCodes.CLEAN;
            } catch (HookException e) {
                throw usage(e);
            }
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Remove keywarden's hooks from the repository at REPO and put back the hooks it chained "
                    + "or set aside, exactly as they were.")
    static final class Uninstall implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "REPO", arity = "0..1", defaultValue = ".",
                description = "A directory in the repository. Default: the current directory.")
        Path repo;

        @Option(names = "--global", description = "Remove the global hooks (and unset core.hooksPath if keywarden "
                + "set it).")
        boolean global;

        @Override
        public Integer call() throws IOException {
            try {
                HookInstaller installer = installer();
                print(spec.commandLine().getOut(), global ? installer.uninstallGlobal(repo.toAbsolutePath())
                        : installer.uninstall(repo.toAbsolutePath()));
                return ExitCodes.CLEAN;
            } catch (HookException e) {
                throw usage(e);
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Show which keywarden hooks are installed for the repository at REPO, what they chain "
                    + "and whether the keywarden they run is still there.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the pre-commit hook is installed and can run", "1:it is not (or cannot run)",
                "2:not a repository"})
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "REPO", arity = "0..1", defaultValue = ".",
                description = "A directory in the repository. Default: the current directory.")
        Path repo;

        @Option(names = "--global", description = "Show the global hooks.")
        boolean global;

        @Override
        public Integer call() throws IOException {
            try {
                HookInstaller installer = installer();
                List<HookInstaller.HookStatus> statuses = global ? installer.globalStatus(repo.toAbsolutePath())
                        : installer.status(repo.toAbsolutePath());
                PrintWriter out = spec.commandLine().getOut();
                boolean preCommitReady = false;
                for (HookInstaller.HookStatus s : statuses) {
                    String state = switch (s.state()) {
                        case INSTALLED -> "installed";
                        case NOT_INSTALLED -> "not installed";
                        case OTHER_HOOK -> "not installed (another hook is there)";
                    };
                    out.printf("%-10s  %s: %s%n", s.type(), state, s.file());
                    s.chained().ifPresent(c -> out.printf("%-10s  runs first: %s%n", "", c));
                    if (s.launcher().isPresent()) {
                        HookLauncher l = s.launcher().get();
                        out.printf("%-10s  keywarden: %s -cp %s (%s)%n", "", l.java(), l.classpathString(),
                                l.present() ? "found" : "missing: the hook falls back to keywarden on PATH");
                    }
                    if (s.type() == HookType.PRE_COMMIT) {
                        preCommitReady = s.state() == HookInstaller.State.INSTALLED
                                && s.launcher().map(HookLauncher::present).orElse(false);
                    }
                }
                out.flush();
                return preCommitReady ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
            } catch (HookException e) {
                throw usage(e);
            }
        }
    }
}
