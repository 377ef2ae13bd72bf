package dev.keywarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * keywarden's own repository is clean by its own scan, files and history: nothing is reported but the rule examples,
 * which its .keywarden.toml allowlists deliberately, and the test values history holds, which .keywardenignore lists.
 */
class SelfScanTest {

    @Test
    void theProjectScansClean() {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(root.resolve(".keywarden.toml")), "run from the scanner-cli module");
        CliRun r = CliRun.run("scan", root.toString(), "--no-progress");
        assertEquals(ExitCodes.CLEAN, r.code(), r.toString());
        assertTrue(r.out().contains("path allowlisted"), "the rule examples are the allowlisted exception: " + r);
    }

    @Test
    void theProjectsHistoryScansClean() {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assumeTrue(Files.exists(root.resolve(".git")), "a checkout without its history (a source archive)");
        CliRun r = CliRun.run("git", root.toString(), "--no-progress");
        assertEquals(ExitCodes.CLEAN, r.code(), "what history holds on purpose is in .keywardenignore: " + r);
    }
}
