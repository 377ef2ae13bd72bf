package dev.keywarden.cli;

import dev.keywarden.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
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
        CommandLine cli = commandLine();
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new KeywardenCommand());
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
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
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
        });
        return cli;
    }
}
