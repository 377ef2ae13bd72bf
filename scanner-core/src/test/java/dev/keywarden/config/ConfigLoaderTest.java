package dev.keywarden.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.finding.Confidence;
import dev.keywarden.finding.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader(new DefaultRulePack(getClass().getClassLoader(),
            "testpack/"));

    @TempDir
    Path dir;

    private Path write(String name, String toml) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, toml);
        return p;
    }

    private List<String> ids(RuleSet set) {
        return set.rules().stream().map(Rule::id).toList();
    }

    @Test
    void readsEveryRuleKey() throws Exception {
        RuleSet set = loader.load("t.toml", """
                [[rules]]
                id = "x-token"
                description = "X token"
                regex = '''x_([a-z]{8})'''
                secretGroup = 1
                keywords = ["X_"]
                entropy = 2.5
                path = '''\\.env$'''
                severity = "critical"
                confidence = "high"
                tags = ["x", "token"]
                multiline = true
                truePositives = ["x_abcdefgh", { path = "a/.env", text = "x_abcdefgh" }]
                falsePositives = ["x_abc"]
                  [[rules.allowlists]]
                  regexTarget = "line"
                  regexes = ['''test''']
                  stopwords = ["DUMMY"]
                  condition = "AND"
                """);
        Rule r = set.rules().get(0);
        assertEquals("x-token", r.id());
        assertEquals(1, r.secretGroup());
        assertEquals(List.of("x_"), r.keywords(), "keywords are lower-cased");
        assertEquals(2.5, r.entropy());
        assertEquals(Severity.CRITICAL, r.severity());
        assertEquals(Confidence.HIGH, r.confidence());
        assertTrue(r.multiline());
        assertEquals(2, r.truePositives().size());
        assertEquals(Optional.of("a/.env"), r.truePositives().get(1).path());
        Allowlist a = r.allowlists().get(0);
        assertEquals(RegexTarget.LINE, a.regexTarget());
        assertEquals(Allowlist.Condition.AND, a.condition());
        assertEquals(List.of("dummy"), a.stopwords());
    }

    @Test
    void unknownKeyIsNamedWithFileAndRule() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load("user.toml", """
                [[rules]]
                id = "mine"
                regex = 'abc'
                keyword = ["abc"]
                """));
        assertEquals("user.toml", e.file());
        assertEquals(Optional.of("mine"), e.ruleId());
        assertTrue(e.reason().contains("unknown key 'keyword'"), e.reason());
    }

    @Test
    void missingKeysAreNamed() {
        ConfigException noId = assertThrows(ConfigException.class, () -> loader.load("u.toml", """
                [[rules]]
                regex = 'abc'
                """));
        assertTrue(noId.reason().contains("missing required key 'id'") && noId.reason().contains("rule #1"),
                noId.reason());
        ConfigException noRegex = assertThrows(ConfigException.class, () -> loader.load("u.toml", """
                [[rules]]
                id = "empty"
                description = "nothing to match"
                """));
        assertEquals(Optional.of("empty"), noRegex.ruleId());
        assertTrue(noRegex.reason().contains("missing required key 'regex'"), noRegex.reason());
    }

    @Test
    void badValuesAreExplained() {
        assertTrue(reason("""
                [[rules]]
                id = "g"
                regex = 'a(b)'
                secretGroup = 2
                """).contains("secretGroup 2 but the regex has only 1 group"));
        assertTrue(reason("""
                [[rules]]
                id = "s"
                regex = 'a'
                severity = "urgent"
                """).contains("unknown severity 'urgent'"));
        assertTrue(reason("""
                [[rules]]
                id = "k"
                regex = 'a'
                keywords = "a"
                """).contains("'keywords'"));
        assertTrue(reason("""
                [[rules]]
                id = "c"
                regex = 'a'
                checksum = "luhn"
                """).contains("unknown checksum 'luhn'"));
        assertTrue(reason("""
                [[rules]]
                id = "d"
                regex = 'a'
                [[rules]]
                id = "d"
                regex = 'b'
                """).contains("duplicate rule id"));
        assertTrue(reason("""
                [[allowlists]]
                description = "nothing in it"
                """).contains("has none of"));
    }

    private String reason(String toml) {
        return assertThrows(ConfigException.class, () -> loader.load("u.toml", toml)).reason();
    }

    @Test
    void tomlSyntaxErrorsGiveTheLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load("broken.toml", """
                [[rules]]
                id = "a"
                regex = 'unterminated
                """));
        assertTrue(e.reason().startsWith("invalid TOML at line 3"), e.reason());
    }

    @Test
    void aFileWithRulesStandsAloneLikeGitleaks() throws Exception {
        RuleSet set = loader.load(write("own.toml", """
                [[rules]]
                id = "own"
                regex = 'own_[0-9]{4}'
                keywords = ["own_"]
                """));
        assertEquals(List.of("own"), ids(set));
    }

    @Test
    void aFileWithoutRulesExtendsTheDefaults() throws Exception {
        RuleSet set = loader.load(write("allow.toml", """
                [[allowlists]]
                paths = ['''^vendor/''']
                """));
        assertEquals(List.of("alpha-token", "beta-token"), ids(set));
        assertEquals(2, set.allowlists().size(), "pack allowlist plus the user's");
    }

    @Test
    void useDefaultFalseMeansNothingFromThePack() throws Exception {
        RuleSet set = loader.load(write("none.toml", """
                [extend]
                useDefault = false
                [[allowlists]]
                paths = ['''^vendor/''']
                """));
        assertTrue(set.rules().isEmpty());
    }

    @Test
    void extendAddsDisablesAndOverrides() throws Exception {
        RuleSet set = loader.load(write("ext.toml", """
                [extend]
                useDefault = true
                disabledRules = ["beta-token"]

                [[rules]]
                id = "gamma-token"
                description = "Gamma"
                regex = '''gamma_[0-9]{6}'''
                keywords = ["gamma_"]

                [[rules]]
                id = "alpha-token"
                severity = "low"
                keywords = ["alpha-"]
                  [[rules.allowlists]]
                  paths = ['''^test/''']
                """));
        assertEquals(List.of("alpha-token", "gamma-token"), ids(set));
        Rule alpha = set.rule("alpha-token").orElseThrow();
        assertEquals(Severity.LOW, alpha.severity(), "overridden");
        assertEquals(Confidence.HIGH, alpha.confidence(), "inherited");
        assertEquals("Alpha token", alpha.description(), "inherited");
        assertEquals(List.of("alpha_", "alpha-"), alpha.keywords(), "keywords are added");
        assertEquals(1, alpha.allowlists().size(), "allowlist added to the rule");
        assertTrue(alpha.regex().isPresent(), "regex inherited");
    }

    @Test
    void inheritedGlobalAllowlistsCanBeDisabledByDescription() throws Exception {
        RuleSet set = loader.load(write("strict.toml", """
                [extend]
                disabledAllowlists = ["pack-wide"]
                """));
        assertTrue(set.allowlists().isEmpty());
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(write("typo.toml", """
                [extend]
                disabledAllowlists = ["pack wide"]
                """)));
        assertTrue(e.reason().contains("disabledAllowlists names 'pack wide'"), e.reason());
    }

    @Test
    void extendByPathIsRelativeToTheFileAndCyclesAreRefused() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        write("sub/base.toml", """
                [[rules]]
                id = "from-base"
                regex = 'base_[0-9]{4}'
                keywords = ["base_"]
                """);
        RuleSet set = loader.load(write("top.toml", """
                [extend]
                path = "sub/base.toml"
                [[rules]]
                id = "from-top"
                regex = 'top_[0-9]{4}'
                keywords = ["top_"]
                """));
        assertEquals(List.of("from-base", "from-top"), ids(set));

        write("a.toml", "[extend]\npath = \"b.toml\"\n");
        write("b.toml", "[extend]\npath = \"a.toml\"\n");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(dir.resolve("a.toml")));
        assertTrue(e.reason().contains("cycle"), e.reason());
    }

    @Test
    void missingAndNonUtf8FilesAreClearErrors() throws Exception {
        ConfigException missing = assertThrows(ConfigException.class, () -> loader.load(dir.resolve("nope.toml")));
        assertTrue(missing.reason().contains("not found"));
        Path latin1 = dir.resolve("latin1.toml");
        Files.write(latin1, new byte[] {'t', 'i', 't', 'l', 'e', '=', '"', (byte) 0xE9, '"', '\n'});
        ConfigException bad = assertThrows(ConfigException.class, () -> loader.load(latin1));
        assertTrue(bad.reason().contains("not valid UTF-8"), bad.reason());
    }

    @Test
    void pathOnlyRuleExamplesArePaths() throws Exception {
        RuleSet set = loader.load("p.toml", """
                [[rules]]
                id = "ssh-key-file"
                path = '''(?:^|/)id_rsa$'''
                truePositives = ["home/.ssh/id_rsa"]
                falsePositives = ["home/.ssh/id_rsa.pub"]
                """);
        Rule r = set.rules().get(0);
        assertTrue(r.isPathOnly());
        assertEquals(Optional.of("home/.ssh/id_rsa"), r.truePositives().get(0).path());
        assertEquals("", r.truePositives().get(0).text());
        assertFalse(r.multiline());
    }

    @Test
    void ruleIdsAreLettersDigitsAndAFewSeparators() throws Exception {
        for (String bad : new String[] {"-lead", "has space", "x/y", "\u00e9t\u00e9", "_x"}) {
            String why = reason("[[rules]]\nid = \"" + bad + "\"\nregex = 'a'\n");
            assertTrue(why.contains("has an invalid id"), bad + ": " + why);
        }
        RuleSet ok = loader.load("ok.toml", "[[rules]]\nid = \"Aws.key_v2:x-1\"\nregex = 'a'\n");
        assertTrue(ids(ok).contains("Aws.key_v2:x-1"));
    }
}
