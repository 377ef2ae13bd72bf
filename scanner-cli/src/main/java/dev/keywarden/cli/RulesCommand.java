package dev.keywarden.cli;

import dev.keywarden.config.Rule;
import dev.keywarden.config.RuleSet;
import dev.keywarden.engine.ExampleChecker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code keywarden rules list|test}. */
@Command(name = "rules", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List the rules in force, or prove them by their examples.",
        subcommands = {RulesCommand.ListRules.class, RulesCommand.TestRules.class})
public final class RulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "List the rules in force (the built-in pack, or --config / .keywarden.toml).")
    static final class ListRules implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption configOption;

        @Override
        public Integer call() throws Exception {
            RuleSet rules = configOption.load(Path.of("."));
            PrintWriter out = spec.commandLine().getOut();
            int width = rules.rules().stream().mapToInt(r -> r.id().length()).max().orElse(10);
            for (Rule r : rules.rules()) {
                String trigger = r.isPathOnly() ? "path " + r.path().orElseThrow().pattern()
                        : String.join(",", r.keywords());
                out.printf("%-" + width + "s  %-8s  %-6s  %s  [%s]%n", r.id(), r.severity().label(),
                        r.confidence().label(), r.description(), trigger);
            }
            for (var allowlist : rules.allowlists()) {
                out.printf("global allowlist: %s%n", allowlist.description().isBlank() ? "(no description)"
                        : allowlist.description());
            }
            out.printf("%d rules, %d global allowlists, from %s%n", rules.rules().size(), rules.allowlists().size(),
                    rules.sources().size() == 1 ? rules.sources().get(0) : rules.sources().size() + " files");
            out.flush();
            return ExitCodes.CLEAN;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Prove every rule by its examples: each truePositive must be found by its rule, no "
                    + "falsePositive may be. Exit 0 when all hold, 1 otherwise.")
    static final class TestRules implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption configOption;

        @Override
        public Integer call() throws Exception {
            RuleSet rules = configOption.load(Path.of(".")).compileAll();
            ExampleChecker.Report report = new ExampleChecker(rules).checkAll();
            PrintWriter out = spec.commandLine().getOut();
            for (ExampleChecker.Failure f : report.failures()) {
                out.println("FAIL " + f);
            }
            long untested = rules.rules().stream()
                    .filter(r -> r.truePositives().isEmpty() && r.falsePositives().isEmpty()).count();
            out.printf("%d rules, %d true positives, %d false positives checked: %s%n", report.rules(),
                    report.truePositives(), report.falsePositives(),
                    report.passed() ? "all hold" : report.failures().size() + " failed");
            if (untested > 0) {
                out.printf("%d rules have no examples%n", untested);
            }
            out.flush();
            return report.passed() ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
        }
    }
}
