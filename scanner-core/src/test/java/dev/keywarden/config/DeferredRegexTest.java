package dev.keywarden.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.engine.Engine;
import dev.keywarden.finding.Content;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Origin;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in pack's regexes are compiled on first use (a hook compiles only the rules its files trigger); a user's
 * file is compiled when loaded, so its mistakes are reported before any scan.
 */
class DeferredRegexTest {
    @TempDir
    Path dir;

    /** A pack of the given TOML, read from a class loader over a temporary directory, as the real one is. */
    private DefaultRulePack pack(String toml) throws Exception {
        Path base = dir.resolve("pack");
        Files.createDirectories(base);
        Files.writeString(base.resolve("index.txt"), "rules.toml\n");
        Files.writeString(base.resolve("rules.toml"), toml);
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
        return new DefaultRulePack(loader, "pack/");
    }

    private static final String GOOD = """
            [[rules]]
            id = "alpha-token"
            regex = '''\\b(alpha_[a-z0-9]{16})\\b'''
            keywords = ["alpha_"]
            [[rules]]
            id = "beta-token"
            regex = '''\\b(beta_[a-z0-9]{16})\\b'''
            keywords = ["beta_"]
            """;

    private static boolean compiled(RuleSet rules, String id) {
        return rules.rule(id).orElseThrow().ruleRegex().orElseThrow().isCompiled();
    }

    @Test
    void packRegexesAreCompiledWhenAKeywordFirstCallsForThem() throws Exception {
        RuleSet rules = new ConfigLoader(pack(GOOD)).loadDefaults();
        Engine engine = new Engine(rules);
        assertFalse(compiled(rules, "alpha-token"), "loading and building the engine compile nothing");
        assertFalse(compiled(rules, "beta-token"));

        String secret = "alpha_" + "k3".repeat(8);
        List<Finding> found = engine.scan(new Content("a.txt", "a.txt",
                ("key = " + secret + "\n").getBytes(StandardCharsets.UTF_8), new Origin.File(Path.of("a.txt"))));

        assertEquals(List.of("alpha-token"), found.stream().map(Finding::ruleId).toList());
        assertEquals(secret, found.get(0).secret());
        assertTrue(compiled(rules, "alpha-token"), "the rule whose keyword occurs");
        assertFalse(compiled(rules, "beta-token"), "no beta_ in the content: never compiled");
    }

    @Test
    void aBrokenPackRegexIsReportedByCompileAllWithFileRuleAndPosition() throws Exception {
        RuleSet rules = new ConfigLoader(pack(GOOD + """
                [[rules]]
                id = "broken"
                regex = '''gamma_([a-z]{4}'''
                keywords = ["gamma_"]
                """)).loadDefaults();
        ConfigException e = assertThrows(ConfigException.class, rules::compileAll);
        assertEquals("pack/rules.toml", e.file());
        assertEquals(Optional.of("broken"), e.ruleId());
        assertTrue(e.reason().contains("invalid regex in 'regex'") && e.reason().contains("at position 6"),
                e.reason());
    }

    @Test
    void compileAllChecksTheSecretGroupOfDeferredRegexes() throws Exception {
        RuleSet rules = new ConfigLoader(pack("""
                [[rules]]
                id = "delta-token"
                regex = '''delta_([a-z]{8})'''
                secretGroup = 2
                keywords = ["delta_"]
                """)).loadDefaults();
        ConfigException e = assertThrows(ConfigException.class, rules::compileAll);
        assertTrue(e.reason().contains("secretGroup 2 but the regex has only 1 group"), e.reason());
    }

    @Test
    void aUserFileIsCompiledWhenLoaded() throws Exception {
        Path user = dir.resolve("user.toml");
        Files.writeString(user, """
                [extend]
                useDefault = true
                [[rules]]
                id = "mine"
                regex = '''mine_[a-z'''
                keywords = ["mine_"]
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(pack(GOOD)).load(user));
        assertEquals(user.toString(), e.file());
        assertEquals(Optional.of("mine"), e.ruleId());
        assertTrue(e.reason().contains("missing closing ]"), e.reason());
    }

    @Test
    void aPackRuleAUserFileChangesIsCheckedWhenLoaded() throws Exception {
        Path user = dir.resolve("user.toml");
        Files.writeString(user, """
                [extend]
                useDefault = true
                [[rules]]
                id = "alpha-token"
                secretGroup = 3
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(pack(GOOD)).load(user));
        assertEquals(Optional.of("alpha-token"), e.ruleId());
        assertTrue(e.reason().contains("secretGroup 3 but the regex has only 1 group"), e.reason());

        Files.writeString(user, """
                [extend]
                useDefault = true
                [[rules]]
                id = "mine"
                regex = '''mine_[a-z]{8}'''
                keywords = ["mine_"]
                """);
        RuleSet rules = new ConfigLoader(pack(GOOD)).load(user);
        assertTrue(compiled(rules, "mine"), "the user's own rule");
        assertFalse(compiled(rules, "beta-token"), "the pack's untouched rules stay deferred");
    }

    @Test
    void packAllowlistRegexesAreCompiledWhenFirstConsultedAndCheckedByCompileAll() throws Exception {
        RuleSet rules = new ConfigLoader(pack(GOOD + """
                [[rules.allowlists]]
                regexes = ['^beta_0{16}$']
                [[allowlists]]
                description = "broken"
                regexes = ['(unclosed']
                """)).loadDefaults();
        Allowlist own = rules.rule("beta-token").orElseThrow().allowlists().get(0);
        assertEquals(1, own.regexes().size());
        assertTrue(own.allows(new Allowlist.Subject("beta_" + "0".repeat(16), "", "", "a", "a", Optional.empty()))
                .isPresent(), "compiled when consulted, and it works");
        ConfigException e = assertThrows(ConfigException.class, rules::compileAll);
        assertEquals("pack/rules.toml", e.file());
        assertTrue(e.reason().contains("invalid regex in '[[allowlists]] regexes'"), e.reason());
    }

    @Test
    void aUserFilesAllowlistRegexIsCompiledWhenLoaded() throws Exception {
        Path user = dir.resolve("user.toml");
        Files.writeString(user, """
                [[allowlists]]
                description = "mine"
                regexes = ['(unclosed']
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(pack(GOOD)).load(user));
        assertEquals(user.toString(), e.file());
        assertTrue(e.reason().contains("invalid regex in '[[allowlists]] regexes'"), e.reason());
    }
}
