package dev.keywarden.accuracy;

import static dev.keywarden.accuracy.ConfigFiles.base64;
import static dev.keywarden.testing.FakeSecrets.BASE62;
import static dev.keywarden.testing.FakeSecrets.BASE64URL;
import static dev.keywarden.testing.FakeSecrets.HEX;
import static dev.keywarden.testing.FakeSecrets.UPPER_ALNUM;

import dev.keywarden.testing.FakeSecrets;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Infrastructure: Terraform, Kubernetes manifests and kubeconfig, Dockerfiles, compose files and CI configs. */
final class InfraFiles {
    private InfraFiles() {
    }

    static void add(Corpus corpus, FakeSecrets fake) {
        terraform(corpus, fake);
        kubernetes(corpus, fake);
        docker(corpus, fake);
        ci(corpus, fake);
        encryptedAtRest(corpus, fake);
    }

    /** Secrets encrypted for the repository (Ansible Vault, SOPS, Sealed Secrets): safe to commit by design. */
    private static void encryptedAtRest(Corpus corpus, FakeSecrets fake) {
        StringBuilder vaultBody = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            vaultBody.append("          ").append(fake.chars(HEX, 80)).append('\n');
        }
        corpus.file("ansible/group_vars/prod/vars.yml", "YAML")
                .text("db_user: orders\ndb_password: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n")
                .decoy("generic-password", Kind.ENCODED_DATA, vaultBody.toString().strip())
                .text("\napi_token: \"{{ vault_api_token }}\"\nsecret_key: \"{{ lookup('env', 'SECRET_KEY') }}\"\n");

        corpus.file("deploy/secrets.enc.yaml", "YAML")
                .text("db:\n    password: ").decoy("generic-password", Kind.ENCODED_DATA, "ENC[AES256_GCM,data:"
                        + Base64.getEncoder().encodeToString(fake.bytes(18))
                        + ",iv:" + Base64.getEncoder().encodeToString(fake.bytes(32))
                        + ",tag:" + Base64.getEncoder().encodeToString(fake.bytes(16)) + ",type:str]")
                .text("\nsops:\n    kms:\n        - arn: arn:aws:kms:eu-west-1:")
                .text(fake.chars(FakeSecrets.DIGITS, 12))
                .text(":key/").decoy("generic-secret", Kind.UUID, fake.uuid())
                .text("\n    mac: ").decoy("generic-secret", Kind.ENCODED_DATA, "ENC[AES256_GCM,data:"
                        + Base64.getEncoder().encodeToString(fake.bytes(32)) + ",type:str]")
                .text("\n    version: 3.8.1\n");

        byte[] sealed = fake.bytes(560);
        sealed[0] = 0x02;
        sealed[1] = 0x00;
        corpus.file("k8s/orders/sealed-secret.yaml", "Kubernetes")
                .text("apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: orders-db\nspec:\n")
                .text("  encryptedData:\n    password: ").decoy("generic-password", Kind.ENCODED_DATA,
                        Base64.getEncoder().encodeToString(sealed))
                .text("\n");

