package dev.keywarden.accuracy;

import static dev.keywarden.testing.FakeSecrets.HEX;

import dev.keywarden.testing.FakeSecrets;
import java.util.Base64;
import java.util.List;

/**
 * Lock files: integrity hashes of packages whose names hold the words secret scanners key on. Nothing here is a
 * secret.
 */
final class LockFiles {
    /** Real package names with keyword-like words in them. */
    static final List<String> PACKAGES = List.of("js-tokens", "secret-handshake", "password-prompt", "api-key-auth",
            "csrf-token", "jsonwebtoken", "credential-helper", "private-key-parser");

    private LockFiles() {
    }

    static void add(Corpus corpus, FakeSecrets fake) {
        CorpusFile npm = corpus.file("web/package-lock.json", "lockfile")
                .text("{\n  \"name\": \"web\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n");
        for (int i = 0; i < PACKAGES.size(); i++) {
            String name = PACKAGES.get(i);
            npm.text("    \"node_modules/" + name + "\": {\n      \"version\": \"4.0." + i + "\",\n"
                    + "      \"resolved\": \"")
                    .text("https://registry.npmjs.org/" + name + "/-/" + name + "-4.0." + i + ".tgz\",\n"
                            + "      \"integrity\": \"")
                    .decoy("generic-secret", Kind.LOCKFILE_HASH, "sha512-" + base64(fake, 64))
                    .text("\"\n    }" + (i + 1 < PACKAGES.size() ? "," : "") + "\n");
        }
        npm.text("  }\n}\n");

        CorpusFile yarn = corpus.file("web/yarn.lock", "lockfile").text("# yarn lockfile v1\n\n");
        for (String name : PACKAGES) {
            yarn.text(name + "@^2.1.0:\n  version \"2.1.3\"\n"
                    + "  resolved \"https://registry.yarnpkg.com/" + name + "/-/" + name
                    + "-2.1.3.tgz#").decoy("generic-secret", Kind.DIGEST, fake.chars(HEX, 40))
                    .text("\"\n  integrity ").decoy("generic-secret", Kind.LOCKFILE_HASH, "sha512-" + base64(fake, 64))
                    .text("\n\n");
        }

        CorpusFile goSum = corpus.file("cmd/go.sum", "lockfile");
        for (String module : List.of("github.com/golang-jwt/jwt/v5", "golang.org/x/oauth2",
                "github.com/hashicorp/vault/api",
                "github.com/aws/aws-sdk-go-v2/credentials")) {
            goSum.text(module + " v1.2.0 h1:").decoy("generic-secret", Kind.LOCKFILE_HASH, base64(fake, 32))
                    .text("\n" + module + " v1.2.0/go.mod h1:")
                    .decoy("generic-secret", Kind.LOCKFILE_HASH, base64(fake, 32))
                    .text("\n");
        }

        CorpusFile poetry = corpus.file("poetry.lock", "lockfile");
        for (String name : List.of("secret-handshake", "password-strength", "pyjwt", "keyring")) {
            poetry.text("[[package]]\nname = \"" + name + "\"\nversion = \"2.8.0\"\nfiles = [\n    {file = \"" + name
                    + "-2.8.0-py3-none-any.whl\", hash = \"sha256:")
                    .decoy("generic-secret", Kind.LOCKFILE_HASH, fake.chars(HEX, 64))
                    .text("\"},\n]\n\n");
        }

        CorpusFile cargo = corpus.file("Cargo.lock", "lockfile").text("version = 3\n\n");
        for (String name : List.of("secrecy", "jsonwebtoken", "rpassword", "oauth2")) {
            cargo.text("[[package]]\nname = \"" + name + "\"\nversion = \"0.8.0\"\n"
                    + "source = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"")
                    .decoy("generic-secret", Kind.LOCKFILE_HASH, fake.chars(HEX, 64)).text("\"\n\n");
        }

        CorpusFile sri = corpus.file("web/public/index.html", "HTML");
        sri.text("<!doctype html>\n<html>\n<head>\n  <meta name=\"csrf-token\" content=\"{{ csrf_token() }}\">\n");
        for (String lib : List.of("bootstrap", "jquery")) {
            sri.text("  <script src=\"https://cdn.jsdelivr.net/npm/" + lib + "/dist/" + lib + ".min.js\" integrity=\"")
                    .decoy("generic-secret", Kind.LOCKFILE_HASH, "sha384-" + base64(fake, 48))
                    .text("\" crossorigin=\"anonymous\"></script>\n");
        }
        sri.text("  <input type=\"password\" name=\"password\" autocomplete=\"current-password\">\n</head>\n</html>\n");
    }

    private static String base64(FakeSecrets fake, int bytes) {
        return Base64.getEncoder().encodeToString(fake.bytes(bytes));
    }
}
