package dev.keywarden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The anchored-rule automaton: what it rules out, and that it never rules out a match. */
class AnchoredFilterTest {

    private static boolean admits(String regex, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return AnchoredFilter.of(regex).orElseThrow().admits(bytes, 0, bytes.length);
    }

    private static boolean re2j(String regex, String text) {
        return Pattern.compile(regex).matcher(text).lookingAt();
    }

    @Test
    void rulesOutKeywordsNotFollowedByAnAssignment() {
        String generic = "(?i)(?:password|token)(?:[_.-]?[a-z0-9]{1,20})?\\s{0,4}(?:=|:)\\s{0,4}([^\\s'\"]{8,40})";
        assertTrue(admits(generic, "token = Zq81mXv0Lp"));
        assertTrue(admits(generic, "PASSWORD_HASH: abcdefghij"));
        assertFalse(admits(generic, "token(abc) = 'x'"), "an operator after a call is not an assignment");
        assertFalse(admits(generic, "tokenizer.split(line)"));
        assertFalse(admits(generic, "token = short"), "too short a value");
    }

    @Test
    void admitsWhatCaseFoldingNegatedClassesAndNonAsciiTextMatch() {
        String[][] cases = {
            {"key=[^A]+", "key=abc"}, // a negated class is not case-folded
            {"(?i)key=[^b]+", "KEY=Abc"},
            {"(?i)secret", "SECRET"},
            {"(?i)k=1", "\u212a=1"}, // the Kelvin sign folds to k
            {"a.b", "aéb"},
            {"x[^\\s]{2}y", "x€€y"},
            {"pw\\S+!", "pw😀!"},
            {"\\btok\\b=\\d{3}", "tok=123"},
            {"a(?:b|cd){2,3}e$", "acdbcde"},
            {"\\Qa.b\\E+", "a.bbb"},
        };
        for (String[] c : cases) {
            assertTrue(re2j(c[0], c[1]), "the case is a match: " + c[0]);
            assertTrue(admits(c[0], c[1]), c[0] + " on " + c[1]);
        }
    }

    @Test
    void theEndOfTextHoldsOnlyWhereTheTextEnds() {
        // a value ended by a delimiter or by the end of the text, as the generic rule's is
        String value = "k=([a-z0-9]{4,})(?:[;,]|$)";
        AnchoredFilter filter = AnchoredFilter.of(value).orElseThrow();
        byte[] call = "k=abcd1234(x)".getBytes(StandardCharsets.UTF_8);
        assertFalse(re2j(value, "k=abcd1234(x)"));
        assertFalse(filter.admits(call, 0, call.length), "'(' neither delimits nor ends the text");
        assertTrue(filter.admits(call, 0, 10), "the text RE2J is given may end before the '('");
        byte[] lines = "k=abcd1234\nmore(".getBytes(StandardCharsets.UTF_8);
        assertTrue(re2j(value, "k=abcd1234"), "the single-line text the engine gives RE2J matches");
        assertTrue(filter.admits(lines, 0, lines.length, true), "a single-line text ends at its line break");
        assertFalse(filter.admits(lines, 0, lines.length, false), "a multi-line text goes on past it");
        assertTrue(admits("a\\z", "a"));
        assertFalse(admits("a\\z", "ab"));
        assertTrue(admits("(?m)a$", "ab"), "under the m flag $ is read as always holding");
    }

    @Test
    void pastItsStateCapTheFilterAdmitsWhereItHasNoStateInsteadOfGrowing() {
        String regex = "[a-z]{0,700}[a-z]{0,700}9"; // RE2 caps a single repeat at 1000
        AnchoredFilter filter = AnchoredFilter.of(regex).orElseThrow();
        byte[] none = "!".getBytes(StandardCharsets.UTF_8);
        assertFalse(filter.admits(none, 0, none.length));
        byte[] long0 = ("a".repeat(1400) + "!").getBytes(StandardCharsets.UTF_8);
        assertFalse(re2j(regex, new String(long0, StandardCharsets.UTF_8)));
        assertTrue(AnchoredFilter.MAX_DFA_STATES < 1400, "the input needs more states than the cap");
        assertTrue(filter.admits(long0, 0, long0.length), "out of states, it lets RE2J decide");
        assertFalse(filter.admits(none, 0, none.length), "states it has still answer");
    }

