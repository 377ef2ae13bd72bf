package dev.keywarden.config;

import java.util.List;

/** The value validators a rule may opt into with {@code validate = "..."}; the engine implements each. */
public final class Validators {
    /**
     * The value must look random: entropy and a mix of character classes, not words, camelCase or snake_case
     * identifiers, file paths, URLs, placeholders or example values. For generic keyword-and-value rules.
     */
    public static final String RANDOM = "random";

    public static final List<String> KNOWN = List.of(RANDOM);

    private Validators() {
    }
}
