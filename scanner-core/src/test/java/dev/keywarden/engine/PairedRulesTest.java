package dev.keywarden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.config.ConfigException;
import dev.keywarden.config.ConfigLoader;
import dev.keywarden.config.DefaultRulePack;
import dev.keywarden.finding.Confidence;
import dev.keywarden.finding.Content;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Origin;
import dev.keywarden.testing.FakeSecrets;
import dev.keywarden.testing.TestRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code [[rules.required]]}: gitleaks' composite rules, reported as one finding naming its parts. */
class PairedRulesTest {
    private static final String KEY_ID = """
            [[rules]]
            id = "key-id"
            regex = '''\\b(AKIA[A-Z2-7]{16})\\b'''
            keywords = ["akia"]
            confidence = "high"
            """;

    private final FakeSecrets fake = new FakeSecrets(31);

    private static String secretRule(String required, boolean keywords) {
        return """
                [[rules]]
                id = "secret-key"
                regex = '''(?:secret|key)\\s*[=:]\\s*([A-Za-z0-9/+]{40})\\b'''
                """ + (keywords ? "keywords = [\"secret\"]\n" : "") + "entropy = 3.5\n" + required;
    }

    private static List<Finding> scan(String toml, String text) {
        return TestRules.engine(toml).scan(Content.of("creds.ini", text.getBytes(StandardCharsets.UTF_8),
                new Origin.File(Path.of("creds.ini"))));
    }

    @Test
    void aPairWithinReachIsOneFindingNamingBothParts() {
        String id = fake.awsAccessKeyId("AKIA");
        String secret = fake.awsSecretAccessKey();
        String text = "[default]\nid = " + id + "\nregion = eu-west-1\nsecret = " + secret + "\n";
        String toml = KEY_ID + secretRule("[[rules.required]]\nid = \"key-id\"\nwithinLines = 3\n", true);
        List<Finding> found = scan(toml, text);
        assertEquals(1, found.size(), found::toString);
        Finding pair = found.get(0);
        assertEquals("secret-key", pair.ruleId());
        assertEquals(secret, pair.secret());
        assertEquals(Confidence.MEDIUM, pair.confidence());
        assertEquals(1, pair.required().size());
        assertEquals("key-id", pair.required().get(0).ruleId());
        assertEquals(id, pair.required().get(0).secret());
        assertEquals(2, pair.required().get(0).location().line());
        assertEquals(6, pair.required().get(0).location().column());
    }

    @Test
    void withoutItsPartInReachThePairedRuleReportsNothingAndThePartStandsAlone() {
        String id = fake.awsAccessKeyId("AKIA");
        String text = "id = " + id + "\n\n\n\n\nsecret = " + fake.awsSecretAccessKey() + "\n";
        String toml = KEY_ID + secretRule("[[rules.required]]\nid = \"key-id\"\nwithinLines = 3\n", true);
        assertEquals(List.of("key-id"), scan(toml, text).stream().map(Finding::ruleId).toList());
        assertTrue(scan(toml, "secret = " + fake.awsSecretAccessKey()).isEmpty());
    }

    @Test
    void withoutLimitsThePartMayBeAnywhereInTheContent() {
        String text = "id = " + fake.awsAccessKeyId("AKIA") + "\n" + "\n".repeat(200) + "secret = "
                + fake.awsSecretAccessKey();
        String toml = KEY_ID + secretRule("[[rules.required]]\nid = \"key-id\"\n", true);
        assertEquals(List.of("secret-key"), scan(toml, text).stream().map(Finding::ruleId).toList());
    }

    @Test
    void withinColumnsLimitsHowFarApartTheStartsMayBe() {
        String text = "secret = " + fake.awsSecretAccessKey() + "  " + fake.awsAccessKeyId("AKIA");
        String near = KEY_ID + secretRule("[[rules.required]]\nid = \"key-id\"\nwithinLines = 0\n"
                + "withinColumns = 60\n", true);
        String far = KEY_ID + secretRule("[[rules.required]]\nid = \"key-id\"\nwithinColumns = 10\n", true);
        assertEquals(List.of("secret-key"), scan(near, text).stream().map(Finding::ruleId).toList());
        assertEquals(List.of("key-id"), scan(far, text).stream().map(Finding::ruleId).toList());
    }

    @Test
    void aPairedRuleWithoutKeywordsRunsOnlyAroundItsPartsAndAnAuxiliaryRuleCanSkipReport() {
        String aux = KEY_ID.replace("confidence = \"high\"", "skipReport = true");
        String toml = aux + secretRule("[[rules.required]]\nid = \"key-id\"\nwithinLines = 1\n", false);
        String text = "key: " + fake.awsSecretAccessKey() + "\n\n\n\nid: " + fake.awsAccessKeyId("AKIA") + "\nkey: "
                + fake.awsSecretAccessKey() + "\n";
        List<Finding> found = scan(toml, text);
        assertEquals(1, found.size(), found::toString);
        assertEquals(6, found.get(0).location().line());
        assertEquals("key-id", found.get(0).required().get(0).ruleId());
    }

    @Test
    void requiringAnUnknownRuleIsAConfigurationError() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(new DefaultRulePack(
                TestRules.class.getClassLoader(), "testpack/")).load("mine.toml",
                secretRule("[[rules.required]]\nid = \"nope\"\n", true)));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("secret-key"), e.getMessage());
        ConfigException bad = assertThrows(ConfigException.class, () -> new ConfigLoader(new DefaultRulePack(
                TestRules.class.getClassLoader(), "testpack/")).load("mine.toml", KEY_ID
                + secretRule("[[rules.required]]\nid = \"key-id\"\nwithinLine = 2\n", true)));
        assertTrue(bad.getMessage().contains("unknown key 'withinLine'"), bad.getMessage());
    }

    @Test
    void disablingARequiredRuleDisablesThePairedRulesThatNeedIt(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        ConfigLoader loader = new ConfigLoader(new DefaultRulePack(TestRules.class.getClassLoader(), "testpack/"));
        java.nio.file.Path base = dir.resolve("base.toml");
        java.nio.file.Files.writeString(base, KEY_ID + secretRule("[[rules.required]]\nid = \"key-id\"\n", true));
        java.nio.file.Path mine = dir.resolve("mine.toml");
        java.nio.file.Files.writeString(mine, "[extend]\npath = \"base.toml\"\ndisabledRules = [\"key-id\"]\n");
        assertEquals(List.of(), loader.load(mine).rules().stream().map(dev.keywarden.config.Rule::id).toList());
    }
}
