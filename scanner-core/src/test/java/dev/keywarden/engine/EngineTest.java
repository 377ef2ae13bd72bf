package dev.keywarden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class EngineTest {
    private static final String GITHUB_RULE = TestRules.GITHUB_TOKEN;

    private final FakeSecrets fake = new FakeSecrets(11);

    static Engine engine(String toml) {
        return TestRules.engine(toml);
    }

    static List<Finding> scan(Engine engine, String path, byte[] bytes) {
        return engine.scan(Content.of(path, bytes, new Origin.File(Path.of(path))));
    }

    static List<Finding> scan(Engine engine, String text) {
        return scan(engine, "f.txt", text.getBytes(StandardCharsets.UTF_8));
    }

    static List<Finding> reported(List<Finding> findings) {
        return findings.stream().filter(f -> !f.suppressed()).toList();
    }

    @Test
    void locatesTheSecretInCodePoints() {
        String token = fake.githubToken("ghp");
        // two lines; the second starts with multi-byte characters before the secret
        String text = "first line\nclé = « " + token + " »\n";
        Finding f = scan(engine(GITHUB_RULE), text).get(0);
        assertEquals(token, f.secret());
        assertEquals(2, f.location().line());
        assertEquals("clé = « ".length() + 1, f.location().column());
        assertEquals(2, f.location().endLine());
        assertEquals("clé = « ".length() + token.length(), f.location().endColumn());
        assertEquals(Confidence.HIGH, f.confidence());
        assertEquals("clé = « " + token + " »", f.line());
    }

    @Test
    void aTokenWithAWrongChecksumIsSuppressedAndShadowsWeakerRules() {
        Engine e = engine(GITHUB_RULE + """
                [[rules]]
                id = "anything-after-t"
                regex = '''t=([A-Za-z0-9_]{20,})'''
                keywords = ["t="]
                confidence = "low"
                """);
        byte[] bad = ("t=" + fake.githubTokenBadChecksum("ghp")).getBytes(StandardCharsets.UTF_8);
        Engine.Scanned dropped = e.scan(Content.of("a.txt", bad, new Origin.File(Path.of("a.txt"))), false);
        assertEquals(List.of(), dropped.findings(), "neither the token rule nor a weaker overlapping rule reports it");
        Engine.Scanned kept = e.scan(Content.of("a.txt", bad, new Origin.File(Path.of("a.txt"))), true);
        Finding f = kept.findings().stream().filter(x -> x.ruleId().equals("gh")).findFirst().orElseThrow();
        assertTrue(f.suppression().orElseThrow().reason().contains("checksum"), f.suppression().toString());
        assertEquals(List.of("gh"), scan(e, "t=" + fake.githubToken("ghp")).stream().map(Finding::ruleId).toList(),
                "a valid token is reported once, by the token rule");
    }

    @Test
    void regexesRunOnlyNearTheirKeywords() {
        Engine e = engine("""
                [[rules]]
                id = "word-after-marker"
                regex = '''[a-z]{5}'''
                keywords = ["zzmark"]
                """);
        assertTrue(scan(e, "hello world, nothing to see\nother words here").isEmpty(), "no keyword, no match");
        List<Finding> found = scan(e, "hello world\nzzmark there\nother words");
        assertFalse(found.isEmpty());
        assertTrue(found.stream().allMatch(f -> f.location().line() == 2), "only on the keyword's line");
    }

    @Test
    void secretGroupDefaultsToTheFirstNonEmptyGroup() {
        Engine e = engine("""
                [[rules]]
                id = "two-groups"
                regex = '''(?:key1=([a-z]{6})|key2=([0-9]{6}))'''
                keywords = ["key1", "key2"]
                """);
        assertEquals("123456", scan(e, "key2=123456").get(0).secret());
        assertEquals("abcdef", scan(e, "key1=abcdef").get(0).secret());
        Engine whole = engine("""
                [[rules]]
                id = "no-group"
                regex = '''tok-[a-z]{4}'''
                keywords = ["tok-"]
                """);
        assertEquals("tok-abcd", scan(whole, "x tok-abcd").get(0).secret());
    }

    @Test
    void entropyGateDropsRepetitiveValues() {
        Engine e = engine("""
                [[rules]]
                id = "ent"
                regex = '''secret=([A-Za-z0-9]{16})'''
                secretGroup = 1
                keywords = ["secret="]
                entropy = 3.0
                """);
        assertTrue(scan(e, "secret=aaaaaaaaaaaaaaaa").isEmpty());
        assertEquals(1, scan(e, "secret=" + fake.chars(FakeSecrets.BASE62, 16)).size());
    }

    @Test
    void allowlistsSuppressAndSayWhy() {
        Engine e = engine("""
                [[rules]]
                id = "tok"
                regex = '''tok_([a-z0-9]{8})'''
                secretGroup = 1
                keywords = ["tok_"]
                tags = ["t"]
                  [[rules.allowlists]]
                  regexTarget = "line"
                  regexes = ['''# fixture''']
                  [[rules.allowlists]]
                  stopwords = ["dead"]
                  [[rules.allowlists]]
                  condition = "AND"
                  paths = ['''^test/''']
                  regexes = ['''^0''']

                [[allowlists]]
                description = "tagged"
                targetTags = ["t"]
                regexTarget = "match"
                regexes = ['''tok_9''']
                [[allowlists]]
                description = "other rules only"
                targetRules = ["not-tok"]
                regexes = ['''.''']
                """);
        assertFalse(scan(e, "tok_ab12cd34").get(0).suppressed());
        Finding byLine = scan(e, "tok_ab12cd34 # fixture").get(0);
        assertTrue(byLine.suppressed());
        assertTrue(byLine.suppression().get().reason().contains("line matches"), byLine.suppression().toString());
        assertTrue(scan(e, "tok_deadbeef").get(0).suppressed(), "stopword");
        assertTrue(scan(e, "tok_9bcdefgh").get(0).suppressed(), "global allowlist for the tag");
        // AND: both the path and the regex must hold
        assertTrue(scan(e, "test/a.txt", "tok_0bcdefgh".getBytes(StandardCharsets.UTF_8)).get(0).suppressed());
        assertFalse(scan(e, "src/a.txt", "tok_0bcdefgh".getBytes(StandardCharsets.UTF_8)).get(0).suppressed());
        assertFalse(scan(e, "test/a.txt", "tok_1bcdefgh".getBytes(StandardCharsets.UTF_8)).get(0).suppressed());
    }

    @Test
    void pathOnlyRulesFlagTheFileOnce() {
        Engine e = engine("""
                [[rules]]
                id = "ssh-key-file"
                path = '''(?:^|/)id_rsa$'''
                """);
        List<Finding> found = scan(e, "home/.ssh/id_rsa", "anything\nat all\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, found.size());
        assertEquals(1, found.get(0).location().line());
        assertTrue(scan(e, "home/.ssh/id_rsa.pub", new byte[0]).isEmpty());
    }

    @Test
    void multilineRulesMatchWholeBlocks() {
        Engine e = engine("""
                [[rules]]
                id = "pkcs8"
                regex = '''-----BEGIN PRIVATE KEY-----[\\s\\S]{64,}?-----END PRIVATE KEY-----'''
                keywords = ["-----begin private key-----"]
                """);
        String pem = fake.rsaPrivateKeyPem();
        Finding f = scan(e, "config:\n  key: |\n" + pem).get(0);
        assertEquals(3, f.location().line());
        assertTrue(f.location().endLine() > f.location().line() + 5);
        assertEquals(pem.strip(), f.secret());
    }

    @Test
    void findsTokensInAHugeSingleLine() {
        String token = fake.githubToken("ghp");
        StringBuilder minified = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            minified.append("var a").append(i).append("=1;");
        }
        minified.insert(minified.length() / 2, "t=\"" + token + "\";");
        List<Finding> found = scan(engine(GITHUB_RULE), minified.toString());
        assertEquals(1, found.size());
        assertEquals(token, found.get(0).secret());
        assertTrue(found.get(0).line().length() <= Engine.MAX_LINE_TEXT + token.length());
    }

    @Test
    void invalidUtf8IsScannedNotFatal() {
        String token = fake.githubToken("ghp");
        byte[] prefix = {(byte) 0xff, (byte) 0xfe, 'x', (byte) 0xc3, ' '};
        byte[] tokenBytes = token.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[prefix.length + tokenBytes.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(tokenBytes, 0, all, prefix.length, tokenBytes.length);
        Finding f = scan(engine(GITHUB_RULE), "bad.txt", all).get(0);
        assertEquals(token, f.secret());
        assertEquals(prefix.length + 1, f.location().column(), "each invalid byte counts as one column");
    }

    @Test
    void aWeakerRuleOverlappingAStrongerOneIsDropped() {
        Engine e = engine(GITHUB_RULE + """
                [[rules]]
                id = "generic"
                regex = '''token\\s*=\\s*(\\S{20,})'''
                keywords = ["token"]
                confidence = "low"
                """);
        List<Finding> found = scan(e, "token = " + fake.githubToken("ghp"));
        assertEquals(List.of("gh"), found.stream().map(Finding::ruleId).toList());
        assertEquals(List.of("generic"), scan(e, "token = " + fake.chars(FakeSecrets.BASE62, 24)).stream()
                .map(Finding::ruleId).toList());
    }

    @Test
    void fingerprintIgnoresLineNumbers() {
        String token = fake.githubToken("ghp");
        Engine e = engine(GITHUB_RULE);
        Finding before = scan(e, "a\nt=" + token).get(0);
        Finding after = scan(e, "a\nb\nc\nd\nt=" + token).get(0);
        assertEquals(before.fingerprint(), after.fingerprint());
        Finding elsewhere = scan(e, "other.txt", ("t=" + token).getBytes(StandardCharsets.UTF_8)).get(0);
        assertFalse(before.fingerprint().equals(elsewhere.fingerprint()), "the path is part of it");
    }

    @Test
    void findingsNeverPrintTheirSecret() {
        String token = fake.githubToken("ghp");
        Finding f = scan(engine(GITHUB_RULE), "t=" + token).get(0);
        assertFalse(f.toString().contains(token));
    }

    @Test
    void gitleaksAllowMarkersAreNotTheEnginesJob() {
        // inline allow is a filter after the engine; the engine reports, the filter suppresses
        Finding f = scan(engine(GITHUB_RULE), "t=" + fake.githubToken("ghp") + " # keywarden:allow").get(0);
        assertFalse(f.suppressed());
    }

    @Test
    void anchoredRulesMatchAtTheirKeywordsAndSeeTheCharacterBefore() {
        Engine e = engine("""
                [[rules]]
                id = "assign"
                regex = '''\\btoken\\s*=\\s*([A-Za-z0-9]{12,})'''
                keywords = ["token"]
                anchor = "keyword"
                """);
        String value = fake.chars(FakeSecrets.BASE62, 16);
        Finding f = scan(e, "x\ntoken = " + value + " and token=" + fake.chars(FakeSecrets.BASE62, 14)).get(0);
        assertEquals(value, f.secret());
        assertEquals(2, f.location().line());
        assertEquals("token = " + value, f.match(), "the match starts at the keyword");
        assertEquals(2, scan(e, "token = " + value + " and token=" + fake.chars(FakeSecrets.BASE62, 14)).size());
        assertTrue(scan(e, "mytoken = " + value).isEmpty(), "\\b sees the 'y' before the keyword");
        assertEquals(1, scan(e, "token = " + value).size(), "at the very start of the content");
    }

    @Test
    void windowsWithoutARequiredLiteralAreSkippedWithoutChangingResults() {
        // '@' is required by the regex; lines without it never reach RE2J, lines with it still match
        Engine e = engine("""
                [[rules]]
                id = "url"
                regex = '''[a-z]+://[a-z]+:([A-Za-z0-9]{10,})@[a-z.]+'''
                keywords = ["://"]
                """);
        String password = fake.chars(FakeSecrets.BASE62, 12);
        List<Finding> found = scan(e, "see https://example.org/docs\ndb: postgres://app:" + password
                + "@db.internal\n");
        assertEquals(1, found.size());
        assertEquals(password, found.get(0).secret());
    }

    @Test
    void allowlistedMatchesCanBeCountedWithoutBeingBuilt() {
        Engine e = engine(GITHUB_RULE + """
                [[allowlists]]
                description = "fixtures"
                regexTarget = "line"
                regexes = ['''fixture''']
                """);
        String text = "a=" + fake.githubToken("ghp") + " # fixture\nb=" + fake.githubToken("ghp") + "\n";
        Content content = Content.of("f.txt", text.getBytes(StandardCharsets.UTF_8), new Origin.File(Path.of("f")));
        Engine.Scanned counted = e.scan(content, false);
        assertEquals(1, counted.findings().size());
        assertEquals(1, counted.allowlisted());
        Engine.Scanned built = e.scan(content, true);
        assertEquals(2, built.findings().size());
        assertEquals(0, built.allowlisted());
        assertEquals(1, built.findings().stream().filter(Finding::suppressed).count());
    }

    @Test
    void binaryContentGetsPathRulesOnly() {
        Engine e = engine(GITHUB_RULE + """
                [[rules]]
                id = "keystore"
                path = '''\\.p12$'''
                """);
        byte[] token = ("t=" + fake.githubToken("ghp") + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] binary = new byte[token.length + 100];
        System.arraycopy(token, 0, binary, 0, token.length);
        binary[token.length + 50] = 0;
        Engine.Scanned scanned = e.scan(Content.of("store.p12", binary, new Origin.File(Path.of("store.p12"))),
                false);
        assertTrue(scanned.binary());
        assertEquals(List.of("keystore"), scanned.findings().stream().map(Finding::ruleId).toList());
        Engine.Scanned text = e.scan(Content.of("notes.txt", token, new Origin.File(Path.of("notes.txt"))), false);
        assertFalse(text.binary());
        assertEquals(List.of("gh"), text.findings().stream().map(Finding::ruleId).toList());
        byte[] lateNul = new byte[Engine.BINARY_PROBE + 10];
        System.arraycopy(token, 0, lateNul, 0, token.length);
        java.util.Arrays.fill(lateNul, token.length, lateNul.length - 1, (byte) ' ');
        assertFalse(e.scan(Content.of("big.txt", lateNul, new Origin.File(Path.of("big.txt"))), false).binary(),
                "a NUL after the first 8 KiB does not make a file binary");
    }
}
