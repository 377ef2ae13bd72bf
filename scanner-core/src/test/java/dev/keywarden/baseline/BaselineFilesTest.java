package dev.keywarden.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keywarden.engine.Engine;
import dev.keywarden.finding.Content;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Origin;
import dev.keywarden.finding.Suppression;
import dev.keywarden.testing.FakeSecrets;
import dev.keywarden.testing.TestRules;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keywarden's baseline format: what it holds, what it leaves out, how it is read back and how it matches. */
class BaselineFilesTest {
    @TempDir
    Path dir;

    private final FakeSecrets fake = new FakeSecrets(404);
    private final Engine engine = TestRules.engine(TestRules.GITHUB_TOKEN);

    private List<Finding> scan(Engine e, String displayPath, String repoPath, String text) {
        Content content = new Content(displayPath, repoPath, text.getBytes(StandardCharsets.UTF_8),
                new Origin.File(Path.of("/work/checkout").resolve(repoPath)));
        return e.scan(content, false).findings();
    }

    private String written(KeywardenBaseline baseline) throws IOException {
        StringWriter out = new StringWriter();
        BaselineFiles.write(baseline, out);
        return out.toString();
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void theFileHoldsNoSecretNoLineAndOneSortedEntryPerLine() throws Exception {
        String t1 = fake.githubToken("ghp");
        String t2 = fake.githubToken("ghp");
        List<Finding> found = new ArrayList<>();
        found.addAll(scan(engine, "../co/z/last.env", "z/last.env", "\n\n\nTOKEN=" + t1 + "\n"));
        found.addAll(scan(engine, "../co/a/first.env", "a/first.env", "TOKEN=" + t2 + "\nAGAIN=" + t2 + "\n"));
        assertEquals(3, found.size());

        String text = written(KeywardenBaseline.of(KeywardenBaseline.Scan.FILES, found, "b.json"));
        assertFalse(text.contains(t1) || text.contains(t2), text);
        assertFalse(text.contains(t1.substring(4, 20)) || text.contains(t2.substring(4, 20)), "no part either");
        List<String> lines = text.lines().toList();
        assertEquals(4, lines.size(), "header, one entry per fingerprint (the repeat on line 2 is one), end: " + text);
        assertTrue(lines.get(0).startsWith("[{\"keywardenBaseline\": 1, \"scan\": \"files\", \"salt\": "), text);
        assertTrue(lines.get(1).startsWith(",{\"path\": \"a/first.env\", \"ruleId\": \"gh\""), "repository paths, sorted");
        assertTrue(lines.get(2).startsWith(",{\"path\": \"z/last.env\""), text);
        assertEquals("]", lines.get(3));
        assertFalse(text.matches("(?s).*\"(line|column|commit|date)\".*"), text);
        new ObjectMapper().readTree(text); // valid JSON
    }

    @Test
    void writingIsDeterministicAndReadingGivesTheSameBaseline() throws Exception {
        List<Finding> found = scan(engine, "app.env", "app.env", "T=" + fake.githubToken("ghp") + "\n");
        KeywardenBaseline made = KeywardenBaseline.of(KeywardenBaseline.Scan.GIT, found, "b.json");
        String text = written(made);
        Path f = file("b.json", text);
        KeywardenBaseline read = BaselineFiles.readKeywarden(f);
        assertEquals(made.entries(), read.entries());
        assertEquals(made.salt(), read.salt());
        assertEquals(KeywardenBaseline.Scan.GIT, read.scan());
        assertEquals(text, written(read), "reading and writing again changes nothing");
        assertEquals(text, written(KeywardenBaseline.of(made.salt(), KeywardenBaseline.Scan.GIT,
                List.of(found.get(0), found.get(0)), "b.json")), "same findings, same salt: same bytes");
    }

    @Test
    void aReformattedFileStillReads() throws Exception {
        List<Finding> found = scan(engine, "app.env", "app.env", "T=" + fake.githubToken("ghp") + "\n");
        KeywardenBaseline made = KeywardenBaseline.of(KeywardenBaseline.Scan.FILES, found, "b.json");
        ObjectMapper json = new ObjectMapper();
        String pretty = json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(written(made)));
        assertTrue(pretty.lines().count() > 6, pretty);
        assertEquals(made.entries(), BaselineFiles.readKeywarden(file("pretty.json", pretty)).entries());
    }

    @Test
    void theSecretHashIsSaltedPerBaselineAndTheFingerprintIsNot() {
        List<Finding> found = scan(engine, "app.env", "app.env", "T=" + fake.githubToken("ghp") + "\n");
        BaselineEntry a = KeywardenBaseline.of(KeywardenBaseline.Scan.FILES, found, "a").entries().get(0);
        BaselineEntry b = KeywardenBaseline.of(KeywardenBaseline.Scan.FILES, found, "b").entries().get(0);
        assertEquals(a.fingerprint(), b.fingerprint());
        assertNotEquals(a.secretHash(), b.secretHash());
    }

