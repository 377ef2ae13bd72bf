package dev.keywarden.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The top-level command. */
@Command(name = "keywarden", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Find secrets in files and git history before they leak, and contain the ones that did.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no findings", "1:findings", "2:usage or configuration error",
            "3:an I/O failure stopped the scan", "4:internal error"})
public final class KeywardenCommand implements Callable<Integer> {
    /**
     * The subcommands, by name, in the order the usage lists them. They are added by {@link Main#commandLine} rather
     * than declared in the annotation: picocli builds the model of every declared command by reflection at start-up,
     * which took longer than scanning a small directory.
     */
    static final java.util.Map<String, Class<?>> SUBCOMMANDS;

    static {
        // the names are written out (a test checks them against the annotations): reading the annotations here
        // would parse all eight commands' annotations on every start, which is what the map is to avoid
        java.util.Map<String, Class<?>> map = new java.util.LinkedHashMap<>();
        map.put("scan", ScanCommand.class);
        map.put("git", GitCommand.class);
        map.put("staged", StagedCommand.class);
        map.put("diff", DiffCommand.class);
        map.put("rules", RulesCommand.class);
        map.put("baseline", BaselineCommand.class);
        map.put("hook", HookCommand.class);
        map.put("remediate", RemediateCommand.class);
        SUBCOMMANDS = java.util.Collections.unmodifiableMap(map);
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
