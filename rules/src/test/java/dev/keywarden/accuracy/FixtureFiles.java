package dev.keywarden.accuracy;

import static dev.keywarden.testing.FakeSecrets.BASE62;
import static dev.keywarden.testing.FakeSecrets.BASE64URL;
import static dev.keywarden.testing.FakeSecrets.DIGITS;
import static dev.keywarden.testing.FakeSecrets.HEX;

import dev.keywarden.testing.FakeSecrets;
import java.util.Base64;

/**
 * Tests, fixtures, translations, chart values and dependency pins: files full of secret-sounding names whose
 * values are test values, public identifiers, hashes or words; plus the secrets that do turn up in them.
 */
final class FixtureFiles {
    private FixtureFiles() {
    }

    static void add(Corpus corpus, FakeSecrets fake) {
        tests(corpus, fake);
        fixtures(corpus, fake);
        locales(corpus);
        helm(corpus, fake);
        requirements(corpus, fake);
    }

    private static void tests(Corpus corpus, FakeSecrets fake) {
        corpus.file("backend/tests/test_auth.py", "Python")
                .text("import pytest\n\nfrom acme.auth import verify\n\n\ndef test_rejects_bad_password(client):\n")
                .text("    password = \"").decoy("generic-password", Kind.PLACEHOLDER, "not-the-real-password")
                .text("\"\n    api_key = \"").decoy("generic-api-key", Kind.PLACEHOLDER, "test_api_key_123")
                .text("\"\n    token = \"").decoy("generic-api-key", Kind.PLACEHOLDER, "dummy-token-for-tests")
                .text("\"\n    secret = \"").decoy("generic-secret", Kind.PLACEHOLDER, "fake-secret")
                .text("\"\n    bad_pat = \"").decoy("github-pat", Kind.BAD_CHECKSUM, fake.githubTokenBadChecksum("ghp"),
                        Needs.CONFIDENCE)
                .text("\"\n    bad_oauth = \"").decoy("github-oauth-token", Kind.BAD_CHECKSUM,
                        fake.githubTokenBadChecksum("gho"), Needs.CONFIDENCE)
                .text("\"\n    assert not verify(password, api_key, token, secret, bad_pat, bad_oauth)\n\n\n")
                .text("def test_refresh_token_is_rotated(client):\n    refresh_token = client.login().refresh_token\n")
                .text("    assert refresh_token != client.refresh().refresh_token\n");

        corpus.file("web/test/npm-token.test.js", "JavaScript")
                .text("const { isValidNpmToken } = require('../src/tokens');\n\n")
                .text("test('rejects a token whose checksum is wrong', () => {\n  expect(isValidNpmToken('")
                .decoy("npm-token", Kind.BAD_CHECKSUM, fake.npmTokenBadChecksum(), Needs.CONFIDENCE)
                .text("')).toBe(false);\n});\n\ntest('accepts placeholders in docs', () => {\n  const apiKey = '")
                .decoy("generic-api-key", Kind.PLACEHOLDER, "YOUR_API_KEY")
                .text("';\n  const password = '").decoy("generic-password", Kind.PLACEHOLDER, "hunter2")
                .text("';\n  expect(mask(apiKey + password)).toMatch(/\\*+/);\n});\n");

        corpus.file("services/payments/src/test/java/com/acme/payments/SignatureTest.java", "Java")
                .text("package com.acme.payments;\n\nclass SignatureTest {\n"
                        + "    private static final String WEBHOOK_SECRET = \"")
                .decoy("stripe-webhook-secret", Kind.PLACEHOLDER, "whsec_test_secret")
                .text("\";\n    private static final String EXPECTED_SIGNATURE =\n            \"")
                .decoy("generic-secret", Kind.DIGEST, fake.chars(HEX, 64))
                .text("\";\n    private static final String TOKEN_HEADER = \"")
                .decoy("generic-api-key", Kind.IDENTIFIER, "Stripe-Signature")
                .text("\";\n    private final String accessToken = jwtFactory.signedToken(\"")
                .decoy("generic-api-key", Kind.IDENTIFIER,
                        "payments-test-subject")
                .text("\");\n    private final String password = RandomStringUtils.randomAlphanumeric(24);\n}\n");
    }

