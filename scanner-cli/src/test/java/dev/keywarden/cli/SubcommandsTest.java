package dev.keywarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The subcommands added by name, without their models, and the usage that lists them all. */
class SubcommandsTest {
    @Test
    void eachNameIsTheCommandsOwn() {
        KeywardenCommand.SUBCOMMANDS.forEach((name, type) ->
                assertEquals(name, type.getAnnotation(Command.class).name(), type.getName()));
        assertEquals(List.of("scan", "git", "staged", "diff", "rules", "baseline", "hook", "remediate"),
                List.copyOf(KeywardenCommand.SUBCOMMANDS.keySet()), "in the order the usage lists them");
    }

    @Test
    void aNamedSubcommandAloneIsBuiltAndTheUsageStillListsAll() {
        assertEquals(List.of("scan"), List.copyOf(Main.commandLine("scan").getSubcommands().keySet()));
        assertEquals(List.copyOf(KeywardenCommand.SUBCOMMANDS.keySet()),
                List.copyOf(Main.commandLine("--help").getSubcommands().keySet()));
        CliRun r = CliRun.run("--help");
        for (String name : KeywardenCommand.SUBCOMMANDS.keySet()) {
            assertTrue(r.out().contains("  " + name + " "), name + " in\n" + r);
        }
    }
}