    @Test
    void aFindingMatchesByFingerprintWhateverItsLineAndByItsSecretWhenAnotherRuleFindsIt() {
        String token = fake.githubToken("ghp");
        KeywardenBaseline baseline = KeywardenBaseline.of(KeywardenBaseline.Scan.FILES,
                scan(engine, "app.env", "app.env", "T=" + token + "\n"), "b.json");

        Finding moved = scan(engine, "app.env", "app.env", "# header\n\n  export   T=" + token + "\n").get(0);
        assertEquals(Suppression.Kind.BASELINE, baseline.suppress(moved).orElseThrow().kind());

        Engine renamed = TestRules.engine(TestRules.GITHUB_TOKEN.replace("id = \"gh\"", "id = \"github-classic\""));
        Finding byAnotherRule = scan(renamed, "app.env", "app.env", "T=" + token + "\n").get(0);
        assertNotEquals(moved.fingerprint(), byAnotherRule.fingerprint());
        assertTrue(baseline.suppress(byAnotherRule).orElseThrow().reason().contains("recorded for rule gh"));

        assertTrue(baseline.suppress(scan(renamed, "other.env", "other.env", "T=" + token + "\n").get(0)).isEmpty(),
                "the same secret in another file is a new finding");
        assertTrue(baseline.suppress(scan(engine, "app.env", "app.env", "T=" + fake.githubToken("ghp") + "\n")
                .get(0)).isEmpty(), "another secret in the same file is a new finding");
    }

    @Test
    void updateAddsAndPrunesAndKeepsTheSalt() {
        String kept = fake.githubToken("ghp");
        String gone = fake.githubToken("ghp");
        String added = fake.githubToken("ghp");
        KeywardenBaseline before = KeywardenBaseline.of(KeywardenBaseline.Scan.FILES,
                scan(engine, "app.env", "app.env", "A=" + kept + "\nB=" + gone + "\n"), "b.json");
        KeywardenBaseline.Change change = before.update(
                scan(engine, "app.env", "app.env", "A=" + kept + "\nC=" + added + "\n"));
        assertEquals(1, change.added());
        assertEquals(1, change.pruned());
        assertEquals(1, change.unchanged());
        assertEquals(2, change.baseline().size());
        assertEquals(before.salt(), change.baseline().salt());
    }

    @Test
    void badFilesAreClearErrorsThatQuoteNothingOfTheFile() throws Exception {
        String token = fake.githubToken("ghp");
        String[][] cases = {
            {"empty.json", "", "the file is empty"},
            {"object.json", "{\"findings\": []}", "a JSON object is not a baseline"},
            {"broken.json", "[{\"File\": \"a\", \"Secret\": \"" + token + "\"", "not valid JSON (line 1"},
            {"v2.json", "[{\"keywardenBaseline\": 2, \"scan\": \"files\", \"salt\": \"" + "0".repeat(32) + "\"}]",
                "version 2 is not supported"},
            {"salt.json", "[{\"keywardenBaseline\": 1, \"scan\": \"files\", \"salt\": \"xyz\"}]", "\"salt\" must be"},
            {"fp.json", "[{\"keywardenBaseline\": 1, \"scan\": \"files\", \"salt\": \"" + "0".repeat(32) + "\"}\n"
                + ",{\"path\": \"a\", \"ruleId\": \"r\", \"fingerprint\": \"nope\", \"secretHash\": \"" + "0".repeat(64)
                + "\"}]", "entry 1: \"fingerprint\" must be 32"},
            {"key.json", "[{\"keywardenBaseline\": 1, \"scan\": \"files\", \"salt\": \"" + "0".repeat(32) + "\"}\n"
                + ",{\"path\": \"a\", \"ruleId\": \"r\", \"line\": 3}]", "entry 1: unknown key \"line\""},
            {"two.json", "[{\"keywardenBaseline\": 1, \"scan\": \"files\", \"salt\": \"" + "0".repeat(32) + "\"}\n"
                + ",{\"keywardenBaseline\": 1, \"scan\": \"files\", \"salt\": \"" + "1".repeat(32) + "\"}]",
                "entry 1 is a second header"},
            {"report.json", "[{\"Description\": \"x\"}]", "entry 1 is neither a keywarden baseline header nor"},
            {"ignore.txt", "# ok\n" + token + "\n", "ignore.txt:2: not a gitleaks fingerprint"},
        };
        for (String[] c : cases) {
            InvalidBaselineException e = assertThrows(InvalidBaselineException.class,
                    () -> BaselineFiles.read(file(c[0], c[1])), c[0]);
            assertTrue(e.getMessage().startsWith(dir.resolve(c[0]).toString() + ":"), e.getMessage());
            assertTrue(e.getMessage().contains(c[2]), c[0] + ": " + e.getMessage());
            assertFalse(e.getMessage().contains(token.substring(4)), "never the file's content: " + e.getMessage());
        }
    }
}
