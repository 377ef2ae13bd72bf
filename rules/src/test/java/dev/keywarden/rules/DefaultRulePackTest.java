package dev.keywarden.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.keywarden.config.ConfigLoader;
import dev.keywarden.config.DefaultRulePack;
import dev.keywarden.config.Rule;
import dev.keywarden.config.RuleSet;
import dev.keywarden.engine.ExampleChecker;
import dev.keywarden.engine.RequiredLiterals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every rule of the default pack is proven by its examples, and the pack keeps its own standards. */
class DefaultRulePackTest {
    static final int MINIMUM_RULES = 160;
    private static RuleSet pack;
    private static ExampleChecker checker;

    @BeforeAll
    static void load() throws Exception {
        pack = new ConfigLoader(new DefaultRulePack()).loadDefaults();
        checker = new ExampleChecker(pack);
    }

    @TestFactory
    Stream<DynamicTest> everyRuleFindsItsTruePositivesAndIgnoresItsFalsePositives() {
        return pack.rules().stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            List<ExampleChecker.Failure> failures = checker.check(rule);
            if (!failures.isEmpty()) {
                fail(failures.stream().map(Object::toString).collect(Collectors.joining("\n")));
            }
        }));
    }

    /**
     * The build derives the required literals of the pack's regexes into literals.txt (so that a start-up does not):
     * every regex has its sets there, the same as derived now.
     */
    @TestFactory
    Stream<DynamicTest> everyRegexComesWithTheLiteralsTheEngineWouldDerive() {
        return pack.rules().stream().filter(r -> r.ruleRegex().isPresent()).map(rule -> DynamicTest.dynamicTest(
                rule.id(), () -> assertEquals(Optional.of(RequiredLiterals.conjunction(rule.regexSource().orElseThrow())),
                        rule.ruleRegex().get().requiredLiterals())));
    }

    /**
     * keywarden starts from the pack's snapshot (pack.bin, written by the build from the TOML files): it must hold
     * exactly what the TOML says, rule by rule, field by field, examples and allowlists included.
     */
    @Test
    void theSnapshotHoldsExactlyWhatTheTomlSays() throws Exception {
        assertTrue(DefaultRulePack.class.getClassLoader().getResource(DefaultRulePack.BASE + DefaultRulePack.SNAPSHOT)
                != null, "the build writes the snapshot");
        RuleSet toml = new DefaultRulePack().loadFromToml();
        assertEquals(toml.sources(), pack.sources());
        assertEquals(toml.rules().size(), pack.rules().size());
        for (int i = 0; i < toml.rules().size(); i++) {
            assertEquals(toml.rules().get(i).toString(), pack.rules().get(i).toString());
        }
        assertEquals(toml.allowlists().toString(), pack.allowlists().toString());
    }

    /** The pack's regexes are compiled on first use at run time: the build compiles every one and checks it. */
    @Test
    void everyRegexCompilesAndHasItsSecretGroup() throws Exception {
        new ConfigLoader(new DefaultRulePack()).loadDefaults().compileAll();
    }

    @TestFactory
    Stream<DynamicTest> everyRuleMeetsThePackStandard() {
        return pack.rules().stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            assertTrue(rule.truePositives().size() >= 2, "at least two true positives");
            assertTrue(rule.falsePositives().size() >= 2, "at least two false positives");
            assertFalse(rule.description().equals(rule.id()), "a description");
            assertFalse(rule.tags().isEmpty(), "tags");
            assertTrue(rule.id().matches("[a-z0-9]+(?:-[a-z0-9]+)*"), "a lower-case, dash-separated id");
            if (!rule.isPathOnly() && !rule.isPaired()) {
                // (a paired rule without keywords runs only around its required rule's matches)
                assertFalse(rule.keywords().isEmpty(), "keywords: a rule without them runs on every byte");
            }
        }));
    }

    /**
     * {@code anchor = "keyword"} makes the engine try the regex only where a keyword starts: every match the regex
     * finds along an example, true or false positive, must start at one of the rule's keywords.
     */
    @TestFactory
    Stream<DynamicTest> anchoredRulesMatchOnlyWhereAKeywordStarts() {
        return pack.rules().stream().filter(Rule::anchored).map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            int matches = 0;
            for (var example : Stream.concat(rule.truePositives().stream(), rule.falsePositives().stream()).toList()) {
                String text = example.text();
                var m = rule.regex().orElseThrow().matcher(text);
                while (m.find()) {
                    matches++;
                    int at = m.start();
                    assertTrue(rule.keywords().stream().anyMatch(k -> text.regionMatches(true, at, k, 0, k.length())),
                            "a match starts at none of the keywords: " + text.substring(at));
                }
            }
            assertTrue(matches >= rule.truePositives().size(), "the true positives match");
        }));
    }

    /**
     * The engine skips a keyword of a single-line rule where no match can pass through it
     * ({@link dev.keywarden.engine.AnchoredFilter#passingThrough}), when every match holds a keyword: every keyword
     * inside a match the regex finds along an example must be let through, and every such match must hold one.
     */
    @TestFactory
    Stream<DynamicTest> keywordsInsideMatchesPassTheThroughFilter() {
        List<Rule> filtered = pack.rules().stream().filter(r -> r.regex().isPresent() && !r.anchored()
                && !r.multiline() && dev.keywarden.engine.Engine.keywordInEveryMatch(r)).toList();
        assertTrue(filtered.size() >= 30, "rules the filter applies to: " + filtered.size());
        return filtered.stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            var check = dev.keywarden.engine.AnchoredFilter.passingThrough(rule.regex().get().pattern())
                    .map(dev.keywarden.engine.AnchoredFilter::forThisThread);
            int checked = 0;
            for (var example : Stream.concat(rule.truePositives().stream(), rule.falsePositives().stream()).toList()) {
                byte[] text = example.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                String lower = new String(text, java.nio.charset.StandardCharsets.ISO_8859_1)
                        .toLowerCase(java.util.Locale.ROOT);
                var m = rule.regex().get().matcher(text);
                while (m.find()) {
                    int start = m.start();
                    int end = m.end();
                    boolean holdsKeyword = false;
                    for (String k : rule.keywords()) {
                        for (int at = lower.indexOf(k, start); at >= 0 && at + k.length() <= end;
                                at = lower.indexOf(k, at + 1)) {
                            holdsKeyword = true;
                            int lineEnd = lower.indexOf('\n', at);
                            int windowEnd = lineEnd < 0 ? text.length : lineEnd;
                            if (check.isPresent()) {
                                checked++;
                                assertTrue(check.get().admitsThrough(text, at, at + k.length(), windowEnd, true),
                                        "the filter turns down keyword " + k + " inside the match "
                                                + new String(text, start, end - start,
                                                        java.nio.charset.StandardCharsets.UTF_8));
                            }
                        }
                    }
                    assertTrue(holdsKeyword, "a match holds none of the keywords");
                }
            }
            assertTrue(check.isEmpty() || checked >= rule.truePositives().size(), "keywords checked: " + checked);
        }));
    }

    /** The engine's prefilter may rule a regex out by its required literals: every real match must contain one. */
    @TestFactory
    Stream<DynamicTest> requiredLiteralsHoldForEveryTruePositive() {
        return pack.rules().stream().filter(r -> r.regex().isPresent()).map(rule -> DynamicTest.dynamicTest(rule.id(),
                () -> {
                    var literals = RequiredLiterals.of(rule.regex().get().pattern());
                    var conjunction = RequiredLiterals.conjunction(rule.regex().get().pattern());
                    for (var example : rule.truePositives()) {
                        var m = rule.regex().get().matcher(example.text());
                        while (m.find()) {
                            String matched = m.group().toLowerCase(java.util.Locale.ROOT);
                            literals.ifPresent(set -> assertTrue(set.stream().anyMatch(matched::contains),
                                    "a match contains none of " + set));
                            for (var set : conjunction) {
                                assertTrue(set.stream().anyMatch(matched::contains), "a match contains none of "
                                        + set);
                            }
                        }
                    }
                }));
    }

    @Test
    void packIsLargeEnough() {
        assertTrue(pack.rules().size() >= MINIMUM_RULES, "rules: " + pack.rules().size());
    }

    @Test
    void indexListsEveryRuleFile() throws IOException {
        Path dir = Path.of("src/main/resources/dev/keywarden/rules");
        Set<String> onDisk;
        try (Stream<Path> files = Files.list(dir)) {
            onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".toml"))
                    .collect(Collectors.toSet());
        }
        Set<String> indexed = Files.readAllLines(dir.resolve("index.txt")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toSet());
        assertEquals(onDisk, indexed);
    }

    /** The provider families issue 3 names, by the tag their rules carry. */
    @Test
    void everyProviderFamilyOfTheAccuracyIssueIsCovered() {
        Map<String, Long> byTag = pack.rules().stream().flatMap(r -> r.tags().stream())
                .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
        List<String> missing = List.of("atlassian", "bitbucket", "discord", "telegram", "mailgun", "mailchimp",
                "square", "paypal", "braintree", "shopify", "huggingface", "cohere", "groq", "mistral", "xai", "nuget",
                "rubygems", "artifactory", "terraform", "heroku", "digitalocean", "cloudflare", "fastly", "datadog",
                "newrelic", "sentry", "grafana", "pagerduty", "okta", "auth0", "firebase", "supabase", "databricks",
                "snowflake", "mongodb", "password-hash", "netrc", "kubernetes", "sensitive-file")
                .stream().filter(tag -> !byTag.containsKey(tag)).toList();
        assertTrue(missing.isEmpty(), "no rule tagged " + missing);
    }

    /** A path-only rule flags a file by name; every other rule needs a regex. */
    @TestFactory
    Stream<DynamicTest> everySensitiveFileRuleIsPathOnly() {
        return pack.rules().stream().filter(r -> r.tags().contains("sensitive-file"))
                .map(rule -> DynamicTest.dynamicTest(rule.id(), () -> assertTrue(rule.isPathOnly(), "path only")));
    }

    @Test
    void everyProviderFamilyOfTheFoundationIsCovered() {
        Map<String, Long> byTag = pack.rules().stream().flatMap(r -> r.tags().stream())
                .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
        for (String tag : List.of("aws", "github", "gitlab", "slack", "stripe", "google", "gcp", "azure", "openai",
                "anthropic", "twilio", "sendgrid", "npm", "pypi", "docker", "vault", "private-key", "jwt",
                "url-credentials", "generic")) {
            assertTrue(byTag.containsKey(tag), "no rule tagged " + tag);
        }
    }

    @Test
    void ruleIdsAreUnique() {
        assertEquals(pack.rules().size(), pack.rules().stream().map(Rule::id).distinct().count());
    }
}
