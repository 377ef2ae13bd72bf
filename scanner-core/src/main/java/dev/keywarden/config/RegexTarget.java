package dev.keywarden.config;

import java.util.Locale;
import java.util.Optional;

/** What an allowlist regex is matched against. */
public enum RegexTarget {
    /** the extracted secret (default) */
    SECRET,
    /** the whole regex match */
    MATCH,
    /** the whole line the secret is on */
    LINE;

    public static Optional<RegexTarget> parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "secret", "" -> Optional.of(SECRET);
            case "match" -> Optional.of(MATCH);
            case "line" -> Optional.of(LINE);
            default -> Optional.empty();
        };
    }
}
