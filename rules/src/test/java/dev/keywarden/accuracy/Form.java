package dev.keywarden.accuracy;

/** How a secret is written in its file. */
public enum Form {
    PLAIN("plain"),
    BASE64("base64"),
    BASIC_AUTH("Basic auth header"),
    PERCENT_ENCODED("percent-encoded"),
    JSON_ESCAPED("JSON/JS-escaped");

    private final String label;

    Form(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
