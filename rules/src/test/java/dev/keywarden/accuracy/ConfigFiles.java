package dev.keywarden.accuracy;

import static dev.keywarden.testing.FakeSecrets.BASE62;
import static dev.keywarden.testing.FakeSecrets.DIGITS;
import static dev.keywarden.testing.FakeSecrets.HEX;
import static dev.keywarden.testing.FakeSecrets.UPPER_ALNUM;

import dev.keywarden.testing.FakeSecrets;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Configuration files: .env, YAML, JSON, properties, XML, TOML, INI, and the dotfiles tools keep credentials in. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    static void add(Corpus corpus, FakeSecrets fake) {
        dotenv(corpus, fake);
        springYaml(corpus, fake);
        json(corpus, fake);
        properties(corpus, fake);
        xml(corpus, fake);
        toml(corpus, fake);
        ini(corpus, fake);
        dotfiles(corpus, fake);
    }

    static String sha256Hex(FakeSecrets fake) {
        return fake.chars(HEX, 64);
    }

    private static void dotenv(Corpus corpus, FakeSecrets fake) {
        corpus.file("deploy/production.env", ".env")
                .text("# production settings, loaded by docker compose\nNODE_ENV=production\nPORT=8080\n")
                .text("GITHUB_TOKEN=").secret("github-pat", fake.githubToken("ghp")).text("\n")
                .text("OPENAI_API_KEY=").secret("openai-project-key", fake.openaiKey("proj")).text("\n")
                .text("ANTHROPIC_API_KEY=").secret("anthropic-api-key", fake.anthropicKey()).text("\n")
                .text("DATABASE_URL=postgres://app:").secret("postgres-password", fake.chars(BASE62, 20))
                .text("@db.internal:5432/app\n")
                .text("REDIS_URL=redis://:").secret("redis-password", fake.chars(BASE62, 24))
                .text("@cache.internal:6379/0\n")
                .text("SESSION_SECRET=").secret("generic-secret", fake.chars(BASE62, 32)).text("\n")
                .text("SMTP_PASSWORD=").secret("generic-password", fake.password(18)).text("\n")
                .text("HF_TOKEN=").secret("huggingface-token", "hf_" + fake.chars(FakeSecrets.LETTERS, 34)).text("\n")
                .text("DD_API_KEY=").secret("datadog-api-key", fake.chars(HEX, 32), Needs.PROVIDER_RULES).text("\n")
                .text("AWS_ACCESS_KEY_ID=").decoy("aws-access-key-id", Kind.EXAMPLE_KEY, "AKIAIOSFODNN7EXAMPLE")
                .text("\nAWS_SECRET_ACCESS_KEY=")
                .decoy("aws-secret-access-key", Kind.EXAMPLE_KEY, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
                .text("\nSENTRY_DSN=https://").decoy("sentry-dsn", Kind.PUBLIC_BY_DESIGN, fake.chars(HEX, 32))
                .text("@o4505000000000000.ingest.sentry.io/4505000000000001\n")
                .text("NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=")
                .decoy("stripe-publishable-key", Kind.PUBLIC_BY_DESIGN, "pk_live_" + fake.chars(BASE62, 99))
                .text("\nGOOGLE_CLIENT_ID=").decoy("google-oauth-client-id", Kind.PUBLIC_BY_DESIGN,
                        fake.chars(DIGITS, 12) + "-" + fake.chars("abcdefghijklmnopqrstuvwxyz0123456789", 32)
                                + ".apps.googleusercontent.com")
                .text("\nJWT_SECRET=").decoy("generic-secret", Kind.PLACEHOLDER, "<generate-with-openssl-rand-hex-32>")
                .text("\nADMIN_PASSWORD=").decoy("generic-password", Kind.PLACEHOLDER, "changeme")
                .text("\nSTRIPE_SECRET_KEY=").decoy("stripe-secret-key", Kind.PLACEHOLDER,
                        "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx")
                .text("\nPASSWORD_MIN_LENGTH=12\nTOKEN_TTL_SECONDS=3600\nCACHE_KEY_PREFIX=")
                .decoy("generic-api-key", Kind.IDENTIFIER, "app_v2_cache")
                .text("\nENCRYPTION_KEY_FILE=").decoy("generic-secret", Kind.FILE_PATH, "/etc/app/keys/encryption.key")
                .text("\nAPI_TOKEN=").decoy("generic-api-key", Kind.ENV_REFERENCE, "${API_TOKEN_FROM_VAULT}")
                .text("\nRELEASE_SHA=").decoy("generic-secret", Kind.DIGEST, fake.chars(HEX, 40)).text("\n");

        corpus.file("services/billing/.env.example", ".env")
                .text("# copy to .env and fill in\nSTRIPE_SECRET_KEY=")
                .decoy("stripe-secret-key", Kind.PLACEHOLDER, "sk_live_your_key_here")
                .text("\nSTRIPE_WEBHOOK_SECRET=").decoy("stripe-webhook-secret", Kind.PLACEHOLDER, "whsec_...")
                .text("\nDATABASE_URL=postgres://USER:").decoy("postgres-password", Kind.PLACEHOLDER, "PASSWORD")
                .text("@localhost:5432/billing\nSENDGRID_API_KEY=")
                .decoy("sendgrid-api-key", Kind.PLACEHOLDER,
                        "SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
                .text("\nSECRET_KEY=").decoy("generic-secret", Kind.PLACEHOLDER, "replace-me-with-a-long-random-string")
                .text("\n");
    }

    private static void springYaml(Corpus corpus, FakeSecrets fake) {
        corpus.file("services/orders/src/main/resources/application-prod.yml", "YAML")
                .text("spring:\n  datasource:\n    url: jdbc:postgresql://orders-db:5432/orders\n"
                        + "    username: orders\n")
                .text("    password: ").secret("generic-password", fake.password(20)).text("\n")
                .text("  mail:\n    host: smtp.sendgrid.net\n    username: apikey\n    password: ")
                .secret("sendgrid-api-key", fake.sendgridKey()).text("\n")
                .text("  security:\n    oauth2:\n      client:\n        registration:\n          google:\n")
                .text("            client-id: ").decoy("google-oauth-client-id", Kind.PUBLIC_BY_DESIGN,
                        fake.chars(DIGITS, 12) + "-" + fake.chars("abcdefghijklmnopqrstuvwxyz0123456789", 32)
                                + ".apps.googleusercontent.com")
                .text("\n            client-secret: ")
                .secret("google-oauth-client-secret", fake.googleOauthClientSecret())
                .text("\n            token-uri: ")
                .decoy("generic-api-key", Kind.FILE_PATH, "https://oauth2.googleapis.com/token")
                .text("\nnotifications:\n  slack:\n    webhook: ").secret("slack-webhook-url", fake.slackWebhookUrl())
                .text("\n    channel: '#orders'\napp:\n  jwt:\n    secret: ")
                .decoy("generic-secret", Kind.ENV_REFERENCE, "${JWT_SECRET}")
                .text("\n    token-validity-seconds: 86400\n  datasource-replica:\n    password: ")
                .decoy("generic-password", Kind.ENV_REFERENCE, "${REPLICA_DB_PASSWORD:}")
                .text("\n  aws:\n    secrets-manager:\n      secret-name: ")
                .decoy("generic-secret", Kind.FILE_PATH, "prod/orders/db-credentials")
                .text("\n  api:\n    api-key-header: ").decoy("generic-api-key", Kind.IDENTIFIER, "X-Api-Key")
                .text("\n    tenant-id: ").decoy("generic-secret", Kind.UUID, fake.uuid())
                .text("\n  ssl:\n    trust-store-password: ")
                .decoy("generic-password", Kind.ENV_REFERENCE, "${TRUSTSTORE_PASSWORD}")
                .text("\n    key-store: ").decoy("generic-secret", Kind.FILE_PATH, "classpath:keystore/orders.p12")
                .text("\n  passwords:\n    encoder: ").decoy("generic-password", Kind.IDENTIFIER, "bcrypt")
                .text("\n    reset-token-expiry: ").decoy("generic-secret", Kind.CAMEL_CASE, "PT30M")
                .text("\n");
    }

    private static void json(Corpus corpus, FakeSecrets fake) {
        String sid = "AC" + fake.chars(HEX, 32);
        corpus.file("config/integrations.json", "JSON")
                .text("{\n  \"stripe\": {\n    \"secretKey\": \"").secret("stripe-secret-key", fake.stripeSecretKey())
                .text("\",\n    \"webhookSecret\": \"")
                .secret("stripe-webhook-secret", "whsec_" + fake.chars(BASE62, 32))
                .text("\",\n    \"publishableKey\": \"")
                .decoy("stripe-publishable-key", Kind.PUBLIC_BY_DESIGN, "pk_live_" + fake.chars(BASE62, 99))
                .text("\"\n  },\n  \"twilio\": {\n    \"accountSid\": \"").text(sid)
                .text("\",\n    \"authToken\": \"").secret("twilio-auth-token", fake.chars(HEX, 32))
                .text("\",\n    \"from\": \"+15005550006\"\n  },\n  \"mailgun\": {\n"
                        + "    \"domain\": \"mg.example.org\",\n")
                .text("    \"apiKey\": \"").secret("mailgun-api-key", "key-" + fake.chars(HEX, 32))
                .text("\"\n  },\n  \"shopify\": {\n    \"shop\": \"acme-store.myshopify.com\",\n"
                        + "    \"accessToken\": \"")
                .secret("shopify-access-token", "shpat_" + fake.chars(HEX, 32))
                .text("\"\n  },\n  \"build\": {\n    \"id\": \"").decoy("generic-secret", Kind.UUID, fake.uuid())
                .text("\",\n    \"sha\": \"").decoy("generic-secret", Kind.DIGEST, fake.chars(HEX, 40))
                .text("\",\n    \"checksum\": \"sha256:").decoy("generic-secret", Kind.DIGEST, sha256Hex(fake))
                .text("\"\n  },\n  \"auth\": {\n    \"tokenEndpoint\": \"")
                .decoy("generic-api-key", Kind.FILE_PATH, "/oauth/token")
                .text("\",\n    \"secretKey\": \"")
                .decoy("stripe-secret-key", Kind.ENV_REFERENCE, "${STRIPE_SECRET_KEY}")
                .text("\",\n    \"passwordPolicy\": \"")
                .decoy("generic-password", Kind.CAMEL_CASE, "StrongPasswordPolicy")
                .text("\",\n    \"accessTokenCookie\": \"")
                .decoy("generic-api-key", Kind.IDENTIFIER, "__Host-access_token")
                .text("\",\n    \"apiKey\": \"").decoy("generic-api-key", Kind.TEMPLATE, "{{ api_key }}")
                .text("\"\n  }\n}\n");

        corpus.file("functions/.runtimeconfig.json", "JSON")
                .text("{\n  \"service_account\": {\n    \"type\": \"service_account\",\n"
                        + "    \"project_id\": \"acme-prod\",\n")
                .text("    \"private_key_id\": \"").secret("gcp-service-account-key-id", fake.chars(HEX, 40))
                .text("\",\n    \"private_key\": \"")
                .secret("gcp-service-account-key", fake.rsaPrivateKeyPem().replace("\n", "\\n"))
                .text("\",\n    \"client_email\": \"deployer@acme-prod.iam.gserviceaccount.com\",\n")
                .text("    \"client_id\": \"").decoy("generic-secret", Kind.PUBLIC_BY_DESIGN, fake.chars(DIGITS, 21))
                .text("\",\n    \"token_uri\": \"")
                .decoy("generic-api-key", Kind.FILE_PATH, "https://oauth2.googleapis.com/token")
                .text("\"\n  }\n}\n");
    }

    private static void properties(Corpus corpus, FakeSecrets fake) {
        corpus.file("services/catalog/src/main/resources/application.properties", "properties")
                .text("spring.application.name=catalog\n")
                .text("spring.datasource.url=jdbc:mysql://catalog-db:3306/catalog?user=catalog&password=")
                .secret("mysql-password", fake.chars(BASE62, 18)).text("&useSSL=true\n")
                .text("app.github.token=").secret("github-fine-grained-pat", fake.githubFineGrainedPat()).text("\n")
                .text("aws.accessKeyId=").secret("aws-access-key-id", fake.awsAccessKeyId("AKIA")).text("\n")
                .text("aws.secretKey=").secret("aws-secret-access-key", fake.awsSecretAccessKey()).text("\n")
                .text("newrelic.license=").text("\nnew_relic.api_key=")
                .secret("new-relic-user-api-key", "NRAK-" + fake.chars(UPPER_ALNUM, 27))
                .text("\nspring.datasource.password=").decoy("generic-password", Kind.ENV_REFERENCE, "${DB_PASSWORD}")
                .text("\nserver.ssl.key-store-password=")
                .decoy("generic-password", Kind.ENV_REFERENCE, "${KEYSTORE_PASSWORD:changeit}")
                .text("\napp.security.token-validity-seconds=86400\nmessages.password.reset=")
                .decoy("generic-password", Kind.CAMEL_CASE, "Reset your password")
                .text("\napp.secret.name=").decoy("generic-secret", Kind.IDENTIFIER, "catalog-db-credentials")
                .text("\napp.api-key.header=").decoy("generic-api-key", Kind.IDENTIFIER, "X-Catalog-Api-Key")
                .text("\napp.token.issuer=")
                .decoy("generic-api-key", Kind.FILE_PATH, "https://auth.acme.internal/realms/prod")
                .text("\napp.credentials.path=")
                .decoy("generic-secret", Kind.FILE_PATH, "/var/run/secrets/catalog/credentials.json")
                .text("\nspring.cloud.vault.token=").decoy("vault-service-token", Kind.ENV_REFERENCE, "${VAULT_TOKEN}")
                .text("\n");
    }

    private static void xml(Corpus corpus, FakeSecrets fake) {
        corpus.file(".mvn/settings.xml", "XML")
                .text("<settings>\n  <servers>\n    <server>\n      <id>acme-releases</id>\n"
                        + "      <username>deploy</username>\n")
                .text("      <password>").secret("generic-password", fake.password(22)).text("</password>\n")
                .text("    </server>\n    <server>\n      <id>artifactory</id>\n      <username>ci</username>\n")
                .text("      <password>").secret("artifactory-api-key", "AKCp" + fake.chars(BASE62, 69))
                .text("</password>\n    </server>\n    <server>\n      <id>github</id>\n"
                        + "      <username>ci-bot</username>\n")
                .text("      <password>").decoy("github-pat", Kind.ENV_REFERENCE, "${env.GITHUB_TOKEN}")
                .text("</password>\n    </server>\n  </servers>\n</settings>\n");

        corpus.file("src/Acme.Web/NuGet.Config", "XML")
                .text("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSourceCredentials>\n")
                .text("    <AcmeFeed>\n      <add key=\"Username\" value=\"build\" />\n")
                .text("      <add key=\"ClearTextPassword\" value=\"").secret("nuget-password", fake.password(24),
                        Needs.PROVIDER_RULES)
                .text("\" />\n    </AcmeFeed>\n    <GitHub>\n      <add key=\"ClearTextPassword\" value=\"")
                .decoy("github-pat", Kind.ENV_REFERENCE, "%GITHUB_PACKAGES_TOKEN%")
                .text("\" />\n    </GitHub>\n  </packageSourceCredentials>\n</configuration>\n");

        corpus.file("src/main/webapp/WEB-INF/web.xml", "XML")
                .text("<web-app>\n  <context-param>\n    <param-name>csrfTokenHeader</param-name>\n    <param-value>")
                .decoy("generic-api-key", Kind.IDENTIFIER, "X-CSRF-TOKEN")
                .text("</param-value>\n  </context-param>\n  <context-param>\n"
                        + "    <param-name>secretKeyAlgorithm</param-name>\n")
                .text("    <param-value>").decoy("generic-secret", Kind.IDENTIFIER, "PBKDF2WithHmacSHA256")
                .text("</param-value>\n  </context-param>\n  <security-constraint>\n    <auth-constraint>\n")
                .text("      <role-name>admin</role-name>\n    </auth-constraint>\n  </security-constraint>\n")
                .text("  <token>").decoy("generic-api-key", Kind.ENV_REFERENCE, "${deploy.token}").text("</token>\n")
                .text("  <password>").decoy("generic-password", Kind.PLACEHOLDER, "********").text("</password>\n")
                .text("</web-app>\n");
    }

    private static void toml(Corpus corpus, FakeSecrets fake) {
        corpus.file("deploy/config.toml", "TOML")
                .text("[server]\nport = 8080\n\n[database]\nurl = \"mongodb+srv://admin:")
                .secret("mongodb-password", fake.chars(BASE62, 16))
                .text("@cluster0.ab1cd.mongodb.net/orders?retryWrites=true\"\npool_size = 10\n\n[queue]\n")
                .text("url = \"amqps://orders:").secret("amqp-password", fake.chars(BASE62, 22))
                .text("@rabbit.internal:5671/orders\"\n\n[observability]\nsentry_auth_token = \"")
                .secret("sentry-user-token", "sntryu_" + fake.chars(HEX, 64))
                .text("\"\ngrafana_token = \"")
                .secret("grafana-service-account-token", "glsa_" + fake.chars(BASE62, 32) + "_" + fake.chars(HEX, 8))
                .text("\"\n\n[secrets]\nsecret_key_file = \"")
                .decoy("generic-secret", Kind.FILE_PATH, "/etc/orders/secret.key")
                .text("\"\npassword_hash_algorithm = \"").decoy("generic-password", Kind.IDENTIFIER, "argon2id")
                .text("\"\napi_key_env = \"").decoy("generic-api-key", Kind.IDENTIFIER, "ORDERS_API_KEY")
                .text("\"\ntoken = \"").decoy("generic-api-key", Kind.ENV_REFERENCE, "${CARGO_REGISTRY_TOKEN}")
                .text("\"\n");

        corpus.file("home/.cargo/credentials.toml", "TOML")
                .text("[registry]\ntoken = \"").secret("crates-io-token", "cio" + fake.chars(BASE62, 32))
                .text("\"\n\n[registries.acme]\ntoken = \"")
                .decoy("generic-api-key", Kind.PLACEHOLDER, "<paste-token-here>")
                .text("\"\n");

        corpus.file("pyproject.toml", "TOML")
                .text("[tool.poetry]\nname = \"acme-etl\"\nversion = \"1.4.0\"\n\n[tool.poetry.dependencies]\n")
                .text("python = \"^3.11\"\nsecret-handshake = \"^0.2\"\npassword-strength = \"^0.0.3\"\n\n")
                .text("[[tool.poetry.source]]\nname = \"acme\"\nurl = \"https://pypi.acme.internal/simple/\"\n\n")
                .text("[tool.acme.auth]\ntoken_url = \"").decoy("generic-api-key", Kind.FILE_PATH,
                        "https://login.acme.internal/oauth2/token")
                .text("\"\nclient_secret_env = \"").decoy("generic-secret", Kind.IDENTIFIER, "ACME_CLIENT_SECRET")
                .text("\"\n");
    }

    private static void ini(Corpus corpus, FakeSecrets fake) {
        corpus.file("home/.aws/credentials", "INI")
                .text("[default]\naws_access_key_id = ").secret("aws-access-key-id", fake.awsAccessKeyId("AKIA"))
                .text("\naws_secret_access_key = ").secret("aws-secret-access-key", fake.awsSecretAccessKey())
                .text("\n\n[ci-session]\naws_access_key_id = ")
                .secret("aws-temporary-access-key-id", fake.awsAccessKeyId("ASIA"))
                .text("\naws_secret_access_key = ").secret("aws-secret-access-key", fake.awsSecretAccessKey())
                .text("\naws_session_token = ").secret("aws-session-token", fake.awsSessionToken())
                .text("\n\n[docs-example]\naws_access_key_id = ")
                .decoy("aws-access-key-id", Kind.EXAMPLE_KEY, "AKIAIOSFODNN7EXAMPLE")
                .text("\naws_secret_access_key = ")
                .decoy("aws-secret-access-key", Kind.EXAMPLE_KEY, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
                .text("\n");

        corpus.file("config/app.ini", "INI")
                .text("[database]\nhost = db.internal\nuser = app\npassword = ")
                .secret("generic-password", fake.password(19))
                .text("\n\n[ldap]\nbind_dn = cn=svc,dc=acme,dc=internal\nbind_password = ")
                .decoy("generic-password", Kind.PLACEHOLDER, "%(LDAP_PASSWORD)s")
                .text("\n\n[session]\nsecret_key = ").secret("generic-secret", fake.chars(BASE62, 40))
                .text("\ncookie_name = session_token\ntoken_header = ")
                .decoy("generic-api-key", Kind.IDENTIFIER, "X-Session-Token")
                .text("\n\n[cache]\nkey_prefix = orders\n");

        corpus.file("home/.pypirc", "INI")
                .text("[distutils]\nindex-servers =\n    pypi\n\n[pypi]\nusername = __token__\npassword = ")
                .secret("pypi-token", fake.pypiToken()).text("\n");
    }

    private static void dotfiles(Corpus corpus, FakeSecrets fake) {
        corpus.file("home/.npmrc", ".npmrc")
                .text("registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=")
                .secret("npm-token", fake.npmToken())
                .text("\n@acme:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=")
                .secret("github-pat", fake.githubToken("ghp"))
                .text("\n//artifacts.acme.internal/npm/:_auth=")
                .secret("npmrc-auth", base64("ci-bot:" + fake.password(20)))
                .text("\n//registry.yarnpkg.com/:_authToken=")
                .decoy("npm-token", Kind.ENV_REFERENCE, "${NPM_TOKEN}")
                .text("\n");

        corpus.file("home/.netrc", ".netrc")
                .text("machine api.github.com\n  login ci-bot\n  password ")
                .secret("github-oauth-token", fake.githubToken("gho"))
                .text("\nmachine ftp.acme.internal\n  login backup\n  password ")
                .secret("netrc-password", fake.password(16), Needs.PROVIDER_RULES).text("\n");

        corpus.file("home/.git-credentials", "git-credentials")
                .text("https://ci-bot:").secret("github-app-installation-token", fake.githubToken("ghs"))
                .text("@github.com\nhttps://oauth2:").secret("gitlab-pat", fake.gitlabToken("glpat-"))
                .text("@gitlab.com\n");

        corpus.file("home/.docker/config.json", "JSON")
                .text("{\n  \"auths\": {\n    \"https://index.docker.io/v1/\": {\n      \"auth\": \"")
                .secret("docker-config-auth", base64("acmebot:" + fake.chars(BASE62, 24)))
                .text("\"\n    },\n    \"ghcr.io\": {\n      \"auth\": \"")
                .secret("docker-config-auth", base64("acmebot:" + fake.githubToken("ghp")))
                .text("\"\n    }\n  },\n  \"credsStore\": \"desktop\",\n  \"currentContext\": \"default\"\n}\n");

        corpus.file("deploy/nginx/.htpasswd", "htpasswd")
                .text("admin:").secret("htpasswd-hash", fake.bcryptHash(), Needs.PROVIDER_RULES)
                .text("\nmetrics:").secret("htpasswd-hash", fake.bcryptHash(), Needs.PROVIDER_RULES).text("\n");
    }

    static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