    private static void fixtures(Corpus corpus, FakeSecrets fake) {
        CorpusFile f = corpus.file("backend/tests/fixtures/accounts.json", "JSON").text("[\n");
        for (int i = 0; i < 3; i++) {
            f.text("  {\n    \"id\": \"").decoy("generic-secret", Kind.UUID, fake.uuid())
                    .text("\",\n    \"api_key_id\": \"").decoy("generic-api-key", Kind.UUID, fake.uuid())
                    .text("\",\n    \"token_id\": \"").decoy("generic-api-key", Kind.UUID, fake.uuid())
                    .text("\",\n    \"stripe_customer\": \"").decoy("stripe-secret-key", Kind.PUBLIC_BY_DESIGN,
                            "cus_" + fake.chars(BASE62, 14))
                    .text("\",\n    \"password_hash_sha256\": \"")
                    .decoy("generic-password", Kind.DIGEST, fake.chars(HEX, 64))
                    .text("\",\n    \"wallet_address\": \"")
                    .decoy("generic-secret", Kind.PUBLIC_BY_DESIGN, "0x" + fake.chars(HEX, 40))
                    .text("\",\n    \"avatar_etag\": \"").decoy("generic-secret", Kind.DIGEST, fake.chars(HEX, 32))
                    .text("\"\n  }" + (i < 2 ? "," : "") + "\n");
        }
        f.text("]\n");

        corpus.file("infra/outputs.json", "JSON")
                .text("{\n  \"db_secret_arn\": \"").decoy("generic-secret", Kind.IDENTIFIER,
                        "arn:aws:secretsmanager:eu-west-1:" + fake.chars(DIGITS, 12) + ":secret:prod/orders/db-"
                                + fake.chars(BASE62, 6))
                .text("\",\n  \"deploy_role_arn\": \"arn:aws:iam::").text(fake.chars(DIGITS, 12))
                .text(":role/deploy\",\n  \"kms_key_id\": \"").decoy("generic-secret", Kind.UUID, fake.uuid())
                .text("\",\n  \"secret_resource_id\": \"").decoy("generic-secret", Kind.FILE_PATH,
                        "/subscriptions/" + fake.uuid()
                                + "/resourceGroups/prod/providers/Microsoft.KeyVault/vaults/acme-kv")
                .text("\",\n  \"gcp_secret\": \"").decoy("generic-secret", Kind.FILE_PATH,
                        "projects/acme-prod/secrets/db-password/versions/latest")
                .text("\",\n  \"access_key_id_param\": \"")
                .decoy("aws-access-key-id", Kind.FILE_PATH, "/prod/ci/aws-access-key-id")
                .text("\",\n  \"twilio_account_sid\": \"")
                .decoy("twilio-auth-token", Kind.PUBLIC_BY_DESIGN, "AC" + fake.chars(HEX, 32))
                .text("\",\n  \"stripe_price\": \"")
                .decoy("stripe-secret-key", Kind.PUBLIC_BY_DESIGN, "price_" + fake.chars(BASE62, 24))
                .text("\"\n}\n");
    }

    private static void locales(Corpus corpus) {
        corpus.file("web/src/locales/en.yml", "YAML")
                .text("en:\n  auth:\n    password: ").decoy("generic-password", Kind.CAMEL_CASE, "Password")
                .text("\n    password_hint: \"At least 12 characters\"\n"
                        + "    forgot_password: \"Forgot your password?\"\n")
                .text("    token_expired: \"Your session has expired\"\n    api_key_label: ").decoy("generic-api-key",
                        Kind.CAMEL_CASE, "API key")
                .text("\n    secret_question: \"What was the name of your first pet?\"\n    password_reset_subject: ")
                .decoy("generic-password", Kind.CAMEL_CASE, "PasswordResetRequested")
                .text("\n    credentials_invalid: ").decoy("generic-secret", Kind.CAMEL_CASE, "InvalidCredentials")
                .text("\n");
    }

