package dev.keywarden.finding;

import java.util.Optional;

/**
 * Suppresses findings on a line that carries {@code keywarden:allow} (or gitleaks' {@code gitleaks:allow}), the way
 * a developer marks a deliberate, harmless value in place.
 */
public final class InlineAllow implements FindingFilter {
    public static final String MARKER = "keywarden:allow";
    public static final String GITLEAKS_MARKER = "gitleaks:allow";

    @Override
    public Optional<Suppression> suppress(Finding finding) {
        String line = finding.line();
        if (line.contains(MARKER)) {
            return Optional.of(new Suppression(Suppression.Kind.INLINE, MARKER + " on the line"));
        }
        if (line.contains(GITLEAKS_MARKER)) {
            return Optional.of(new Suppression(Suppression.Kind.INLINE, GITLEAKS_MARKER + " on the line"));
        }
        return Optional.empty();
    }
}
