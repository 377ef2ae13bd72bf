package dev.keywarden.accuracy;

import static dev.keywarden.testing.FakeSecrets.BASE62;
import static dev.keywarden.testing.FakeSecrets.BASE64URL;
import static dev.keywarden.testing.FakeSecrets.HEX;

import dev.keywarden.testing.FakeSecrets;
import java.util.Base64;

/** Documentation, notebooks, and key material: private keys next to public keys and certificates. */
final class DocumentFiles {
    private DocumentFiles() {
    }

    static void add(Corpus corpus, FakeSecrets fake) {
        markdown(corpus, fake);
        changelog(corpus, fake);
        notebook(corpus, fake);
        keys(corpus, fake);
    }

    private static void changelog(Corpus corpus, FakeSecrets fake) {
        CorpusFile f = corpus.file("CHANGELOG.md", "Markdown").text("# Changelog\n\n## 2.4.0\n\n");
        for (String change : new String[] {"rotate the API token on every deploy", "hash passwords with argon2id",
            "read the webhook secret from Vault", "drop the legacy access key path"}) {
            f.text("- " + change + " (").decoy("generic-secret", Kind.DIGEST, fake.chars(HEX, 40)).text(")\n");
        }
        f.text("\nSigned releases: key fingerprint `")
                .decoy("private-key-pgp", Kind.PUBLIC_KEY, fake.chars(HEX, 40).toUpperCase(java.util.Locale.ROOT))
                .text("`.\n\n| token kind | prefix | example |\n|---|---|---|\n| classic PAT | `ghp_` | `")
                .decoy("github-pat", Kind.PLACEHOLDER, "ghp_<36 characters>")
                .text("` |\n| npm | `npm_` | `").decoy("npm-token", Kind.TRUNCATED, "npm_abc123...")
                .text("` |\n| Slack bot | `xoxb-` | `").decoy("slack-bot-token", Kind.PLACEHOLDER, "xoxb-123-456-abc")
                .text("` |\n| AWS key id | `AKIA` | `")
                .decoy("aws-access-key-id", Kind.PLACEHOLDER, "AKIAXXXXXXXXXXXXXXXX")
                .text("` |\n| OpenAI | `sk-proj-` | `").decoy("openai-project-key", Kind.PLACEHOLDER, "sk-proj-...")
                .text("` |\n\nAPI routes: `")
                .decoy("generic-api-key", Kind.FILE_PATH, "/api/v1/tokens/{tokenId}/revoke")
                .text("`, `").decoy("generic-password", Kind.FILE_PATH, "/api/v1/users/{id}/password-reset")
                .text("`.\n\nThe session cookie is `session_token=")
                .decoy("generic-api-key", Kind.TEMPLATE, "<opaque value>")
                .text("`; the CSRF header is `X-CSRF-Token`.\n");
    }

