package dev.keywarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCommandTest {

    @Test
    void theBuiltInPackProvesItself() {
        CliRun r = CliRun.run("rules", "test");
        assertEquals(ExitCodes.CLEAN, r.code(), r.toString());
        assertTrue(r.out().contains("all hold"), r.toString());
    }

    @Test
    void listShowsEveryRule() {
        CliRun r = CliRun.run("rules", "list");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("github-pat"), r.toString());
        assertTrue(r.out().contains("generic-secret-assignment"), r.toString());
        assertTrue(r.out().contains("global allowlist: documented example credentials"), r.toString());
    }

    @Test
    void aUsersFailingExampleIsReported(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("mine.toml");
        Files.writeString(config, """
                [[rules]]
                id = "acme-key"
                description = "ACME key"
                regex = '''\\bacme_[0-9a-f]{32}\\b'''
                keywords = ["acme_"]
                truePositives = ["key = acme_0123"]
                falsePositives = ["acme_0123456789abcdef0123456789abcdef"]
                """);
        CliRun r = CliRun.run("rules", "test", "--config", config.toString());
        assertEquals(ExitCodes.FINDINGS, r.code(), r.toString());
        assertTrue(r.out().contains("FAIL acme-key"), r.toString());
        assertTrue(r.out().contains("true positive #1 is not found"), r.toString());
        assertTrue(r.out().contains("false positive #1 is reported"), r.toString());
        assertTrue(r.out().contains("2 failed"), r.toString());
    }
}
