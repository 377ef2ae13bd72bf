package dev.keywarden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeywordIndexTest {

    private static List<String> hits(KeywordIndex index, List<String> keywords, String text) {
        List<String> out = new ArrayList<>();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        index.scan(bytes, 0, bytes.length, (k, end) -> out.add(keywords.get(k) + "@" + end));
        return out;
    }

    /** Every occurrence, found the slow way: keyword@end, by end offset. */
    private static List<String> naive(List<String> kws, String text) {
        List<String> expected = new ArrayList<>();
        String lower = text.toLowerCase();
        for (int end = 1; end <= text.length(); end++) {
            for (String k : kws) {
                if (end >= k.length() && lower.startsWith(k, end - k.length())) {
                    expected.add(k + "@" + end);
                }
            }
        }
        return expected;
    }

    @Test
    void findsOverlappingKeywordsInOrder() {
        List<String> kws = List.of("he", "she", "his", "hers");
        KeywordIndex index = new KeywordIndex(kws);
        List<String> found = hits(index, kws, "ushers");
        assertTrue(found.containsAll(List.of("she@4", "he@4", "hers@6")), found.toString());
        assertEquals(3, found.size());
    }

    @Test
    void oneByteKeywordsToo() {
        List<String> kws = List.of("x", "xy", "=");
        KeywordIndex index = new KeywordIndex(kws);
        assertEquals(List.of("x@1", "xy@2", "=@3", "x@4"), hits(index, kws, "XY=x"));
    }

    @Test
    void asciiLettersMatchCaseInsensitively() {
        List<String> kws = List.of("akia", "xoxb-");
        KeywordIndex index = new KeywordIndex(kws);
        assertEquals(List.of("akia@4", "xoxb-@14"), hits(index, kws, "AKIA and XoXb-"));
    }

    @Test
    void nonAsciiBytesMatchExactly() {
        List<String> kws = List.of("clé");
        KeywordIndex index = new KeywordIndex(kws);
        assertEquals(1, hits(index, kws, "la clé").size());
        assertEquals(0, hits(index, kws, "la CLÉ").size(), "only ASCII folds");
    }

    @Test
    void agreesWithNaiveSearchOnRandomText() {
        Random random = new Random(1);
        List<String> kws = List.of("ab", "abc", "bca", "cab", "aaaa", "b");
        KeywordIndex index = new KeywordIndex(kws);
        for (int round = 0; round < 200; round++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                sb.append("abcABC".charAt(random.nextInt(6)));
            }
            String text = sb.toString();
            List<String> expected = naive(kws, text);
            List<String> actual = hits(index, kws, text);
            assertEquals(expected.stream().sorted().toList(), actual.stream().sorted().toList(), text);
        }
    }

    @Test
    void longInputsAreWalkedInTwoLanesWithoutLosingAKeywordAcrossTheMiddle() {
        List<String> kws = List.of("secret", "token", "ghp_", "-----begin private key-----");
        KeywordIndex index = new KeywordIndex(kws);
        Random random = new Random(2);
        for (int round = 0; round < 50; round++) {
            StringBuilder sb = new StringBuilder();
            int n = 5000 + random.nextInt(20000);
            while (sb.length() < n) {
                sb.append(random.nextInt(10) == 0 ? kws.get(random.nextInt(kws.size())) : "lorem ipsum dolor ");
            }
            // a keyword straddling the middle
            int mid = sb.length() / 2;
            sb.insert(mid - 10, "-----BEGIN PRIVATE KEY-----");
            String text = sb.toString();
            List<String> expected = naive(kws, text);
            List<String> actual = hits(index, kws, text);
            assertEquals(expected.stream().sorted().toList(), actual.stream().sorted().toList(), "none lost or doubled");
            List<Integer> ends = actual.stream().map(h -> Integer.parseInt(h.substring(h.indexOf('@') + 1))).toList();
            assertEquals(ends.stream().sorted().toList(), ends, "in order of end offset");
        }
    }

    @Test
    void theSamePassReportsTheFirstNulByteAndNeverAsAHit() {
        List<String> kws = List.of("key");
        KeywordIndex index = new KeywordIndex(kws);
        List<String> found = new ArrayList<>();
        byte[] text = "a key here".getBytes(StandardCharsets.UTF_8);
        assertEquals(-1, index.scan(text, 0, text.length, (k, e) -> found.add(kws.get(k) + "@" + e)));
        byte[] binary = new byte[10_000];
        binary[5000] = 'k';
        binary[5001] = 'e';
        binary[5002] = 'y';
        java.util.Arrays.fill(binary, 0, 4000, (byte) 'x');
        assertEquals(4000, index.scan(binary, 0, binary.length, (k, e) -> found.add(kws.get(k) + "@" + e)),
                "two lanes: the first NUL of the first half");
        byte[] late = "some text\0more".getBytes(StandardCharsets.UTF_8);
        assertEquals(9, index.scan(late, 0, late.length, (k, e) -> { }));
        assertEquals(List.of("key@5", "key@5003"), found, "NUL is never passed as a keyword");
        assertEquals(1, index.size(), "the NUL keyword is hidden");
    }

    /** Words of base64 characters of every length around 16, between punctuation and line breaks. */
    private static StringBuilder runsAndPunctuation(Random random, int size) {
        StringBuilder text = new StringBuilder();
        while (text.length() < size) {
            int len = random.nextInt(30);
            for (int i = 0; i < len; i++) {
                text.append("AZaz09+/".charAt(random.nextInt(8)));
            }
            text.append(" .-_=\n".charAt(random.nextInt(6)));
        }
        return text;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {100, 4096, 9001, 20000})
    void theSamePassReportsEveryRunOfBase64CharactersOnceInOrder(int size) {
        // some runs across the middle of the content
        StringBuilder text = runsAndPunctuation(new Random(size), size);
        int mid = text.length() / 2;
        text.replace(mid - 10, mid + 10, "Q".repeat(20));
        byte[] data = text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.util.List<Integer> expected = java.util.regex.Pattern.compile("[A-Za-z0-9+/]{16,}").matcher(text)
                .results().map(java.util.regex.MatchResult::start).toList();
        java.util.List<Integer> runs = new java.util.ArrayList<>();
        java.util.List<Integer> hits = new java.util.ArrayList<>();
        KeywordIndex index = new KeywordIndex(java.util.List.of("qqq"));
        index.scan(data, 0, data.length, (k, end) -> hits.add(end), 16, KeywordIndex.everyRun(), runs::add);
        assertEquals(expected, runs);
        java.util.List<Integer> plainHits = new java.util.ArrayList<>();
        index.scan(data, 0, data.length, (k, end) -> plainHits.add(end));
        assertEquals(plainHits, hits, "keyword hits are the same with or without run counting");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {100, 4096, 9001, 20000})
    void runsAreReportedOnlyWhenTheirFirstTwoCharactersFitTheTableUnlessTheyStartAtFrom(int size) {
        StringBuilder text = runsAndPunctuation(new Random(size + 7), size);
        byte[] data = text.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] starts = new byte[256];
        starts['A'] |= KeywordIndex.RUN_FIRST;
        starts['a'] |= KeywordIndex.RUN_FIRST;
        starts['Z'] |= KeywordIndex.RUN_SECOND;
        starts['0'] |= KeywordIndex.RUN_SECOND;
        KeywordIndex index = new KeywordIndex(List.of("qqq"));
        for (int from : new int[] {0, 1, 5, size / 3}) {
            String range = text.substring(from);
            List<Integer> every = java.util.regex.Pattern.compile("[A-Za-z0-9+/]{16,}").matcher(range).results()
                    .map(m -> m.start() + from).toList();
            List<Integer> expected = every.stream().filter(start -> start == from
                    || ("Aa".indexOf(text.charAt(start)) >= 0 && "Z0".indexOf(text.charAt(start + 1)) >= 0)).toList();
            assertTrue(expected.size() < every.size(), "the table turns runs down");
            List<Integer> runs = new ArrayList<>();
            index.scan(data, from, data.length, (k, end) -> { }, 16, starts, runs::add);
            assertEquals(expected, runs, "from " + from);
        }
    }

    @Test
    void manyKeywordsInTwoLanesAgreeWithNaiveSearch() {
        // output states begin at a power of two, which the number of other states decides: vary it
        Random random = new Random(3);
        for (int round = 0; round < 30; round++) {
            List<String> kws = new ArrayList<>();
            int count = 1 + random.nextInt(60);
            while (kws.size() < count) {
                StringBuilder k = new StringBuilder();
                int len = 1 + random.nextInt(6);
                for (int i = 0; i < len; i++) {
                    k.append("abcde_".charAt(random.nextInt(6)));
                }
                if (!kws.contains(k.toString())) {
                    kws.add(k.toString());
                }
            }
            KeywordIndex index = new KeywordIndex(kws);
            StringBuilder sb = new StringBuilder();
            int n = 4096 + random.nextInt(6000);
            while (sb.length() < n) {
                sb.append("abcdeABCDE_ xyz".charAt(random.nextInt(15)));
            }
            String text = sb.toString();
            List<String> actual = hits(index, kws, text);
            assertEquals(naive(kws, text).stream().sorted().toList(), actual.stream().sorted().toList(), kws.toString());
        }
    }
}
