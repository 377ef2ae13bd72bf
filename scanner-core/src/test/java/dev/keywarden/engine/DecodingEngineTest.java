package dev.keywarden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.config.ConfigLoader;
import dev.keywarden.config.DefaultRulePack;
import dev.keywarden.finding.Content;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Origin;
import dev.keywarden.testing.FakeSecrets;
import dev.keywarden.testing.TestRules;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Secrets hidden by an encoding are found in the decoded text and reported at the encoded text. */
class DecodingEngineTest {
    private final FakeSecrets fake = new FakeSecrets(23);

    private static Engine engine(int depth) {
        try {
            return new Engine(new ConfigLoader(new DefaultRulePack(TestRules.class.getClassLoader(), "testpack/"))
                    .load("test.toml", TestRules.GITHUB_TOKEN), depth);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<Finding> scan(Engine engine, String text) {
        return engine.scan(Content.of("secret.yaml", text.getBytes(StandardCharsets.UTF_8),
                new Origin.File(Path.of("secret.yaml"))));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTokenInKubernetesSecretDataIsFoundAtTheEncodedValue() {
        String token = fake.githubToken("ghp");
        String encoded = b64("GITHUB_TOKEN=" + token);
        String yaml = "apiVersion: v1\nkind: Secret\ndata:\n  env: " + encoded + "\n";
        List<Finding> found = scan(engine(2), yaml);
        assertEquals(1, found.size(), found::toString);
        Finding f = found.get(0);
        assertEquals(token, f.secret());
        assertEquals(Optional.of("base64"), f.decoded());
        assertEquals(4, f.location().line());
        assertEquals(8, f.location().column());
        assertEquals(7 + encoded.length(), f.location().endColumn());
        assertEquals("  env: " + encoded, f.line());
    }

    @Test
    void aBasicAuthHeaderIsDecoded() {
        String token = fake.githubToken("ghp");
        List<Finding> found = scan(engine(2), "curl -H 'Authorization: Basic " + b64("x-access-token:" + token) + "'");
        assertEquals(List.of(token), found.stream().map(Finding::secret).toList());
    }

    @Test
    void percentEncodingAndJsonEscapesAreDecoded() {
        String token = fake.githubToken("ghp");
        String escaped = token.replace("_", "\\u005f");
        String percent = URLEncoder.encode("t=" + token + "&x=1", StandardCharsets.UTF_8).replace("_", "%5F");
        List<Finding> json = scan(engine(2), "{\"token\": \"" + escaped + "\"}");
        assertEquals(1, json.size(), json::toString);
        assertEquals(Optional.of("escape"), json.get(0).decoded());
        assertEquals(token, json.get(0).secret());
        List<Finding> url = scan(engine(2), "callback=" + percent);
        assertEquals(1, url.size(), url::toString);
        assertEquals(Optional.of("percent"), url.get(0).decoded());
    }

    @Test
    void nestedEncodingsAreFollowedToTheConfiguredDepth() {
        String token = fake.githubToken("ghp");
        String twice = b64("inner: " + b64("token=" + token));
        assertEquals(Optional.of("base64+base64"), scan(engine(2), "v: " + twice).get(0).decoded());
        assertTrue(scan(engine(1), "v: " + twice).isEmpty());
        assertTrue(scan(engine(0), "v: " + b64("token=" + token)).isEmpty());
    }

    @Test
    void aSecretFoundRawIsNotReportedAgainDecoded() {
        String token = fake.githubToken("ghp");
        // the raw token sits in a string with an escape after it: both passes see the same token
        List<Finding> found = scan(engine(2), "{\"t\": \"" + token + "\\/x\"}");
        assertEquals(1, found.size(), found::toString);
        assertEquals(Optional.empty(), found.get(0).decoded());
    }

    @Test
    void contentWithoutEncodedTextFindsTheSameAsWithoutDecoding() {
        String token = fake.githubToken("ghp");
        String text = "class TokenHolder { String getAuthenticationToken() { return \"" + token + "\"; } }\n"
                + "path = /usr/local/share/applications/ThisIsAReallyLongName\n";
        assertEquals(scan(engine(0), text).stream().map(Finding::secret).toList(),
                scan(engine(2), text).stream().map(Finding::secret).toList());
    }
}
