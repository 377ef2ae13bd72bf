package dev.keywarden.accuracy;

import static dev.keywarden.testing.FakeSecrets.BASE62;
import static dev.keywarden.testing.FakeSecrets.BASE64URL;
import static dev.keywarden.testing.FakeSecrets.DIGITS;
import static dev.keywarden.testing.FakeSecrets.HEX;

import dev.keywarden.testing.FakeSecrets;

/** Source code: Python, JavaScript, TypeScript, Java, Go and shell, secrets in each language's idiom. */
final class SourceFiles {
    private SourceFiles() {
    }

    static void add(Corpus corpus, FakeSecrets fake) {
        python(corpus, fake);
        javascript(corpus, fake);
        typescript(corpus, fake);
        java(corpus, fake);
        go(corpus, fake);
        shell(corpus, fake);
    }

    private static void python(Corpus corpus, FakeSecrets fake) {
        corpus.file("backend/acme/settings.py", "Python")
                .text("import os\nfrom pathlib import Path\n\nBASE_DIR = Path(__file__).resolve().parent.parent\n\n")
                .text("SECRET_KEY = '").secret("generic-secret", fake.chars(BASE62 + "!@#%^&*-_+=", 50)).text("'\n")
                .text("SECRET_KEY_FALLBACKS = []\nDEBUG = False\n\n")
                .text("STRIPE_RESTRICTED_KEY = \"").secret("stripe-restricted-key", "rk_live_" + fake.chars(BASE62, 99))
                .text("\"\nGOOGLE_MAPS_API_KEY = \"").secret("google-api-key", fake.googleApiKey())
                .text("\"\nSENDGRID_API_KEY = os.environ[\"")
                .decoy("sendgrid-api-key", Kind.ENV_REFERENCE, "SENDGRID_API_KEY")
                .text("\"]\nDATABASES = {\n    \"default\": {\n"
                        + "        \"ENGINE\": \"django.db.backends.postgresql\",\n")
                .text("        \"PASSWORD\": os.getenv(\"").decoy("generic-password", Kind.ENV_REFERENCE, "DB_PASSWORD")
                .text("\"),\n    }\n}\nAUTH_PASSWORD_VALIDATORS = [\n    {\"NAME\": \"")
                .decoy("generic-password", Kind.IDENTIFIER,
                        "django.contrib.auth.password_validation.MinimumLengthValidator")
                .text("\"},\n]\nPASSWORD_HASHERS = [\"").decoy("generic-password", Kind.IDENTIFIER,
                        "django.contrib.auth.hashers.Argon2PasswordHasher")
                .text("\"]\nCSRF_COOKIE_NAME = \"").decoy("generic-api-key", Kind.IDENTIFIER, "csrftoken")
                .text("\"\nAWS_SECRET_ACCESS_KEY = None  # from the instance profile\n");

        corpus.file("backend/acme/clients.py", "Python")
                .text("import getpass\n\nfrom groq import Groq\nfrom twilio.rest import Client\n\n")
                .text("groq = Groq(api_key=\"").secret("groq-api-key", "gsk_" + fake.chars(BASE62, 52))
                .text("\")\ntwilio = Client(\"SK").text(fake.chars(HEX, 32)).text("\", \"")
                .secret("twilio-api-key-secret", fake.chars(BASE62, 32)).text("\")\n")
                .text("mailchimp_api_key = \"")
                .secret("mailchimp-api-key", fake.chars(HEX, 32) + "-us" + fake.chars(DIGITS, 2))
                .text("\"\n\n\ndef login(session):\n    password = getpass.getpass(\"Password: \")\n")
                .text("    token = session.headers.get(\"").decoy("generic-api-key", Kind.IDENTIFIER, "Authorization")
                .text("\")\n    api_key = settings.").decoy("generic-api-key", Kind.IDENTIFIER, "OPENAI_API_KEY")
                .text("\n    tokenizer = AutoTokenizer.from_pretrained(\"").decoy("generic-api-key", Kind.IDENTIFIER,
                        "bert-base-uncased")
                .text("\")\n    secret = client.access_secret_version(name=secret_path)")
                .text(".payload.data.decode(\"utf-8\")\n")
                .text("    expected_digest = \"").decoy("generic-secret", Kind.DIGEST, fake.chars(HEX, 64))
                .text("\"\n    token_type = \"").decoy("generic-api-key", Kind.CAMEL_CASE, "Bearer")
                .text("\"\n    return password, token, secret\n");
    }

