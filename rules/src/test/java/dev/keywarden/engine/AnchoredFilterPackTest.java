package dev.keywarden.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.keywarden.config.ConfigLoader;
import dev.keywarden.config.DefaultRulePack;
import dev.keywarden.config.Example;
import dev.keywarden.config.Rule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The anchored-rule automaton must never rule out a position where the rule's regex matches: checked for every
 * anchored rule of the pack at every position of its examples, and of thousands of mutations of them (case flips,
 * inserted punctuation, white space and non-ASCII characters), against RE2J itself.
 */
class AnchoredFilterPackTest {
    private static List<Rule> anchored;

    @BeforeAll
    static void load() throws Exception {
        anchored = new ConfigLoader(new DefaultRulePack()).loadDefaults().rules().stream()
                .filter(r -> r.anchored() && r.regex().isPresent()).toList();
    }

    @Test
    void everyAnchoredRuleOfThePackGetsAFilter() {
        assertFalse(anchored.isEmpty());
        for (Rule r : anchored) {
            assertTrue(AnchoredFilter.of(r.regex().get().pattern()).isPresent(), r.id());
        }
    }

    @Test
    void theFilterAdmitsEveryPositionWhereTheRegexMatches() {
        Random random = new Random(20261129);
        String noise = "=:\"' \t\n_-./\\{}()[]<>$#@!?,;`~kKsSéıſK€😀\u0000";
        for (Rule r : anchored) {
            Pattern pattern = r.regex().get();
            AnchoredFilter filter = AnchoredFilter.of(pattern.pattern()).orElseThrow();
            List<String> texts = new ArrayList<>();
            for (Example e : r.truePositives()) {
                texts.add(e.text());
            }
            for (Example e : r.falsePositives()) {
                texts.add(e.text());
            }
            int base = texts.size();
            for (int i = 0; i < 300; i++) {
                StringBuilder t = new StringBuilder(texts.get(random.nextInt(base)));
                int edits = 1 + random.nextInt(4);
                for (int k = 0; k < edits && t.length() > 0; k++) {
                    int at = random.nextInt(t.length());
                    switch (random.nextInt(4)) {
                        case 0 -> t.insert(at, noise.charAt(random.nextInt(noise.length())));
                        case 1 -> t.setCharAt(at, Character.isUpperCase(t.charAt(at))
                                ? Character.toLowerCase(t.charAt(at)) : Character.toUpperCase(t.charAt(at)));
                        case 2 -> t.deleteCharAt(at);
                        default -> t.insert(at, t.charAt(random.nextInt(t.length())));
                    }
                }
                texts.add(t.toString());
            }
            int matched = 0;
            for (String text : texts) {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                for (int start = 0; start < bytes.length; start++) {
                    int at = start;
                    byte[] rest = java.util.Arrays.copyOfRange(bytes, start, bytes.length);
                    Matcher m = pattern.matcher(rest);
                    if (m.lookingAt()) {
                        matched++;
                        assertTrue(filter.admits(bytes, start, bytes.length),
                                () -> r.id() + " matches at " + at + " of " + text + ", which the filter rules out");
                    }
                    // as the engine runs a single-line rule: on the rest of the line only
                    int lineEnd = start;
                    while (lineEnd < bytes.length && bytes[lineEnd] != '\n') {
                        lineEnd++;
                    }
                    boolean matchesItsLine = !r.multiline() && lineEnd < bytes.length
                            && pattern.matcher(java.util.Arrays.copyOfRange(bytes, start, lineEnd)).lookingAt();
                    if (matchesItsLine) {
                        assertTrue(filter.admits(bytes, start, bytes.length, true),
                                () -> r.id() + " matches its line at " + at + " of " + text
                                        + ", which the filter rules out");
                    }
                }
            }
            assertTrue(matched > 0, r.id() + ": its examples never match, so this test proves nothing for it");
        }
    }
}
