package dev.keywarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keywarden.testing.FakeSecrets;
import dev.keywarden.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keywarden git} end to end on repositories built in the test. */
class GitCommandTest {
    @TempDir
    Path dir;

    private final FakeSecrets fake = new FakeSecrets(41);

    @Test
    void reportsTheIntroducingCommitInJsonAndText() throws Exception {
        String token = fake.githubToken("ghp");
        RevCommit added;
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("README.md", "hi\n").commit("root");
            added = repo.write("ci/deploy.sh", "export GITHUB_TOKEN=" + token + "\n").commit("add deploy script");
            repo.write("ci/deploy.sh", "export GITHUB_TOKEN=\"$DEPLOY_TOKEN\"\n").commit("use the CI secret");
        }
        CliRun json = CliRun.run("git", dir.toString(), "-f", "json", "-q");
        assertEquals(ExitCodes.FINDINGS, json.code(), json.toString());
        assertFalse(json.out().contains(token), "redacted");
        JsonNode f = new ObjectMapper().readTree(json.out()).get("findings").get(0);
        assertEquals("github-pat", f.get("ruleId").asText());
        assertEquals("ci/deploy.sh", f.get("file").asText());
        assertEquals(added.name(), f.get("commit").asText());
        assertEquals("Tess Tester", f.get("author").asText());
        assertEquals("tess@example.com", f.get("email").asText());
        assertTrue(f.get("date").asText().matches("2026-01-01T00:0\\d:00Z"), f.get("date").asText());
        assertEquals("add deploy script", f.get("message").asText());
        assertFalse(f.get("atHead").asBoolean());
        assertEquals(3, new ObjectMapper().readTree(json.out()).at("/summary/commits").asInt());

        CliRun text = CliRun.run("git", dir.toString());
        assertEquals(ExitCodes.FINDINGS, text.code());
        assertTrue(text.out().contains("commit       " + added.name().substring(0, 12)), text.toString());
        assertTrue(text.out().contains("at HEAD      no, only in history"), text.toString());
        assertTrue(text.out().contains("1 finding in 3 blobs of 3 commits"), text.toString());
    }

    @Test
    void exitCodes() throws Exception {
        assertEquals(ExitCodes.USAGE, CliRun.run("git", dir.toString()).code(), "not a repository");
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("a.txt", "nothing to see\n").commit("root");
        }
        CliRun clean = CliRun.run("git", dir.toString());
        assertEquals(ExitCodes.CLEAN, clean.code(), clean.toString());
        CliRun badRef = CliRun.run("git", dir.toString(), "--branch", "nope");
        assertEquals(ExitCodes.USAGE, badRef.code());
        assertTrue(badRef.err().contains("unknown ref or revision 'nope'"), badRef.toString());
        assertEquals(ExitCodes.USAGE, CliRun.run("git", dir.toString(), "--since", "last tuesday").code());

        ObjectId blob;
        try (TestRepo repo = TestRepo.init(dir)) {
            blob = repo.git().getRepository().resolve("HEAD:a.txt");
        }
        Files.delete(dir.resolve(".git/objects/" + blob.name().substring(0, 2) + "/" + blob.name().substring(2)));
        CliRun incomplete = CliRun.run("git", dir.toString());
        assertEquals(ExitCodes.IO_FAILURE, incomplete.code(), incomplete.toString());
        assertTrue(incomplete.err().contains("missing object " + blob.name()), incomplete.toString());
        assertTrue(incomplete.err().contains("the scan is incomplete"), incomplete.toString());
    }
}