    private static void javascript(Corpus corpus, FakeSecrets fake) {
        corpus.file("web/server.js", "JavaScript")
                .text("const express = require('express');\nconst { WebClient } = require('@slack/web-api');\n\n")
                .text("const slack = new WebClient('").secret("slack-bot-token", fake.slackBotToken()).text("');\n")
                .text("const stripe = require('stripe')(process.env.").decoy("stripe-secret-key", Kind.ENV_REFERENCE,
                        "STRIPE_SECRET_KEY")
                .text(");\nconst telegramBotToken = '").secret("telegram-bot-token",
                        fake.chars(DIGITS, 10) + ":AA" + fake.chars(BASE64URL, 33))
                .text("';\nconst discordToken = '").secret("discord-bot-token",
                        ConfigFiles.base64(fake.chars(DIGITS, 18)).replace("=", "") + "." + fake.chars(BASE64URL, 6)
                                + "."
                                + fake.chars(BASE64URL, 38), Needs.PROVIDER_RULES)
                .text("';\n\nconst app = express();\napp.use((req, res, next) => {\n")
                .text("  const token = req.headers.authorization?.replace('Bearer ', '');\n")
                .text("  const csrfToken = req.get('").decoy("generic-api-key", Kind.IDENTIFIER, "x-csrf-token")
                .text("');\n  next();\n});\nconst passwordRegex = ").decoy("generic-password", Kind.PATTERN,
                        "/^(?=.*[A-Z])(?=.*\\d).{12,}$/")
                .text(";\nconst SECRET_HEADER = '").decoy("generic-secret", Kind.IDENTIFIER, "x-webhook-secret")
                .text("';\nconst tokenPattern = /").decoy("github-pat", Kind.PATTERN, "ghp_[A-Za-z0-9]{36}")
                .text("/;\nconst options = { secret: '")
                .decoy("generic-secret", Kind.CAMEL_CASE, "ThisIsAReallyLongString")
                .text("', passwordField: '").decoy("generic-password", Kind.CAMEL_CASE, "passwordConfirmation")
                .text("' };\nconst webhookPayload = JSON.parse('{\"url\":\"")
                .encodedSecret("slack-webhook-url", Form.JSON_ESCAPED, fake.slackWebhookUrl().replace("/", "\\/"),
                        Needs.DECODERS)
                .text("\"}');\nmodule.exports = { app, slack, webhookPayload };\n");

        corpus.file("web/public/firebase-config.js", "JavaScript")
                .text("// Firebase web config\nexport const firebaseConfig = {\n  apiKey: \"")
                .secret("google-api-key", fake.googleApiKey())
                .text("\",\n  authDomain: \"acme-prod.firebaseapp.com\",\n  projectId: \"acme-prod\",\n")
                .text("  appId: \"1:").decoy("generic-api-key", Kind.PUBLIC_BY_DESIGN,
                        fake.chars(DIGITS, 12) + ":web:" + fake.chars(HEX, 22))
                .text("\",\n  measurementId: \"G-").text(fake.chars("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 10))
                .text("\",\n};\nexport const recaptchaSiteKey = \"").decoy("generic-api-key", Kind.PUBLIC_BY_DESIGN,
                        "6Lc" + fake.chars(BASE64URL, 37))
                .text("\";\nexport const mapboxToken = \"").decoy("generic-api-key", Kind.PUBLIC_BY_DESIGN,
                        "pk.eyJ1IjoiYWNtZSIsImEiOiJjbG" + fake.chars(BASE62, 20) + "." + fake.chars(BASE64URL, 22))
                .text("\";\n");
    }

    private static void typescript(Corpus corpus, FakeSecrets fake) {
        byte[] supabaseKey = fake.bytes(32);
        corpus.file("web/src/lib/config.ts", "TypeScript")
                .text("import { createClient } from '@supabase/supabase-js';\n\n")
                .text("export const supabase = createClient('https://abcdefghijklmnop.supabase.co', '")
                .secret("jwt", fake.jwt("{\"iss\":\"supabase\",\"ref\":\"abcdefghijklmnop\",\"role\":\"service_role\","
                        + "\"iat\":1700000000,\"exp\":2015576000}", supabaseKey))
                .text("');\nexport const xaiKey = '")
                .secret("xai-api-key", "xai-" + fake.chars(BASE62, 80), Needs.PROVIDER_RULES)
                .text("';\nexport const apiKey: string = import.meta.env.").decoy("generic-api-key", Kind.ENV_REFERENCE,
                        "VITE_API_KEY")
                .text(";\nexport const authConfig = {\n  tokenStorageKey: '").decoy("generic-api-key", Kind.IDENTIFIER,
                        "acme.auth.token")
                .text("',\n  refreshTokenPath: '").decoy("generic-api-key", Kind.FILE_PATH, "/api/v2/auth/refresh")
                .text("',\n  clientId: '").decoy("generic-secret", Kind.UUID, fake.uuid())
                .text("',\n  passwordMinLength: 12,\n};\nexport function bearer(token: string) {\n")
                .text("  return { Authorization: `Bearer ${token}` };\n}\nexport const SECRET_NAME = '")
                .decoy("generic-secret", Kind.IDENTIFIER, "prod/web/session-secret")
                .text("';\nexport const redactedExample = '")
                .decoy("openai-project-key", Kind.TRUNCATED, "sk-proj-...AbCd")
                .text("';\n");
    }

    private static void java(Corpus corpus, FakeSecrets fake) {
        corpus.file("services/payments/src/main/java/com/acme/payments/Gateways.java", "Java")
                .text("package com.acme.payments;\n\nimport java.util.UUID;\n\npublic final class Gateways {\n")
                .text("    private static final String SENDGRID_KEY = \"")
                .secret("sendgrid-api-key", fake.sendgridKey())
                .text("\";\n    private static final String GITLAB_TOKEN = \"")
                .secret("gitlab-pat", fake.gitlabToken("glpat-"))
                .text("\";\n    private static final String SQUARE_TOKEN = \"")
                .secret("square-access-token", "EAAA" + fake.chars(BASE64URL, 60))
                .text("\";\n    private static final String DB_URL =\n"
                        + "            \"jdbc:postgresql://payments-db:5432/payments?user=payments&password=")
                .secret("postgres-password", fake.chars(BASE62, 20))
                .text("\";\n    private static final String PASSWORD_PARAM = \"")
                .decoy("generic-password", Kind.IDENTIFIER, "password")
                .text("\";\n    private static final String SECRET_KEY_ALGORITHM = \"")
                .decoy("generic-secret", Kind.IDENTIFIER,
                        "HmacSHA256")
                .text("\";\n    private static final String API_KEY_HEADER = \"")
                .decoy("generic-api-key", Kind.IDENTIFIER,
                        "X-Payments-Api-Key")
                .text("\";\n    private final String password = System.getenv(\"")
                .decoy("generic-password", Kind.ENV_REFERENCE,
                        "PAYMENTS_DB_PASSWORD")
                .text("\");\n    @Value(\"").decoy("generic-secret", Kind.ENV_REFERENCE, "${payments.jwt.secret}")
                .text("\")\n    private String secret;\n    private final UUID token = UUID.fromString(\"")
                .decoy("generic-api-key", Kind.UUID, fake.uuid())
                .text("\");\n    private String accessToken = tokenService.issueToken(currentUser());\n")
                .text("    private final String body = \"{\\\"token\\\": \\\"")
                .decoy("generic-api-key", Kind.ENV_REFERENCE, "$CI_JOB_TOKEN")
                .text("\\\"}\";\n")
                .text("    private final String credentialsPath = \"").decoy("generic-secret", Kind.FILE_PATH,
                        "/etc/payments/credentials.properties")
                .text("\";\n}\n");
    }

    private static void go(Corpus corpus, FakeSecrets fake) {
        corpus.file("cmd/worker/main.go", "Go")
                .text("package main\n\nimport (\n\t\"os\"\n\n\tvault \"github.com/hashicorp/vault/api\"\n)\n\n")
                .text("const doToken = \"").secret("digitalocean-token", "dop_v1_" + fake.chars(HEX, 64))
                .text("\"\nconst tokenURL = \"").decoy("generic-api-key", Kind.FILE_PATH,
                        "https://github.com/login/oauth/access_token")
                .text("\"\n\nvar secretPattern = regexp.MustCompile(`").decoy("slack-bot-token", Kind.PATTERN,
                        "xox[baprs]-[0-9a-zA-Z]{10,48}")
                .text("`)\n\nfunc main() {\n\tclient, _ := vault.NewClient(vault.DefaultConfig())\n"
                        + "\tclient.SetToken(\"")
                .secret("vault-service-token", fake.vaultServiceToken())
                .text("\")\n\tbatch := \"").secret("vault-batch-token", "hvb." + fake.chars(BASE64URL, 120))
                .text("\"\n\ttoken := os.Getenv(\"").decoy("vault-service-token", Kind.ENV_REFERENCE, "VAULT_TOKEN")
                .text("\")\n\tapiKey := r.Header.Get(\"").decoy("generic-api-key", Kind.IDENTIFIER, "X-Api-Key")
                .text("\")\n\tpassword := cfg.Database.Password\n\tdatabricksToken := \"")
                .secret("databricks-token", "dapi" + fake.chars(HEX, 32))
                .text("\"\n\tmodSum := \"h1:").decoy("generic-secret", Kind.DIGEST,
                        java.util.Base64.getEncoder().encodeToString(fake.bytes(32)))
                .text("\"\n\t_ = []string{token, apiKey, password, batch, databricksToken, modSum}\n}\n");
    }

    private static void shell(Corpus corpus, FakeSecrets fake) {
        String installation = fake.githubToken("ghs");
        corpus.file("scripts/release.sh", "shell")
                .text("#!/usr/bin/env bash\nset -euo pipefail\n\nexport NPM_TOKEN=")
                .secret("npm-token", fake.npmToken())
                .text("\nexport PULUMI_ACCESS_TOKEN=").secret("pulumi-token", "pul-" + fake.chars(HEX, 40))
                .text("\nexport AWS_ACCESS_KEY_ID=")
                .decoy("aws-access-key-id", Kind.ENV_REFERENCE, "$CI_AWS_ACCESS_KEY_ID")
                .text("\nexport GITHUB_TOKEN=\"").decoy("github-pat", Kind.ENV_REFERENCE, "${GITHUB_TOKEN:-}")
                .text("\"\nTOKEN=$(vault kv get -field=token ")
                .decoy("vault-service-token", Kind.FILE_PATH, "secret/ci/release")
                .text(")\nread -r -s -p \"Password: \" PASSWORD\n\n")
                .text("docker login -u acmebot -p ").secret("docker-hub-pat", "dckr_pat_" + fake.chars(BASE64URL, 27))
                .text(" docker.io\n")
                .text("git -c http.extraheader=\"AUTHORIZATION: basic ")
                .encodedSecret("github-app-installation-token", Form.BASIC_AUTH,
                        ConfigFiles.base64("x-access-token:" + installation), Needs.DECODERS)
                .text("\" push origin HEAD\n")
                .text("curl -fsS -H \"Authorization: Bearer ").secret("gitlab-pat", fake.gitlabToken("glpat-"))
                .text("\" https://gitlab.com/api/v4/projects\n")
                .text("curl -fsS -H \"X-Postman-Api-Key: ").secret("postman-api-key",
                        "PMAK-" + fake.chars(HEX, 24) + "-" + fake.chars(HEX, 34))
                .text("\" https://api.getpostman.com/me\n")
                .text("echo \"").decoy("generic-secret", Kind.DIGEST, fake.chars(HEX, 64))
                .text("  dist/acme.tar.gz\" | sha256sum -c -\n")
                .text("curl -fsS \"https://api.acme.internal/hooks?redirect=")
                .encodedSecret("slack-webhook-url", Form.PERCENT_ENCODED,
                        fake.slackWebhookUrl().replace(":", "%3A").replace("/", "%2F"), Needs.DECODERS)
                .text("\"\nHEROKU_API_KEY=").secret("heroku-api-key", "HRKU-AA" + fake.chars(BASE64URL, 58))
                .text(" heroku releases\n");
    }
}