    @Test
    void noFilterForSyntaxItDoesNotFollowOrAutomataTooBig() {
        assertTrue(AnchoredFilter.of("(?P<x>a)[[:alpha:]]").isEmpty());
        assertTrue(AnchoredFilter.of("a\\1").isEmpty());
        assertTrue(AnchoredFilter.of("(?:[a-z]{1,1000}){1,1000}").isEmpty());
        assertEquals(true, AnchoredFilter.of("abc|def").isPresent(), "a top-level alternation is fine here");
        assertTrue(admits("abc|def", "def"));
    }

    private static boolean through(String regex, String text, String keyword) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int at = text.toLowerCase(java.util.Locale.ROOT).indexOf(keyword);
        return AnchoredFilter.passingThrough(regex).orElseThrow().forThisThread()
                .admitsThrough(bytes, at, at + keyword.length(), bytes.length, true);
    }

    @Test
    void tellsKeywordsAMatchMayPassThroughFromThoseNoneCan() {
        String url = "(?i)\\b[a-z][a-z0-9+.-]{1,30}://[^\\s:@/]{0,128}:([^\\s:@/]{3,128})@([a-z0-9_.-]{1,252})";
        // (credentials put together here, so that this file holds none for keywarden to find)
        assertTrue(through(url, "db = postgres://app:" + "S3cr3tPw" + "@db.internal/x", "://"));
        assertFalse(through(url, "see https://example.com/docs for more", "://"), "no user:password@ after it");
        assertFalse(through(url, "ftp:// is old", "://"));
        // a keyword in the middle of the regex: what comes before it is not checked, what follows is
        String mailchimp = "[0-9a-f]{32}-us[0-9]{1,2}";
        assertTrue(through(mailchimp, "key " + "0123456789abcdef".repeat(2) + "-us14", "-us"));
        assertTrue(through(mailchimp, "lang en-us7", "-us"), "a superset: the 32 hex digits before are not checked");
        assertFalse(through(mailchimp, "lang=\"en-us\"", "-us"));
        // the keyword must be read whole inside the match, and the match may end right after it
        assertTrue(through("(?i)token-[0-9]+x", "TOKEN-123x", "x"));
        assertFalse(through("ab+c", "abbbd", "b"));
        assertTrue(through("ab+c", "abbbc", "b"));
        // a single-line match ends at the line break
        assertFalse(through("key=[a-z]+;", "key=abc\n;", "key"));
        assertTrue(through("key=[a-z]+$", "key=abc\nmore", "key"));
    }

    @Test
    void neverTurnsDownAKeywordInsideAMatchOnRandomText() {
        // single-line regexes (the filter is used for no other): their matches never hold a line break
        String[] regexes = {"a[bc]{2,4}d", "(?:xy|yz)+q", "b\\d{1,3}(?:c|$)", "[^a\\n]{2}ab[^b\\n]", "(?i)X[^\\s]+Q"};
        java.util.Random random = new java.util.Random(5);
        int checked = 0;
        for (String regex : regexes) {
            Pattern p = Pattern.compile(regex);
            AnchoredFilter.Check check = AnchoredFilter.passingThrough(regex).orElseThrow().forThisThread();
            for (int round = 0; round < 3000; round++) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < 12; i++) {
                    sb.append("abcdxyzq0123\n".charAt(random.nextInt(13)));
                }
                String text = sb.toString();
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                com.google.re2j.Matcher m = p.matcher(text);
                while (m.find()) {
                    // every piece of the match, of every length, is a keyword a match passes through
                    for (int from = m.start(); from < m.end(); from++) {
                        for (int to = from + 1; to <= m.end(); to++) {
                            int lineEnd = text.indexOf('\n', from);
                            checked++;
                            assertTrue(check.admitsThrough(bytes, from, to, lineEnd < 0 ? bytes.length : lineEnd, true),
                                    regex + " on " + text.replace("\n", "\\n") + " at [" + from + ", " + to + ")");
                        }
                    }
                }
            }
        }
        assertTrue(checked > 10000, "pieces checked: " + checked);
    }

    @Test
    void eachFilterAnswersOnlyItsOwnQuestion() {
        byte[] text = "abc".getBytes(StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> AnchoredFilter.of("abc").orElseThrow().forThisThread().admitsThrough(text, 0, 1, 3, true));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> AnchoredFilter.passingThrough("abc").orElseThrow().forThisThread().admits(text, 0, 3, true));
    }
}
