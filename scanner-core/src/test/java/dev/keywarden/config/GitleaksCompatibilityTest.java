package dev.keywarden.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.engine.Engine;
import dev.keywarden.finding.Content;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Origin;
import dev.keywarden.testing.FakeSecrets;
import dev.keywarden.testing.SharedFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** gitleaks' own default config loads unchanged, every regex compiles with RE2J, and it finds secrets. */
class GitleaksCompatibilityTest {
    private static RuleSet gitleaks;

    @BeforeAll
    static void load() throws Exception {
        gitleaks = new ConfigLoader(new DefaultRulePack()).load(SharedFixtures.gitleaksConfig());
    }

    @Test
    void everyRuleOfTheFixtureLoads() throws Exception {
        String text = Files.readString(SharedFixtures.gitleaksConfig());
        long declared = text.lines().filter(l -> l.strip().equals("[[rules]]")).count();
        assertEquals(declared, gitleaks.rules().size());
        assertTrue(gitleaks.rules().size() > 200, "gitleaks ships over 200 rules");
        // a file with its own rules and no [extend] stands alone, as in gitleaks
        assertEquals(List.of(SharedFixtures.gitleaksConfig().toString()), gitleaks.sources());
        assertEquals(1, gitleaks.allowlists().size(), "the global [allowlist]");
        Rule generic = gitleaks.rule("generic-api-key").orElseThrow();
        assertEquals(3.5, generic.entropy());
        assertTrue(generic.keywords().contains("token"));
        assertTrue(gitleaks.rules().stream().anyMatch(r -> !r.allowlists().isEmpty()), "rule allowlists load");
        assertTrue(gitleaks.rules().stream().anyMatch(Rule::isPathOnly), "path-only rules load");
    }

    @Test
    void findsSecretsWithTheGitleaksRules() {
        FakeSecrets fake = new FakeSecrets(7);
        String pat = fake.githubToken("ghp");
        String awsId = fake.awsAccessKeyId("AKIA");
        String slack = fake.slackBotToken();
        String text = "# deploy settings\n"
                + "GITHUB_TOKEN=" + pat + "\n"
                + "aws_access_key_id = " + awsId + "\n"
                + "slack: \"" + slack + "\"\n"
                + "nothing to see here\n"
                + fake.rsaPrivateKeyPem();
        List<Finding> findings = scan(text, "deploy/settings.env");
        Set<String> rules = findings.stream().filter(f -> !f.suppressed()).map(Finding::ruleId)
                .collect(Collectors.toSet());
        assertTrue(rules.containsAll(Set.of("github-pat", "aws-access-token", "slack-bot-token", "private-key")),
                "found " + rules);
        Finding github = findings.stream().filter(f -> f.ruleId().equals("github-pat")).findFirst().orElseThrow();
        assertEquals(pat, github.secret());
        assertEquals(2, github.location().line());
        assertEquals("GITHUB_TOKEN=".length() + 1, github.location().column());
        assertEquals("GITHUB_TOKEN=".length() + pat.length(), github.location().endColumn());
    }

    @Test
    void globalAllowlistOfTheFixtureApplies() {
        FakeSecrets fake = new FakeSecrets(8);
        String text = "token = " + fake.githubToken("ghp") + "\n";
        // gitleaks' global allowlist skips lock files and vendored trees by path
        assertTrue(scan(text, "web/node_modules/x/index.js").isEmpty());
        assertTrue(new Engine(gitleaks).skipsPath("web/package-lock.json", "web/package-lock.json"));
    }

    private static List<Finding> scan(String text, String path) {
        return new Engine(gitleaks).scan(Content.of(path, text.getBytes(StandardCharsets.UTF_8),
                new Origin.File(Path.of(path))));
    }
}