    private static void helm(Corpus corpus, FakeSecrets fake) {
        corpus.file("charts/orders/values.yaml", "YAML")
                .text("image:\n  repository: ghcr.io/acme/orders\n  digest: sha256:")
                .decoy("generic-secret", Kind.DIGEST,
                        fake.chars(HEX, 64))
                .text("\npostgresql:\n  auth:\n    existingSecret: ")
                .decoy("generic-secret", Kind.IDENTIFIER, "orders-postgresql")
                .text("\n    secretKeys:\n      adminPasswordKey: ")
                .decoy("generic-password", Kind.IDENTIFIER, "postgres-password")
                .text("\n      userPasswordKey: ").decoy("generic-password", Kind.IDENTIFIER, "password")
                .text("\nredis:\n  auth:\n    password: ").secret("redis-password", fake.password(20))
                .text("\napi:\n  token: ").decoy("generic-api-key", Kind.TEMPLATE, "{{ .Values.global.apiToken }}")
                .text("\n  secretKey: ").decoy("generic-secret", Kind.TEMPLATE,
                        "{{ required \"set api.secretKey\" .Values.api.secretKey }}")
                .text("\nslack:\n  userToken: ").secret("slack-user-token", fake.slackUserToken())
                .text("\ngitlab:\n  runnerRegistrationToken: \"").secret("gitlab-runner-registration-token",
                        "GR1348941" + fake.chars(BASE64URL, 19) + fake.chars(BASE62, 1))
                .text("\"\nbedrock:\n  apiKey: ").secret("aws-bedrock-api-key",
                        "ABSKQmVkcm9ja0FQSUtleS" + fake.chars(FakeSecrets.BASE64, 108))
                .text("\n");

        corpus.file("charts/orders/templates/secret.yaml", "Kubernetes")
                .text("apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ include \"orders.fullname\" . }}\ndata:\n")
                .text("  password: ")
                .decoy("generic-password", Kind.TEMPLATE, "{{ .Values.redis.auth.password | b64enc | quote }}")
                .text("\n  token: ").decoy("generic-api-key", Kind.TEMPLATE, "{{ randAlphaNum 32 | b64enc }}")
                .text("\n");
    }

    private static void requirements(Corpus corpus, FakeSecrets fake) {
        CorpusFile f = corpus.file("backend/requirements.txt", "requirements.txt");
        for (String pkg : new String[] {"pyjwt==2.8.0", "keyring==25.2.1", "secretstorage==3.3.3"}) {
            f.text(pkg + " \\\n    --hash=sha256:").decoy("generic-secret", Kind.LOCKFILE_HASH, fake.chars(HEX, 64))
                    .text(" \\\n    --hash=sha256:").decoy("generic-secret", Kind.LOCKFILE_HASH, fake.chars(HEX, 64))
                    .text("\n");
        }
        f.text("--extra-index-url https://__token__:").secret("pypi-token", fake.pypiToken())
                .text("@pypi.acme.internal/simple\n");

        CorpusFile lock = corpus.file("infra/.terraform.lock.hcl", "lockfile");
        lock.text("provider \"registry.terraform.io/hashicorp/vault\" {\n  version = \"4.2.0\"\n  hashes = [\n"
                + "    \"h1:")
                .decoy("generic-secret", Kind.LOCKFILE_HASH, Base64.getEncoder().encodeToString(fake.bytes(32)))
                .text("\",\n    \"zh:").decoy("generic-secret", Kind.LOCKFILE_HASH, fake.chars(HEX, 64))
                .text("\",\n    \"zh:").decoy("generic-secret", Kind.LOCKFILE_HASH, fake.chars(HEX, 64))
                .text("\",\n  ]\n}\n");
    }
}
