package dev.keywarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keywarden.testing.FakeSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --min-confidence, --decode-depth, --include-noise-files and the JSON fields of decoded and paired findings. */
class MatchingOptionsTest {
    @TempDir
    Path dir;

    private final FakeSecrets fake = new FakeSecrets(77);

    private JsonNode json(CliRun r) throws Exception {
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void minConfidenceSuppressesLowerFindingsAndRejectsUnknownLevels() throws Exception {
        // a generic password (low) and a GitHub token (high)
        Files.writeString(dir.resolve("app.env"), "DB_PASSWORD=" + fake.chars(FakeSecrets.BASE62, 20) + "Q7x\n"
                + "GITHUB_TOKEN=" + fake.githubToken("ghp") + "\n");
        JsonNode all = json(CliRun.run("scan", dir.toString(), "-f", "json", "--no-progress"));
        assertEquals(2, all.get("summary").get("findings").asInt(), all.toString());
        JsonNode medium = json(CliRun.run("scan", dir.toString(), "-f", "json", "--no-progress",
                "--min-confidence", "medium"));
        assertEquals(1, medium.get("summary").get("findings").asInt(), medium.toString());
        assertEquals("high", medium.get("findings").get(0).get("confidence").asText());
        assertTrue(medium.get("summary").get("suppressed").asInt() >= 1);
        CliRun bad = CliRun.run("scan", dir.toString(), "--min-confidence", "certain");
        assertEquals(ExitCodes.USAGE, bad.code(), bad.toString());
        assertTrue(bad.err().contains("not a confidence level"), bad.toString());
    }

    @Test
    void decodedFindingsSayHowAndDecodeDepthZeroTurnsDecodingOff() throws Exception {
        String token = fake.githubToken("ghp");
        String encoded = Base64.getEncoder().encodeToString(("GITHUB_TOKEN=" + token).getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("secret.yaml"), "kind: Secret\ndata:\n  env: " + encoded + "\n");
        JsonNode found = json(CliRun.run("scan", dir.toString(), "-f", "json", "--no-progress"));
        JsonNode f = found.get("findings").get(0);
        assertEquals("base64", f.get("decoded").asText(), found.toString());
        assertEquals(3, f.get("line").asInt());
        assertEquals(8, f.get("column").asInt());
        CliRun text = CliRun.run("scan", dir.toString(), "--no-progress");
        assertTrue(text.out().contains("decoded      base64"), text.toString());
        assertFalse(text.out().contains(encoded), "the encoded secret is redacted in the line too");
        assertFalse(text.out().contains(token));
        CliRun off = CliRun.run("scan", dir.toString(), "--no-progress", "--decode-depth", "0");
        assertEquals(ExitCodes.CLEAN, off.code(), off.toString());
        assertEquals(ExitCodes.USAGE, CliRun.run("scan", dir.toString(), "--decode-depth", "-1").code());
    }

    @Test
    void aPairIsOneFindingWhoseJsonNamesTheRequiredPart() throws Exception {
        String id = fake.awsAccessKeyId("AKIA");
        Files.writeString(dir.resolve("keys.json"), "{\n  \"id\": \"" + id + "\",\n  \"secret\": \""
                + fake.awsSecretAccessKey() + "\"\n}\n");
        JsonNode report = json(CliRun.run("scan", dir.toString(), "-f", "json", "--no-progress"));
        assertEquals(1, report.get("findings").size(), report.toString());
        JsonNode pair = report.get("findings").get(0);
        assertEquals("aws-secret-access-key-pair", pair.get("ruleId").asText());
        JsonNode part = pair.get("required").get(0);
        assertEquals("aws-access-key-id", part.get("ruleId").asText());
        assertEquals(2, part.get("line").asInt());
        assertEquals(10, part.get("column").asInt());
        assertFalse(report.toString().contains(id), "the part's secret is redacted");
    }

    @Test
    void noiseFilesAreSkippedUnlessIncluded() throws Exception {
        Files.createDirectories(dir.resolve("node_modules/x"));
        Files.writeString(dir.resolve("node_modules/x/index.js"), "t='" + fake.githubToken("ghp") + "'\n");
        Files.writeString(dir.resolve("yarn.lock"), "t " + fake.githubToken("ghp") + "\n");
        CliRun skipping = CliRun.run("scan", dir.toString(), "--no-progress");
        assertEquals(ExitCodes.CLEAN, skipping.code(), skipping.toString());
        assertTrue(skipping.out().contains("2 noise files"), skipping.toString());
        CliRun including = CliRun.run("scan", dir.toString(), "--no-progress", "--include-noise-files");
        assertEquals(ExitCodes.FINDINGS, including.code(), including.toString());
        assertTrue(including.out().contains("2 findings"), including.toString());
    }
}
