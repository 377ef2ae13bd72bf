package dev.keywarden.accuracy;

/** What a labelled span in the corpus is: a real secret, or one of the kinds of text that only look like one. */
public enum Kind {
    SECRET("secret"),
    EXAMPLE_KEY("documented example key"),
    PLACEHOLDER("placeholder"),
    ENV_REFERENCE("reference to the environment or a secret store"),
    TEMPLATE("template expression"),
    DIGEST("digest or hash"),
    UUID("UUID"),
    LOCKFILE_HASH("lockfile integrity hash"),
    PUBLIC_KEY("public key"),
    CERTIFICATE("certificate"),
    BAD_CHECKSUM("token with a bad checksum"),
    PUBLIC_BY_DESIGN("public identifier by design"),
    IDENTIFIER("identifier or code"),
    CAMEL_CASE("camelCase or word string"),
    FILE_PATH("file path or URL"),
    TRUNCATED("truncated or redacted token"),
    PATTERN("pattern describing a format"),
    ENCODED_DATA("encoded non-secret data");

    private final String label;

    Kind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean secret() {
        return this == SECRET;
    }
}