        corpus.file("config/github-app.yml", "YAML")
                .text("app_id: 412345\ninstallation_id: 51234567\nuser_token: ").secret("github-app-user-token",
                        fake.githubToken("ghu"))
                .text("\nrefresh_token: ").secret("github-refresh-token", fake.githubToken("ghr"))
                .text("\nwebhook_secret: ").secret("generic-secret", fake.chars(HEX, 40))
                .text("\nprivate_key_path: ")
                .decoy("generic-secret", Kind.FILE_PATH, "./secrets/github-app.private-key.pem")
                .text("\n");
    }

    /** A SAS signature as it sits in a query string: base64 with {@code + / =} percent-encoded. */
    private static String percentEncoded(String base64) {
        return base64.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
    }

    private static void terraform(Corpus corpus, FakeSecrets fake) {
        corpus.file("infra/main.tf", "Terraform")
                .text("terraform {\n  backend \"s3\" {\n    bucket = \"acme-tfstate\"\n"
                        + "    key    = \"prod/terraform.tfstate\"\n  }\n}\n\n")
                .text("provider \"azurerm\" {\n  features {}\n  client_id     = \"")
                .decoy("generic-secret", Kind.UUID, fake.uuid())
                .text("\"\n  client_secret = \"").secret("azure-entra-client-secret", fake.azureEntraClientSecret())
                .text("\"\n  tenant_id     = \"").decoy("generic-secret", Kind.UUID, fake.uuid())
                .text("\"\n}\n\nprovider \"cloudflare\" {\n  api_token = \"")
                .secret("cloudflare-api-token", fake.chars(BASE64URL, 39) + fake.chars(BASE62, 1))
                .text("\"\n}\n\nresource \"aws_db_instance\" \"orders\" {\n  engine   = \"postgres\"\n"
                        + "  username = \"orders\"\n")
                .text("  password = \"").secret("generic-password", fake.password(24))
                .text("\"\n}\n\nresource \"aws_db_instance\" \"replica\" {\n  password = ")
                .decoy("generic-password", Kind.ENV_REFERENCE, "var.replica_db_password")
                .text("\n  kms_key_id = ").decoy("generic-secret", Kind.IDENTIFIER, "aws_kms_key.main.arn")
                .text("\n}\n\nresource \"random_password\" \"api\" {\n  length = 32\n}\n\nlocals {\n  api_token = ")
                .decoy("generic-api-key", Kind.IDENTIFIER, "random_password.api.result")
                .text("\n  vault_token = ").decoy("vault-service-token", Kind.ENV_REFERENCE,
                        "data.vault_generic_secret.ci.data[\"token\"]")
                .text("\n  storage = \"DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=")
                .secret("azure-storage-account-key", fake.azureStorageKey())
                .text(";EndpointSuffix=core.windows.net\"\n}\n\nmodule \"network\" {\n")
                .text("  source = \"git::https://github.com/acme/tf-network.git?ref=")
                .decoy("generic-secret", Kind.DIGEST,
                        fake.chars(HEX, 40))
                .text("\"\n}\n\nvariable \"hcp_client_secret\" {\n  sensitive = true\n}\n\nprovider \"hcp\" {\n")
                .text("  client_id     = \"").text(fake.chars(BASE62, 32))
                .text("\"\n  client_secret = ").decoy("hcp-client-secret", Kind.ENV_REFERENCE, "var.hcp_client_secret")
                .text("\n}\n");

        corpus.file("infra/terraform.tfvars", "Terraform")
                .text("region = \"eu-west-1\"\nhcp_client_secret = \"")
                .secret("hcp-client-secret", fake.chars(BASE62, 64))
                .text("\"\nami = \"ami-").decoy("generic-secret", Kind.IDENTIFIER, fake.chars(HEX, 17))
                .text("\"\ndb_password = \"").decoy("generic-password", Kind.PLACEHOLDER, "CHANGE_ME")
                .text("\"\n");

        corpus.file("home/.terraformrc", "Terraform")
                .text("credentials \"app.terraform.io\" {\n  token = \"")
                .secret("terraform-cloud-token", fake.chars(BASE62, 14) + ".atlasv1." + fake.chars(BASE64URL, 67))
                .text("\"\n}\n");
    }

    private static void kubernetes(Corpus corpus, FakeSecrets fake) {
        String dockerAuth = base64("acmebot:" + fake.chars(BASE62, 24));
        String dockerConfigJson = "{\"auths\":{\"registry.acme.io\":{\"username\":\"acmebot\",\"auth\":\""
                + dockerAuth + "\"}}}";
        corpus.file("k8s/orders/secret.yaml", "Kubernetes")
                .text("apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders-secrets\n  namespace: orders\n"
                        + "type: Opaque\ndata:\n")
                .text("  GITHUB_TOKEN: ").encodedSecret("github-pat", Form.BASE64, base64(fake.githubToken("ghp")))
                .text("\n  DATABASE_URL: ").encodedSecret("postgres-password", Form.BASE64,
                        base64("postgresql://orders:" + fake.chars(BASE62, 20) + "@orders-db:5432/orders"),
                        Needs.DECODERS)
                .text("\n  username: ").decoy("generic-password", Kind.ENCODED_DATA, base64("orders"))
                .text("\n  password: ").decoy("generic-password", Kind.PLACEHOLDER, base64("changeme"))
                .text("\nstringData:\n  STRIPE_SECRET_KEY: ").secret("stripe-secret-key", fake.stripeSecretKey())
                .text("\n  ENCRYPTION_KEY: ").secret("generic-secret", fake.chars(BASE62, 44))
                .text("\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\n"
                        + "type: kubernetes.io/dockerconfigjson\n")
                .text("data:\n  .dockerconfigjson: ")
                .encodedSecret("docker-config-auth", Form.BASE64, base64(dockerConfigJson),
                        Needs.DECODERS)
                .text("\n");

        corpus.file("k8s/orders/deployment.yaml", "Kubernetes")
                .text("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\n  annotations:\n")
                .text("    checksum/config: ").decoy("generic-secret", Kind.DIGEST, fake.chars(HEX, 64))
                .text("\nspec:\n  template:\n    spec:\n      serviceAccountName: orders\n      imagePullSecrets:\n"
                        + "        - name: regcred\n")
                .text("      containers:\n        - name: orders\n          image: ghcr.io/acme/orders@sha256:")
                .decoy("generic-secret", Kind.DIGEST, fake.chars(HEX, 64))
                .text("\n          env:\n            - name: SLACK_APP_TOKEN\n              value: \"")
                .secret("slack-app-token", fake.slackAppToken())
                .text("\"\n            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef:\n")
                .text("                  name: orders-secrets\n                  key: ")
                .decoy("generic-password", Kind.IDENTIFIER, "password")
                .text("\n            - name: API_TOKEN_FILE\n              value: ")
                .decoy("generic-api-key", Kind.FILE_PATH,
                        "/var/run/secrets/kubernetes.io/serviceaccount/token")
                .text("\n            - name: SESSION_TOKEN_TTL\n              value: \"3600\"\n");

        String caCert = FakeSecrets.pem("CERTIFICATE", fake.bytes(700));
        corpus.file("deploy/clusters/prod.kubeconfig", "Kubernetes")
                .text("apiVersion: v1\nkind: Config\nclusters:\n  - name: prod\n    cluster:\n"
                        + "      server: https://k8s.acme.internal:6443\n")
                .text("      certificate-authority-data: ").decoy("private-key-rsa", Kind.CERTIFICATE,
                        Base64.getEncoder().encodeToString(caCert.getBytes(StandardCharsets.US_ASCII)))
                .text("\nusers:\n  - name: deployer\n    user:\n      token: ")
                .secret("jwt", fake.jwt("{\"iss\":\"kubernetes/serviceaccount\","
                        + "\"kubernetes.io/serviceaccount/namespace\":"
                        + "\"ci\",\"sub\":\"system:serviceaccount:ci:deployer\"}", fake.bytes(32)))
                .text("\n  - name: admin\n    user:\n      client-certificate-data: ")
                .decoy("private-key-rsa", Kind.CERTIFICATE,
                        Base64.getEncoder().encodeToString(FakeSecrets.pem("CERTIFICATE", fake.bytes(600))
                                .getBytes(StandardCharsets.US_ASCII)))
                .text("\n      client-key-data: ").encodedSecret("private-key-ec", Form.BASE64,
                        Base64.getEncoder().encodeToString(
                                fake.ecPrivateKeySec1Pem().getBytes(StandardCharsets.US_ASCII)),
                        Needs.DECODERS)
                .text("\ncontexts:\n  - name: prod\n    context: { cluster: prod, user: deployer }\n"
                        + "current-context: prod\n");

        corpus.file("k8s/monitoring/configmap.yaml", "Kubernetes")
                .text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: grafana-dashboards\ndata:\n")
                .text("  token_header: ").decoy("generic-api-key", Kind.IDENTIFIER, "X-Grafana-Token")
                .text("\n  secret_ref: ").decoy("generic-secret", Kind.FILE_PATH, "monitoring/grafana-admin")
                .text("\nbinaryData:\n  logo.png: ").decoy("generic-secret", Kind.ENCODED_DATA,
                        "iVBORw0KGgoAAAANSUhEUgAA" + Base64.getEncoder().encodeToString(fake.bytes(90)))
                .text("\n");
    }

    private static void docker(Corpus corpus, FakeSecrets fake) {
        corpus.file("services/etl/Dockerfile", "Dockerfile")
                .text("FROM python:3.12-slim@sha256:").decoy("generic-secret", Kind.DIGEST, fake.chars(HEX, 64))
                .text("\nARG NPM_TOKEN\nENV PIP_INDEX_URL=https://pypi.acme.internal/simple\n")
                .text("ENV PYPI_TOKEN=").secret("pypi-token", fake.pypiToken())
                .text("\nENV PASSWORD_FILE=").decoy("generic-password", Kind.FILE_PATH, "/run/secrets/db_password")
                .text("\nRUN echo \"//registry.npmjs.org/:_authToken=").secret("npm-token", fake.npmToken())
                .text("\" > ~/.npmrc && npm ci\nRUN --mount=type=secret,id=gh_token \\\n")
                .text("    GH_TOKEN=$(cat /run/secrets/gh_token) ./scripts/fetch-private.sh\n")
                .text("ENV RUBYGEMS_API_KEY=").secret("rubygems-api-key", "rubygems_" + fake.chars(HEX, 48))
                .text("\nENV API_KEY_HEADER=").decoy("generic-api-key", Kind.IDENTIFIER, "X-Etl-Key")
                .text("\nCMD [\"python\", \"-m\", \"etl\"]\n");

        corpus.file("docker-compose.yml", "YAML")
                .text("services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ")
                .secret("generic-password", fake.password(21))
                .text("\n  app:\n    image: ghcr.io/acme/app:1.4.0\n    environment:\n      DATABASE_PASSWORD: ")
                .decoy("generic-password", Kind.ENV_REFERENCE, "${DATABASE_PASSWORD:?set it in .env}")
                .text("\n      LINEAR_API_KEY: ").secret("linear-api-key", "lin_api_" + fake.chars(BASE62, 40))
                .text("\n      DOPPLER_TOKEN: ")
                .secret("doppler-token", "dp.pt." + fake.chars(BASE62, 43), Needs.PROVIDER_RULES)
                .text("\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ")
                .decoy("generic-password", Kind.FILE_PATH, "./secrets/db_password.txt")
                .text("\n");
    }

    private static void ci(Corpus corpus, FakeSecrets fake) {
        corpus.file(".github/workflows/release.yml", "CI config")
                .text("name: release\non:\n  push:\n    tags: ['v*']\njobs:\n  publish:\n    runs-on: ubuntu-latest\n")
                .text("    env:\n      DOCKERHUB_TOKEN: ")
                .secret("docker-hub-pat", "dckr_pat_" + fake.chars(BASE64URL, 27))
                .text("\n      SONAR_TOKEN: ").secret("sonarqube-token", "sqp_" + fake.chars(HEX, 40))
                .text("\n      GITHUB_TOKEN: ").decoy("github-pat", Kind.ENV_REFERENCE, "${{ secrets.GITHUB_TOKEN }}")
                .text("\n    steps:\n      - uses: actions/checkout@")
                .decoy("generic-secret", Kind.DIGEST, fake.chars(HEX, 40))
                .text(" # v4\n      - uses: actions/cache@v4\n        with:\n          key: ")
                .decoy("generic-api-key", Kind.TEMPLATE,
                        "${{ runner.os }}-node-${{ hashFiles('**/package-lock.json') }}")
                .text("\n      - uses: docker/login-action@v3\n        with:\n          username: acmebot\n"
                        + "          password: ")
                .decoy("docker-hub-pat", Kind.ENV_REFERENCE, "${{ secrets.DOCKERHUB_TOKEN }}")
                .text("\n      - run: ./scripts/release.sh\n        env:\n          NODE_AUTH_TOKEN: ")
                .decoy("npm-token", Kind.ENV_REFERENCE, "${{ secrets.NPM_TOKEN }}")
                .text("\n          ENV_FILE_B64: ").encodedSecret("stripe-secret-key", Form.BASE64,
                        base64("STRIPE_SECRET_KEY=" + fake.stripeSecretKey() + "\nLOG_LEVEL=info\n"), Needs.DECODERS)
                .text("\n");

        corpus.file(".gitlab-ci.yml", "CI config")
                .text("stages: [build, deploy]\nvariables:\n  RUNNER_TOKEN: ").secret("gitlab-runner-auth-token",
                        fake.gitlabToken("glrt-"))
                .text("\n  DEPLOY_TOKEN: ").secret("gitlab-deploy-token", fake.gitlabToken("gldt-"))
                .text("\n  FEED_TOKEN: ").secret("gitlab-feed-token", fake.gitlabToken("glft-"))
                .text("\n  TRIGGER_TOKEN: ").secret("gitlab-pipeline-trigger-token", "glptt-" + fake.chars(HEX, 40))
                .text("\n  CI_REGISTRY_PASSWORD: ").decoy("generic-password", Kind.ENV_REFERENCE, "$CI_JOB_TOKEN")
                .text("\nbuild:\n  image: registry.gitlab.com/acme/builder@sha256:")
                .decoy("generic-secret", Kind.DIGEST,
                        fake.chars(HEX, 64))
                .text("\n  script:\n    - docker login -u gitlab-ci-token -p \"$CI_JOB_TOKEN\" \"$CI_REGISTRY\"\n")
                .text("    - curl --header \"JOB-TOKEN: $CI_JOB_TOKEN\" \"$CI_API_V4_URL/projects\"\n")
                .text("deploy:\n  script:\n    - export AZURE_DEVOPS_EXT_PAT=").secret("azure-devops-pat",
                        fake.chars(BASE62, 76) + "AZDO" + fake.chars(BASE62, 4))
                .text("\n    - az storage blob upload --sas-token ")
                .text("\"sv=2022-11-02&ss=b&srt=co&sp=rwl&se=2027-01-01T00:00:00Z&sig=")
                .secret("azure-sas-signature", percentEncoded(fake.azureSasSignature()))
                .text("\"\n");

        corpus.file("azure-pipelines.yml", "CI config")
                .text("trigger: [main]\npool:\n  vmImage: ubuntu-latest\nvariables:\n  - group: prod-secrets\n")
                .text("  - name: storageSas\n"
                        + "    value: \"https://acmeprod.blob.core.windows.net/drops"
                        + "?sv=2022-11-02\\u0026sp=r\\u0026sig=")
                .encodedSecret("azure-sas-signature", Form.JSON_ESCAPED,
                        percentEncoded(fake.azureSasSignature()), Needs.DECODERS)
                .text("\"\n  - name: newRelicKey\n    value: ")
                .decoy("new-relic-user-api-key", Kind.ENV_REFERENCE, "$(NEW_RELIC_API_KEY)")
                .text("\n  - name: amzMwsToken\n    value: ").secret("amazon-mws-auth-token", "amzn.mws." + fake.uuid())
                .text("\nsteps:\n  - script: ./build.sh\n    env:\n      ATLASSIAN_TOKEN: ")
                .secret("atlassian-api-token",
                        "ATATT3xFfGF0" + fake.chars(BASE64URL, 170) + "=" + fake.chars(UPPER_ALNUM, 8))
                .text("\n");
    }
}
