package dev.keywarden.finding;

import java.util.Locale;
import java.util.Optional;

/**
 * How sure keywarden is that a finding is a real secret: {@code HIGH} for a provider prefix with a valid
 * checksum or a strict format, {@code MEDIUM} for a strict format without a prefix, {@code LOW} for generic
 * keyword-plus-entropy matches and for tokens whose checksum does not hold.
 */
public enum Confidence {
    LOW, MEDIUM, HIGH;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Confidence other) {
        return compareTo(other) >= 0;
    }

    public static Optional<Confidence> parse(String text) {
        for (Confidence c : values()) {
            if (c.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
