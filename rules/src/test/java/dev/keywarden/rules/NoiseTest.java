package dev.keywarden.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.config.ConfigLoader;
import dev.keywarden.config.DefaultRulePack;
import dev.keywarden.engine.Engine;
import dev.keywarden.finding.Content;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Origin;
import dev.keywarden.testing.FakeSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The noise the built-in pack never reports (global.toml): each line below would match a rule, and must come out
 * suppressed, never reported. The control lines show that the same shapes with a random value are reported.
 */
class NoiseTest {
    private static Engine engine;

    @BeforeAll
    static void load() throws Exception {
        engine = new Engine(new ConfigLoader(new DefaultRulePack()).loadDefaults());
    }

    private static List<Finding> reported(String path, String text) {
        return engine.scan(Content.of(path, text.getBytes(StandardCharsets.UTF_8), new Origin.File(Path.of(path))))
                .stream().filter(f -> !f.suppressed()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            AWS documented example key id      | config.ini        | aws_access_key_id = AKIAIOSFODNN7EXAMPLE
            AWS documented example secret      | config.ini        | aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            ${VAR} placeholder                 | app.yml           | password: ${DATABASE_PASSWORD_VALUE}
            $VAR placeholder                   | deploy.sh         | export API_TOKEN=$CI_DEPLOY_TOKEN_VALUE
            <your-token> placeholder           | README.md         | api_key = <your-api-key-here>
            xxxx placeholder                   | settings.py       | SECRET_KEY = 'xxxxxxxxxxxxxxxxxxxxxxxx'
            changeme                           | values.yaml       | password: changeme-Qx81ZpL
            REDACTED                           | log.txt           | token=REDACTED-9f8Az1Qw
            process.env reference              | server.js         | const apiKey = process.env.STRIPE_SECRET_KEY;
            os.environ reference               | app.py            | password = os.environ["DB_PASSWORD"]
            UUID as a generic value            | app.properties    | service.token = 3f2504e0-4f89-41d3-9a0c-0305e82c3301
            git commit id as a generic value   | ci.yml            | release_token: 9fceb02d0ae598e95dc970b74767f19372d61af8
            sha256 digest as a generic value   | checksums.txt     | secret_sha256 = 6b86b273ff34fce19d6b804eff5a3f5747ada4ea22f1d49c01e52ddb7875b4b8
            lockfile integrity hash            | package-lock.json | "integrity_token": "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=="
            OAuth RFC example access token     | parameters.py     | "access_token":"2YotnFZFEjr1zCsicMWpAA",
            OAuth RFC example request token    | endpoint.py       | oauth_token="ad180jjd733klru7",
            data: URI                          | page.html         | <img data-token="x" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ" password="QnR5cGVzMTIzNDU2Nzg5">
            """)
    void noiseIsNeverReported(String what, String path, String line) {
        assertTrue(reported(path, line).isEmpty(), what + ": " + reported(path, line));
    }

    @Test
    void theSameShapesWithRandomValuesAreReported() {
        // values made at run time, so that this file holds nothing a scan of the repository would report
        FakeSecrets fake = new FakeSecrets(17);
        // random, with a digit so that no word-shaped allowlist applies
        assertFalse(reported("app.yml", "password: " + fake.chars(FakeSecrets.BASE62, 18) + "7q").isEmpty());
        assertFalse(reported("settings.py", "SECRET_KEY = '" + fake.chars(FakeSecrets.BASE62, 22) + "4x'").isEmpty());
        assertEquals(1, reported("server.js", "const apiKey = '" + fake.chars(FakeSecrets.BASE62, 19) + "9k';").size());
    }
}