    /** The JWT jwt.io shows by default, signed with the key "your-256-bit-secret": documentation, not a secret. */
    static final String JWT_IO_EXAMPLE = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4g"
            + "RG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ" + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    private static void markdown(Corpus corpus, FakeSecrets fake) {
        corpus.file("docs/getting-started.md", "Markdown")
                .text("# Getting started\n\nCreate a personal access token (it starts with `ghp_`) and export it:\n\n"
                        + "```sh\n")
                .text("export GITHUB_TOKEN=")
                .decoy("github-pat", Kind.PLACEHOLDER, "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")
                .text("\nexport AWS_ACCESS_KEY_ID=")
                .decoy("aws-access-key-id", Kind.EXAMPLE_KEY, "AKIAIOSFODNN7EXAMPLE")
                .text("\nexport OPENAI_API_KEY=").decoy("openai-project-key", Kind.PLACEHOLDER, "<your-openai-key>")
                .text("\nexport SLACK_BOT_TOKEN=")
                .decoy("slack-bot-token", Kind.EXAMPLE_KEY, "xoxb-not-a-real-token-this-will-not-work")
                .text("\n```\n\nA token looks like `").decoy("stripe-secret-key", Kind.TRUNCATED, "sk_live_51H...")
                .text("`; never paste the whole value into an issue. Our CI prints `")
                .decoy("github-pat", Kind.TRUNCATED, "ghp_****")
                .text("` instead.\n\nThe API expects a bearer JWT such as the one jwt.io shows:\n\n```\n"
                        + "Authorization: Bearer ")
                .decoy("jwt", Kind.EXAMPLE_KEY, JWT_IO_EXAMPLE)
                .text("\n```\n\n| setting | example |\n|---|---|\n| `api_key` | `")
                .decoy("generic-api-key", Kind.PLACEHOLDER, "your_api_key_here")
                .text("` |\n| `password` | `").decoy("generic-password", Kind.PLACEHOLDER, "<db-password>")
                .text("` |\n| `secret_key` | `").decoy("generic-secret", Kind.PLACEHOLDER, "[SECRET_KEY]")
                .text("` |\n\nThe release commit is ").decoy("generic-secret", Kind.DIGEST, fake.chars(HEX, 40))
                .text(".\n\n## Troubleshooting\n\n"
                        + "If the deploy fails, the on-call used this key last time (rotate it!):\n\n```sh\n")
                .text("export ANTHROPIC_API_KEY=").secret("anthropic-api-key", fake.anthropicKey())
                .text("\nexport BREVO_API_KEY=").secret("brevo-api-key", "xkeysib-" + fake.chars(HEX, 64) + "-"
                        + fake.chars(BASE62, 16))
                .text("\n```\n\nAdd the deploy key to `~/.ssh/authorized_keys`:\n\n```\n")
                .decoy("private-key-openssh", Kind.PUBLIC_KEY, fake.sshEd25519PublicKey("deploy@acme"))
                .text("\n```\n\nThe password field is called `passwordConfirmation`")
                .text(" and the token header `X-Auth-Token`.\n")
                .text("Set `token: ").decoy("generic-api-key", Kind.TEMPLATE, "{{ .Values.apiToken }}")
                .text("` in the chart values, and `password: ")
                .decoy("generic-password", Kind.ENV_REFERENCE, "${{ secrets.DB_PASSWORD }}")
                .text("` in the workflow.\n");

        corpus.file("docs/runbooks/oauth.md", "Markdown")
                .text("# Google OAuth\n\nThe refresh token we issued to the reporting job:\n\n    refresh_token: ")
                .secret("google-oauth-refresh-token", "1//0" + fake.chars(BASE64URL, 98) + fake.chars(BASE62, 1))
                .text("\n    access_token: ")
                .secret("google-oauth-access-token", "ya29.a0Af" + fake.chars(BASE64URL, 150))
                .text("\n\nThe client id `").decoy("google-oauth-client-id", Kind.PUBLIC_BY_DESIGN,
                        fake.chars("0123456789", 12) + "-" + fake.chars("abcdefghijklmnopqrstuvwxyz0123456789", 32)
                                + ".apps.googleusercontent.com")
                .text("` is public. Tokens follow the pattern `")
                .decoy("google-oauth-access-token", Kind.PATTERN, "ya29\\.[0-9A-Za-z_-]+")
                .text("`.\n\nOur HMAC secret id is `").decoy("generic-secret", Kind.UUID, fake.uuid())
                .text("` and the signing key version `").decoy("generic-secret", Kind.DIGEST, fake.chars(HEX, 32))
                .text("`.\n");
    }

    private static void notebook(Corpus corpus, FakeSecrets fake) {
        String hfToken = "hf_" + fake.chars(FakeSecrets.LETTERS, 34);
        corpus.file("notebooks/churn-analysis.ipynb", "Jupyter notebook")
                .text("{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"execution_count\": 1,\n   \"id\": \"")
                .decoy("generic-secret", Kind.IDENTIFIER, fake.chars(HEX, 8))
                .text("\",\n   \"metadata\": {},\n   \"outputs\": [],\n   \"source\": [\n    \"import openai\\n\",\n")
                .text("    \"openai.api_key = \\\"").secret("openai-service-account-key", fake.openaiKey("svcacct"))
                .text("\\\"\\n\",\n    \"hf_token = \\\"").secret("huggingface-token", hfToken, Needs.PROVIDER_RULES)
                .text("\\\"\\n\",\n    \"api_key = os.environ[\\\"")
                .decoy("generic-api-key", Kind.ENV_REFERENCE, "OPENAI_API_KEY")
                .text("\\\"]\\n\",\n    \"password = getpass.getpass()\\n\"\n   ]\n  },\n  {\n"
                        + "   \"cell_type\": \"code\",\n")
                .text("   \"execution_count\": 2,\n   \"id\": \"")
                .decoy("generic-secret", Kind.IDENTIFIER, fake.chars(HEX, 8))
                .text("\",\n   \"metadata\": {},\n   \"outputs\": [\n    {\n     \"name\": \"stdout\",\n"
                        + "     \"output_type\": \"stream\",\n")
                .text("     \"text\": [\n      \"Authenticated with token ").secret("jwt", fake.jwt(
                        "{\"sub\":\"analyst@acme.io\",\"scope\":\"warehouse:read\",\"exp\":2000000000}",
                        fake.bytes(32)))
                .text("\\n\"\n     ]\n    },\n    {\n     \"data\": {\n      \"image/png\": \"")
                .decoy("generic-secret", Kind.ENCODED_DATA,
                        "iVBORw0KGgoAAAANSUhEUgAA" + Base64.getEncoder().encodeToString(fake.bytes(300)))
                .text("\"\n     },\n     \"output_type\": \"display_data\"\n    }\n   ],\n   \"source\": [\n")
                .text("    \"df = warehouse.query(token=session_token, sql=SQL)\\n\",\n")
                .text("    \"snowflake.connect(user=\\\"analyst\\\", password=\\\"")
                .encodedSecret("generic-password", Form.JSON_ESCAPED, fake.password(18), Needs.DECODERS)
                .text("\\\")\\n\"\n   ]\n  }\n ],\n \"metadata\": {\n  \"kernelspec\": {\"name\": \"python3\"}\n },\n")
                .text(" \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n");
    }

