package dev.keywarden.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The [remediation] table: what it accepts, and the errors that name the file, the table and the key. */
class RemediationConfigTest {
    @TempDir
    Path dir;

    RemediationConfig load(String toml) throws Exception {
        Path f = dir.resolve(".keywarden.toml");
        Files.writeString(f, toml);
        return RemediationConfig.load(f);
    }

    String error(String toml) {
        return assertThrows(RemediationException.class, () -> load(toml)).getMessage();
    }

    @Test
    void readsRoutesConnectorsAndPathsRelativeToTheFile() throws Exception {
        RemediationConfig c = load("""
                [[rules]]
                id = "x"
                regex = "y"
                [remediation]
                stateFile = "state/s.json"
                retries = 0
                timeoutSeconds = 5
                [remediation.connectors.vault-kv]
                endpoint = "https://vault.example.com:8200"
                tokenEnv = "MY_VAULT_TOKEN"
                [remediation.rules.aws-access-key-id]
                store = "aws-secretsmanager"
                target = "prod/app"
                fields = { accessKeyId = "ID", secretAccessKey = "SECRET" }
                """);
        assertEquals(Optional.of(dir.resolve("state/s.json")), c.stateFile());
        assertEquals(0, c.retries());
        assertEquals(Duration.ofSeconds(5), c.timeout());
        assertEquals("MY_VAULT_TOKEN", c.connectorOptions("vault-kv").get("tokenEnv"));
        assertEquals(Map.of("accessKeyId", "ID", "secretAccessKey", "SECRET"), c.route("aws-access-key-id").fields());
        assertEquals(Optional.empty(), c.route("github-pat").store());
    }

    @Test
    void aFileWithoutTheTableIsAnEmptyConfiguration() throws Exception {
        assertEquals(RemediationConfig.empty(), load("[[allowlists]]\npaths = ['x']\n"));
    }

    @Test
    void errorsNameTheTableAndTheKey() {
        assertTrue(error("[remediation]\nstatefile = \"x\"\n").contains("[remediation]: unknown key 'statefile'"));
        assertTrue(error("[remediation.rules.github-pat]\nstore = \"vault-kv\"\n")
                .contains("[remediation.rules.github-pat]: 'store' and 'target' go together"));
        assertTrue(error("[remediation]\nretries = 99\n").contains("'retries' must be an integer from 0 to 10"));
        String credential = error("[remediation.connectors.github]\napiToken = \"abc\"\n");
        assertTrue(credential.contains("'apiToken' would put a credential in the config file"), credential);
    }

    @Test
    void routesMustNameConnectorsOfTheRightKind() throws Exception {
        Path cfg = dir.resolve("c.toml");
        Files.writeString(cfg, "[remediation.rules.github-pat]\nstore = \"github\"\ntarget = \"x\"\n");
        Path findings = dir.resolve("f.json");
        Files.writeString(findings, "{\"schemaVersion\":1,\"findings\":[]}");
        RemediationException e = assertThrows(RemediationException.class, () -> Remediation.run(
                new Remediation.Request(Optional.of(findings), Optional.of(dir), Optional.of(cfg), Selection.all(),
                        Duration.ZERO, Remediation.Mode.PLAN, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty()), n -> null, java.time.Clock.systemUTC()));
        assertTrue(e.getMessage().contains("store = \"github\": not a store (known: aws-secretsmanager, vault-kv)"),
                e.getMessage());
        Files.writeString(cfg, "[remediation.connectors.hashicorp]\nendpoint = \"https://x\"\n");
        RemediationException unknown = assertThrows(RemediationException.class, () -> Remediation.run(
                new Remediation.Request(Optional.of(findings), Optional.of(dir), Optional.of(cfg), Selection.all(),
                        Duration.ZERO, Remediation.Mode.PLAN, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty()), n -> null, java.time.Clock.systemUTC()));
        assertTrue(unknown.getMessage().contains("[remediation.connectors.hashicorp]: no such connector"),
                unknown.getMessage());
        assertTrue(List.of(RemediationException.Kind.USAGE).contains(unknown.kind()));
    }
}
