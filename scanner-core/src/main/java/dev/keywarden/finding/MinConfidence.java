package dev.keywarden.finding;

import java.util.Objects;
import java.util.Optional;

/** Suppresses findings below a confidence level ({@code --min-confidence}); they are counted, and listed with -v. */
public final class MinConfidence implements FindingFilter {
    private final Confidence minimum;

    public MinConfidence(Confidence minimum) {
        this.minimum = Objects.requireNonNull(minimum, "minimum");
    }

    @Override
    public Optional<Suppression> suppress(Finding finding) {
        if (finding.confidence().atLeast(minimum)) {
            return Optional.empty();
        }
        return Optional.of(new Suppression(Suppression.Kind.MIN_CONFIDENCE, "confidence "
                + finding.confidence().label() + " is below --min-confidence " + minimum.label()));
    }
}
