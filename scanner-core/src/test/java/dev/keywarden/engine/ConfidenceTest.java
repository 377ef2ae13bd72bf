package dev.keywarden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.finding.Confidence;
import dev.keywarden.finding.Content;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Origin;
import dev.keywarden.testing.FakeSecrets;
import dev.keywarden.testing.TestRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every finding has a confidence: stated by its rule, or derived from what the rule checks. */
class ConfidenceTest {
    private final FakeSecrets fake = new FakeSecrets(41);

    private static Finding only(String toml, String text) {
        var found = TestRules.engine(toml).scan(Content.of("a.txt", text.getBytes(StandardCharsets.UTF_8),
                new Origin.File(Path.of("a.txt"))));
        assertEquals(1, found.size(), found::toString);
        return found.get(0);
    }

    @Test
    void aProviderPrefixInTheSecretIsHighAStrictFormatWithoutOneIsMedium() {
        String prefixed = "[[rules]]\nid = \"acme\"\nregex = '''\\b(acme_[0-9a-zA-Z]{20})\\b'''\n"
                + "keywords = [\"acme_\"]\n";
        assertEquals(Confidence.HIGH, only(prefixed, "k = acme_" + fake.chars(FakeSecrets.BASE62, 20)).confidence());
        String named = "[[rules]]\nid = \"acme-secret\"\nregex = '''acme_secret\\s*=\\s*([0-9a-f]{32})'''\n"
                + "keywords = [\"acme_secret\"]\n";
        assertEquals(Confidence.MEDIUM, only(named, "acme_secret = " + fake.chars(FakeSecrets.HEX, 32))
                .confidence());
    }

    @Test
    void genericAndRandomValidatedRulesAreLowValidChecksumsHighAndAStatedLevelWins() {
        String generic = "[[rules]]\nid = \"g\"\nregex = '''pass\\s*=\\s*(\\S{8,})'''\nkeywords = [\"pass\"]\n"
                + "tags = [\"generic\"]\n";
        assertEquals(Confidence.LOW, only(generic, "pass = Zq81mXv0Lp").confidence());
        String validated = generic.replace("tags = [\"generic\"]", "validate = \"random\"");
        assertEquals(Confidence.LOW, only(validated, "pass = Zq81mXv0Lp").confidence());
        String stated = generic.replace("tags = [\"generic\"]", "confidence = \"high\"");
        assertEquals(Confidence.HIGH, only(stated, "pass = Zq81mXv0Lp").confidence());
        String checksum = "[[rules]]\nid = \"gh\"\nregex = '''\\b(ghp_[0-9A-Za-z]{36})\\b'''\nkeywords = [\"ghp_\"]\n"
                + "checksum = \"github\"\n";
        assertEquals(Confidence.HIGH, only(checksum, fake.githubToken("ghp")).confidence());
        assertTrue(EngineTest.reported(EngineTest.scan(TestRules.engine(checksum), fake.githubTokenBadChecksum("ghp")))
                .isEmpty(),
                "a token whose checksum does not hold is not reported");
    }
}
