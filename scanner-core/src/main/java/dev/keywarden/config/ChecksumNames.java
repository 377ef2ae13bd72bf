package dev.keywarden.config;

import java.util.List;

/** The checksum validators a rule may name; the engine implements each. */
public final class ChecksumNames {
    /** CRC32 of the token body in base62, last 6 characters: GitHub {@code gh?_} tokens. */
    public static final String GITHUB = "github";
    /** The same scheme for npm {@code npm_} tokens. */
    public static final String NPM = "npm";

    public static final List<String> KNOWN = List.of(GITHUB, NPM);

    private ChecksumNames() {
    }
}
