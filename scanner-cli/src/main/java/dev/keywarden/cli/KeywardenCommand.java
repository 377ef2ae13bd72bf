package dev.keywarden.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The top-level command. */
@Command(name = "keywarden", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Find secrets in files and git history before they leak, and contain the ones that did.",
        subcommands = {ScanCommand.class, GitCommand.class, StagedCommand.class, DiffCommand.class, RulesCommand.class,
            BaselineCommand.class, HookCommand.class, RemediateCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no findings", "1:findings", "2:usage or configuration error",
            "3:an I/O failure stopped the scan", "4:internal error"})
public final class KeywardenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
