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
    void aHelperRuleThatIsNeverReportedOnItsOwnIsProvenByItsExamplesToo(@TempDir Path dir) throws Exception {
        java.util.Random random = new java.util.Random(5);
        java.util.function.IntFunction<String> hex = n -> random.ints(n, 0, 16)
                .mapToObj(Integer::toHexString).collect(java.util.stream.Collectors.joining());
        String id = "acmeid_" + hex.apply(16);
        String key = "acmekey_" + hex.apply(32);
        Path config = dir.resolve("mine.toml");
        Files.writeString(config, """
                [[rules]]
                id = "acme-id"
                description = "ACME key id: used only to pair with its key"
                regex = '''\\b(acmeid_[0-9a-f]{16})\\b'''
                keywords = ["acmeid_"]
                skipReport = true
                truePositives = ["id: %s"]
                falsePositives = ["id: acmeid_0123"]

                [[rules]]
                id = "acme-key"
                description = "ACME key, next to its id"
                regex = '''\\b(acmekey_[0-9a-f]{32})\\b'''
                keywords = ["acmekey_"]
                truePositives = ["id: %s\\nkey: %s"]
                falsePositives = ["key: %s"]

                [[rules.required]]
                id = "acme-id"
                withinLines = 1
                """.formatted(id, id, key, key));
        CliRun r = CliRun.run("rules", "test", "--config", config.toString());
        assertEquals(ExitCodes.CLEAN, r.code(), r.toString());
        assertTrue(r.out().contains("all hold"), r.toString());
        Path text = dir.resolve("ids.txt");
        Files.writeString(text, "id: " + id + "\n");
        CliRun scan = CliRun.run("scan", "--config", config.toString(), "--no-progress", text.toString());
        assertEquals(ExitCodes.CLEAN, scan.code(), "a helper rule alone is still not reported by a scan: " + scan);
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