    private static void keys(Corpus corpus, FakeSecrets fake) {
        corpus.file("deploy/keys/legacy-app.pem", "PEM")
                .secret("private-key-rsa", fake.rsaPkcs1PrivateKeyPem());
        corpus.file("deploy/keys/signing-ec.key", "PEM")
                .secret("private-key-ec", fake.ecPrivateKeySec1Pem());
        corpus.file("deploy/keys/service.key", "PEM")
                .secret("private-key-pkcs8", fake.ecPrivateKeyPkcs8Pem());
        corpus.file("deploy/keys/public.pem", "PEM")
                .decoy("private-key-pkcs8", Kind.PUBLIC_KEY, fake.rsaPublicKeyPem());
        corpus.file("deploy/keys/server.crt", "PEM")
                .decoy("private-key-pkcs8", Kind.CERTIFICATE, FakeSecrets.pem("CERTIFICATE", fake.bytes(800)))
                .decoy("private-key-pkcs8", Kind.CERTIFICATE, FakeSecrets.pem("CERTIFICATE", fake.bytes(900)));
        corpus.file("deploy/ssh/deploy_key", "OpenSSH key")
                .secret("private-key-openssh", fake.opensshPrivateKey());
        corpus.file("deploy/ssh/known_hosts", "OpenSSH key")
                .text("github.com ").decoy("private-key-openssh", Kind.PUBLIC_KEY, fake.sshEd25519PublicKey("").strip())
                .text("\ngitlab.com ")
                .decoy("private-key-openssh", Kind.PUBLIC_KEY, fake.sshEd25519PublicKey("").strip())
                .text("\n");
        corpus.file("deploy/ssh/windows-ci.ppk", "PuTTY key")
                .secret("private-key-putty", fake.puttyPrivateKey("windows-ci"));
        corpus.file("deploy/gpg/release-signing.asc", "PGP armor")
                .secret("private-key-pgp", fake.pgpPrivateKeyBlock());
        corpus.file("deploy/gpg/release-public.asc", "PGP armor")
                .decoy("private-key-pgp", Kind.PUBLIC_KEY, "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n"
                        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(fake.bytes(400))
                        + "\n=" + fake.chars(BASE62, 4) + "\n-----END PGP PUBLIC KEY BLOCK-----\n");
        corpus.file("deploy/backup/age-keys.txt", "age key")
                .text("# created: 2026-01-01T00:00:00Z\n# public key: ")
                .decoy("age-secret-key", Kind.PUBLIC_KEY, fake.agePublicKey())
                .text("\n").secret("age-secret-key", fake.ageSecretKey()).text("\n");
        corpus.file("deploy/backup/recipients.txt", "age key")
                .decoy("age-secret-key", Kind.PUBLIC_KEY, fake.agePublicKey()).text("\n")
                .decoy("age-secret-key", Kind.PUBLIC_KEY, fake.agePublicKey()).text("\n");
        corpus.file("deploy/images/base/etc/shadow", "shadow")
                .text("root:").secret("shadow-hash", fake.sha512CryptHash(), Needs.PROVIDER_RULES)
                .text(":19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\nnobody:!:19700:0:99999:7:::\n");
    }
}
