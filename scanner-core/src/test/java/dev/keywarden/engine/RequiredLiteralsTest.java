package dev.keywarden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Matcher;
import dev.keywarden.config.ConfigLoader;
import dev.keywarden.config.DefaultRulePack;
import dev.keywarden.config.Rule;
import dev.keywarden.config.RuleSet;
import dev.keywarden.testing.FakeSecrets;
import dev.keywarden.testing.SharedFixtures;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequiredLiteralsTest {

    private static Set<String> of(String regex) {
        return RequiredLiterals.of(regex).orElse(Set.of());
    }

    @Test
    void derivesLiteralsFromCommonShapes() {
        assertEquals(Set.of(".env"), of("(?:^|[/\\\\])\\.env(?:\\.[A-Za-z0-9_-]{1,40}){0,3}$"),
                "a class breaks the literal run");
        assertEquals(Set.of(".env", "/.env"), of("(?:^|/)\\.env$"), "an alternation of literals joins it");
        assertEquals(Set.of("ghp_"), of("\\b(ghp_[0-9A-Za-z]{36})\\b"));
        assertEquals(Set.of(".jks", ".jceks", ".bks", ".keystore", ".p12", ".pfx"),
                of("(?i)\\.(?:jks|jceks|bks|keystore|p12|pfx)$"));
        assertEquals(Set.of("akia", "asia"), of("(?:AKIA|ASIA)[A-Z2-7]{16}"), "lower-cased");
        assertEquals(Set.of("xoxb-"), of("xox(?:b)-\\d+"));
        assertEquals(Set.of("begin"), of("-{5}BEGIN"), "a repeated dash is not a literal run here");
    }

    @Test
    void conjunctionListsEveryRequiredSet() {
        assertEquals(List.of(Set.of("token"), Set.of("=", ":")), RequiredLiterals.conjunction(
                "(?i)token\\s*(?:=|:)\\s*([a-z0-9]{8,})"));
        assertEquals(List.of(Set.of("://"), Set.of(":"), Set.of("@")), RequiredLiterals.conjunction(
                "[a-z]+://[^:@/]*:([^@/]+)@[a-z.]+"));
        assertEquals(List.of(), RequiredLiterals.conjunction("[a-z]+"));
    }

    @Test
    void answersNothingWhenNothingIsRequired() {
        assertEquals(Optional.empty(), RequiredLiterals.of("[a-z]{32}"));
        assertEquals(Optional.empty(), RequiredLiterals.of("(?:abc)?[0-9]+"));
        assertEquals(Optional.empty(), RequiredLiterals.of("ab|[0-9]"), "one branch has no literal");
        assertEquals(Optional.empty(), RequiredLiterals.of("x_[0-9]"), "too short");
    }

    /** The promise itself: whenever a regex matches, the text contains one of its literals. */
    @Test
    void everyMatchContainsARequiredLiteral() throws Exception {
        RuleSet gitleaks = new ConfigLoader(new DefaultRulePack()).load(SharedFixtures.gitleaksConfig());
        FakeSecrets fake = new FakeSecrets(4);
        Random random = new Random(4);
        int checked = 0;
        for (Rule rule : gitleaks.rules()) {
            if (rule.regex().isEmpty()) {
                continue;
            }
            Optional<Set<String>> literals = RequiredLiterals.of(rule.regex().get().pattern());
            if (literals.isEmpty()) {
                continue;
            }
            // texts built from the literals and noise, so that many of them match
            for (int i = 0; i < 50; i++) {
                String lit = literals.get().stream().skip(random.nextInt(literals.get().size())).findFirst()
                        .orElseThrow();
                String text = fake.chars(FakeSecrets.BASE62 + "-_=:. \"'", random.nextInt(20)) + lit.toUpperCase(
                        Locale.ROOT) + fake.chars(FakeSecrets.BASE62 + "-_", 10 + random.nextInt(80));
                Matcher m = rule.regex().get().matcher(text);
                while (m.find()) {
                    String matched = m.group().toLowerCase(Locale.ROOT);
                    assertTrue(literals.get().stream().anyMatch(matched::contains),
                            rule.id() + ": match without any of " + literals.get());
                    for (Set<String> set : RequiredLiterals.conjunction(rule.regex().get().pattern())) {
                        assertTrue(set.stream().anyMatch(matched::contains), rule.id() + ": match without " + set);
                    }
                    checked++;
                }
            }
        }
        assertTrue(checked > 30, "matches checked: " + checked);
    }
}
