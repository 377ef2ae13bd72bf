package dev.keywarden.cli;

import dev.keywarden.config.ConfigException;
import dev.keywarden.hooks.HookType;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine;

/** Entry point: runs the command and turns every error into its documented exit code, in this one place. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs keywarden and returns the exit code (tests call this). */
    public static int run(String... args) {
        Optional<HookType> hook = plainHookRun(args);
        if (hook.isPresent()) {
            return runHook(hook.get());
        }
        CommandLine cli = commandLine(args.length > 0 ? args[0] : "");
        return cli.execute(args);
    }

    /**
     * {@code hook run <hook> [git's arguments]} with no options: what git runs on every commit. It skips picocli's
     * command model (its classes cannot be class-data-shared, and building it costs more than the scan of a typical
     * commit) and runs with the defaults.
     */
    static Optional<HookType> plainHookRun(String... args) {
        if (args.length < 3 || args.length > 5 || !args[0].equals("hook") || !args[1].equals("run")) {
            return Optional.empty();
        }
        for (int i = 3; i < args.length; i++) {
            if (args[i].startsWith("-")) {
                return Optional.empty();
            }
        }
        return HookType.parse(args[2]);
    }

    private static int runHook(HookType hook) {
        try {
            return HookRunCommand.run(hook, HookRunCommand.hookDefaults(), java.util.Optional.empty(), System.in,
                    System.err);
        } catch (Exception e) {
            return failure(e, new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        }
    }

    /** The whole command tree. */
    static CommandLine commandLine() {
        return commandLine("");
    }

    /**
     * The command tree for a run whose first argument is {@code first}: when it names a subcommand, the model of that
     * subcommand alone is built (a scan does not pay for the models of the seven others); otherwise all of them, for
     * the usage, {@code help} and suggestions for a mistyped name.
     */
    static CommandLine commandLine(String first) {
        CommandLine cli = new CommandLine(new KeywardenCommand());
        Class<?> named = KeywardenCommand.SUBCOMMANDS.get(first);
        if (named != null) {
            cli.addSubcommand(named);
        } else {
            KeywardenCommand.SUBCOMMANDS.values().forEach(cli::addSubcommand);
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("keywarden: error: " + e.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
                err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            }
            err.flush();
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(e, commandLine.getErr()));
        return cli;
    }

    /** Turns an exception into its message and exit code, in this one place. */
    static int failure(Exception e, PrintWriter err) {
        int code;
        if (e instanceof ConfigException ce) {
            err.println("keywarden: configuration error: " + ce.getMessage());
            code = ExitCodes.USAGE;
        } else if (e instanceof UsageError) {
            err.println("keywarden: error: " + e.getMessage());
            code = ExitCodes.USAGE;
        } else if (e instanceof IoFailure) {
            err.println("keywarden: error: " + e.getMessage());
            code = ExitCodes.IO_FAILURE;
        } else if (e instanceof IOException io) {
            err.println("keywarden: I/O error: " + ScanCommand.describe(io));
            code = ExitCodes.IO_FAILURE;
        } else {
            // a bug: say what failed, never the content being scanned
            err.println("keywarden: internal error: " + e.getClass().getName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            for (StackTraceElement frame : e.getStackTrace()) {
                err.println("    at " + frame);
            }
            code = ExitCodes.INTERNAL;
        }
        err.flush();
        return code;
    }
}
