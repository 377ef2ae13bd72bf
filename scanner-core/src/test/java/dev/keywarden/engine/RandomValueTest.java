package dev.keywarden.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.testing.FakeSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code validate = "random"}: generated values pass; words, code, paths and placeholders do not. */
class RandomValueTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "Xk9#mP2$vL8nQ4wZ",
        "a8f3K2mX9pQ7vR4tL6nW1zY5",
        "Zt4uWq9Lm2Xr7Pk3Vn8Bc5",
        "Qe8vR2nT5wLx9KpZ",
        "u7YhT2kLp9QmV4xRz8Nw3bJc",
        "YzwT6bpQaC1eB7/g3QbRGuCn3irwdRNG/uU73+Pu",
        "9f86d081884c7d659a2feaa0c55ad015",
        "k3J9-vQ2m_Lx8Pz4",
        "hP7!rT2@wQ9#zL4$",
        "S3cr3tV4lu3Qx9Zk",
        "eyJ0eXAiOiJKV1QiLCJhbGci",
        "4bT9qWz2Lk7Xm1Rp8Vn3Cs6Hd0Fg5Jy",
        "Lm9Xq2Wv8Rt4Ky7Pz3Nb",
        "dG9rZW46c2VjcmV0dmFs",
        "AbC7dE9fG2hJ4kL6mN8p",
        "mZ4!Qw8@Er2#Ty6$Ui0%",
    })
    void randomLookingValuesPass(String value) {
        assertTrue(RandomValue.looksRandom(value), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // words and identifiers
        "ThisIsAReallyLongString",
        "correcthorsebatterystaple",
        "getAuthenticationToken",
        "refreshTokenHandler",
        "HTTPServerConfiguration",
        "user_session_timeout",
        "partition-flush-window",
        "SESSION_COOKIE_NAME",
        "PasswordResetController",
        "MyApplicationName2024",
        "Summer2024!",
        "config.auth.signingKey",
        "com.example.security.TokenStore",
        // paths and URLs
        "/var/run/secrets/token",
        "./config/credentials.json",
        "~/.ssh/id_ed25519",
        "api/v3/objects/{id}",
        "https://vault.internal/v1/secret",
        "C:\\Users\\build\\secrets.txt",
        // placeholders, references and test values
        "xxxxxxxxxxxxxxxx",
        "changeme123",
        "your-api-key-here",
        "<your-token>",
        "${DB_PASSWORD}",
        "{{ .Values.password }}",
        "process.env.API_KEY",
        "os.environ['TOKEN']",
        "EXAMPLEKEY12345678",
        "dummy_value_123",
        "test1234Test",
        "fake-token-abc",
        "REDACTED-VALUE",
        "null_or_undefined",
        // numbers, versions, dates and repetition
        "1234567890123",
        "2024-05-01T12:00:00Z",
        "v1.24.3-alpha.1",
        "aaaaaaaaaaaaaaaa",
        "abcdefgh12345678",
        "1a1a1a1a1a1a1a1a",
        "short",
    })
    void wordsCodePathsAndPlaceholdersFail(String value) {
        assertFalse(RandomValue.looksRandom(value), value);
    }

    @Test
    void generatedBase62ValuesAlmostAlwaysPass() {
        FakeSecrets fake = new FakeSecrets(5);
        int passed = 0;
        for (int i = 0; i < 1000; i++) {
            if (RandomValue.looksRandom(fake.chars(FakeSecrets.BASE62, 24))) {
                passed++;
            }
        }
        assertTrue(passed >= 980, passed + " of 1000 random values passed");
    }

    @Test
    void placeholderWordsAreFoundAsStringContainsWouldFindThemInTheLowerCasedValue() {
        String[] words = {"example", "changeme", "your_", "xxxx", "****", "process.env", "${", "{{", "#{", "env["};
        java.util.Random random = new java.util.Random(11);
        String alphabet = "aAeExXcChHgGmMnN_.-${}*#[\u212A\u0130kK0123456789";
        for (int round = 0; round < 20000; round++) {
            StringBuilder sb = new StringBuilder();
            int len = 4 + random.nextInt(20);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextInt(4) == 0) {
                String w = words[random.nextInt(words.length)];
                sb.insert(random.nextInt(sb.length()), random.nextBoolean() ? w.toUpperCase(java.util.Locale.ROOT) : w);
            }
            String value = sb.toString();
            String lower = value.toLowerCase(java.util.Locale.ROOT);
            boolean expected = java.util.Arrays.stream(RandomValue.placeholderWords()).anyMatch(lower::contains);
            org.junit.jupiter.api.Assertions.assertEquals(expected, RandomValue.containsPlaceholderWord(value), value);
        }
        assertTrue(RandomValue.containsPlaceholderWord("my-TO\u212AEN-value"), "the Kelvin sign lower-cases to k");
        assertTrue(RandomValue.containsPlaceholderWord("A-CHANGEME-B"));
        assertFalse(RandomValue.containsPlaceholderWord("Xk9mP2vL8nQ4wZ"));
    }
}
