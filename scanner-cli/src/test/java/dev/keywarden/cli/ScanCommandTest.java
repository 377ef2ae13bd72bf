package dev.keywarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keywarden.testing.FakeSecrets;
import dev.keywarden.testing.SharedFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keywarden scan} end to end, in-process, with the built-in rule pack. */
class ScanCommandTest {
    @TempDir
    Path dir;

    private final FakeSecrets fake = new FakeSecrets(99);
    private String token;

    @BeforeEach
    void files() throws Exception {
        token = fake.githubToken("ghp");
        Files.writeString(dir.resolve("README.md"), "# A project\nNothing secret here.\n");
    }

    private Path leak(String name) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "# config\nGITHUB_TOKEN=" + token + "\n");
        return p;
    }

    @Test
    void cleanDirectoryExitsZeroWithASummary() {
        CliRun r = CliRun.run("scan", dir.toString(), "--no-progress");
        assertEquals(ExitCodes.CLEAN, r.code(), r.toString());
        assertTrue(r.out().contains("no secrets found in 1 file"), r.toString());
    }

    @Test
    void aLeakExitsOneAndIsRedactedByDefault() throws Exception {
        leak("deploy/app.env");
        CliRun r = CliRun.run("scan", dir.toString());
        assertEquals(ExitCodes.FINDINGS, r.code(), r.toString());
        assertTrue(r.out().contains("github-pat"), r.toString());
        assertTrue(r.out().contains("deploy/app.env:2:14"), r.toString());
        assertFalse(r.out().contains(token), "redacted by default");
        assertFalse(r.err().contains(token));
        assertTrue(r.out().contains("1 finding in 2 files"), r.toString());

        CliRun plain = CliRun.run("scan", dir.toString(), "--no-redact", "--exit-code", "7");
        assertEquals(7, plain.code());
        assertTrue(plain.out().contains(token));
        CliRun half = CliRun.run("scan", dir.toString(), "--redact=50");
        assertTrue(half.out().contains(token.substring(0, 20) + "*****"), half.toString());
    }

    @Test
    void jsonReportToAFileIsPrivateAndFollowsTheSchema() throws Exception {
        leak("app.env");
        Path report = dir.resolve("out/report.json");
        Files.createDirectories(report.getParent());
        CliRun r = CliRun.run("scan", dir.toString(), "--format", "json", "--output", report.toString(), "-q");
        assertEquals(ExitCodes.FINDINGS, r.code(), r.toString());
        assertEquals("", r.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
        JsonNode root = new ObjectMapper().readTree(report.toFile());
        JsonNode f = root.get("findings").get(0);
        assertEquals("github-pat", f.get("ruleId").asText());
        assertEquals(2, f.get("line").asInt());
        assertEquals("ghp_*****", f.get("secret").asText());
        assertEquals("high", f.get("confidence").asText());
        assertTrue(f.get("commit").isNull());
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        CliRun unknown = CliRun.run("scan", "--frobnicate");
        assertEquals(ExitCodes.USAGE, unknown.code());
        assertTrue(unknown.err().contains("Unknown option: '--frobnicate'"), unknown.toString());
        CliRun missing = CliRun.run("scan", dir.resolve("nope").toString());
        assertEquals(ExitCodes.USAGE, missing.code());
        assertTrue(missing.err().contains("no such file or directory"), missing.toString());
        assertEquals(ExitCodes.USAGE, CliRun.run("scan", dir.toString(), "--threads", "0").code());
        assertEquals(ExitCodes.USAGE, CliRun.run("scan", dir.toString(), "--max-file-size", "lots").code());
        assertEquals(ExitCodes.USAGE, CliRun.run("scan", dir.toString(), "--redact=150").code());
        assertEquals(ExitCodes.USAGE, CliRun.run("scan", dir.toString(), "--format", "xml").code());
    }

    @Test
    void malformedConfigExitsTwoNamingFileRuleAndReason() throws Exception {
        Path config = dir.resolve("bad.toml");
        Files.writeString(config, """
                [[rules]]
                id = "broken-rule"
                regex = '''token_(abc'''
                keywords = ["token_"]
                """);
        CliRun r = CliRun.run("scan", dir.toString(), "--config", config.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("bad.toml"), r.err());
        assertTrue(r.err().contains("rule 'broken-rule'"), r.err());
        assertTrue(r.err().contains("missing closing )"), r.err());
        assertTrue(r.err().contains("at position 6"), r.err());
    }

    @Test
    void theRootConfigAndIgnoreFileAreHonoured() throws Exception {
        leak("app.env");
        Files.writeString(dir.resolve(".keywarden.toml"), """
                [extend]
                disabledRules = ["github-pat", "generic-secret-assignment"]
                """);
        assertEquals(ExitCodes.CLEAN, CliRun.run("scan", dir.toString()).code());

        Files.delete(dir.resolve(".keywarden.toml"));
        CliRun json = CliRun.run("scan", dir.toString(), "-f", "json", "-q");
        String fingerprint = new ObjectMapper().readTree(json.out()).at("/findings/0/fingerprint").asText();
        Files.writeString(dir.resolve(".keywardenignore"), "# reviewed: test fixture\n" + fingerprint + "\n");
        CliRun ignored = CliRun.run("scan", dir.toString());
        assertEquals(ExitCodes.CLEAN, ignored.code(), ignored.toString());
        assertTrue(ignored.out().contains("1 suppressed"), ignored.toString());

        Files.writeString(dir.resolve(".keywardenignore"), "not a fingerprint\n");
        CliRun bad = CliRun.run("scan", dir.toString());
        assertEquals(ExitCodes.USAGE, bad.code());
        assertTrue(bad.err().contains(".keywardenignore:1"), bad.toString());
    }

    @Test
    void inlineAllowSuppresses() throws Exception {
        Files.writeString(dir.resolve("fixture.py"), "TOKEN = '" + token + "'  # keywarden:allow\n");
        assertEquals(ExitCodes.CLEAN, CliRun.run("scan", dir.toString()).code());
    }

    @Test
    void standardInputIsScanned() {
        CliRun r = CliRun.runWithInput(("token: " + token + "\n").getBytes(StandardCharsets.UTF_8), "scan", "-");
        assertEquals(ExitCodes.FINDINGS, r.code(), r.toString());
        assertTrue(r.out().contains("<stdin>:1:8"), r.toString());
    }

    @Test
    void anUnwritableReportExitsThree() throws Exception {
        leak("app.env");
        CliRun r = CliRun.run("scan", dir.toString(), "-o", dir.resolve("no/such/dir/report.json").toString());
        assertEquals(ExitCodes.IO_FAILURE, r.code(), r.toString());
        assertTrue(r.err().contains("cannot write the report"), r.toString());
    }

    @Test
    void binaryAndHugeFilesAreSkippedAndCounted() throws Exception {
        Files.write(dir.resolve("blob.bin2"), ("\0\0\0" + token).getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("huge.txt"), "x".repeat(3000) + token);
        CliRun r = CliRun.run("scan", dir.toString(), "--max-file-size", "2k", "-v");
        assertEquals(ExitCodes.CLEAN, r.code(), r.toString());
        assertTrue(r.out().contains("skipped 2 (1 binary, 1 larger than --max-file-size)"), r.toString());
        assertTrue(r.err().contains("skipped " + dir.resolve("huge.txt")), r.toString());
    }

    @Test
    void filesNotReadAreStillFlaggedByName() throws Exception {
        byte[] keystore = new byte[64];
        keystore[3] = 0x30; // a DER/PKCS#12-ish binary, NUL bytes included
        Files.write(dir.resolve("release.p12"), keystore);
        Files.writeString(dir.resolve("terraform.tfstate"), "{\"version\": 4}\n" + " ".repeat(4000));
        CliRun r = CliRun.run("scan", dir.toString(), "--max-file-size", "1k", "-f", "json", "-q");
        assertEquals(ExitCodes.FINDINGS, r.code(), r.toString());
        JsonNode root = new ObjectMapper().readTree(r.out());
        java.util.Set<String> rules = new java.util.TreeSet<>();
        root.get("findings").forEach(f -> rules.add(f.get("ruleId").asText() + " " + f.get("file").asText()
                .replaceAll(".*/", "")));
        assertEquals(java.util.Set.of("keystore-file release.p12", "terraform-state-file terraform.tfstate"), rules);
        assertEquals(1, root.at("/summary/skipped/binary").asInt());
        assertEquals(1, root.at("/summary/skipped/too-large").asInt());
    }

    @Test
    void aGitleaksConfigRunsUnchanged() throws Exception {
        leak("app.env");
        CliRun r = CliRun.run("scan", dir.toString(), "--config", SharedFixtures.gitleaksConfig().toString(), "-f",
                "json", "-q");
        assertEquals(ExitCodes.FINDINGS, r.code(), r.toString());
        JsonNode findings = new ObjectMapper().readTree(r.out()).get("findings");
        boolean githubPat = false;
        for (JsonNode f : findings) {
            githubPat |= f.get("ruleId").asText().equals("github-pat");
        }
        assertTrue(githubPat, r.out());
    }

    @Test
    void versionAndHelp() {
        CliRun v = CliRun.run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("keywarden "), v.toString());
        CliRun help = CliRun.run("scan", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("Exit codes"), help.toString());
    }
}
