package dev.keywarden.engine;

import dev.keywarden.config.RequiredRule;
import dev.keywarden.config.Rule;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Location;
import dev.keywarden.finding.RequiredPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The unsuppressed matches, in one content, of the rules that paired rules require, and the search for a paired
 * finding's parts among them: for each rule it requires, the nearest match within reach (by lines, then columns).
 */
final class RequiredParts {

    /** A match of the regex rule at index {@code rule}: its span in the content and its secret. */
    record Match(int rule, int start, int end, String secret) {
    }

    /** Where a span of the content is (line and column), computed only for the matches a pairing looks at. */
    @FunctionalInterface
    interface Locator {
        Location locate(int start, int end);
    }

    private final List<Match> matches = new ArrayList<>();

    void add(int rule, int start, int end, String secret) {
        matches.add(new Match(rule, start, end, secret));
    }

    /** The matches of one rule, in the order found (ascending offsets). */
    List<Match> of(int rule) {
        return matches.stream().filter(m -> m.rule() == rule).toList();
    }

    /**
     * The parts of a paired finding: for each rule it requires ({@code requiredIndex}, in the order of
     * {@link Rule#required()}), the nearest match within reach; empty when one of them has none.
     */
    Optional<List<RequiredPart>> partsOf(Finding f, Rule rule, int[] requiredIndex, Rule[] regexRules,
                                         Locator locator) {
        List<RequiredPart> found = new ArrayList<>();
        for (int k = 0; k < requiredIndex.length; k++) {
            RequiredRule requirement = rule.required().get(k);
            Match best = null;
            Location bestAt = null;
            long bestDistance = Long.MAX_VALUE;
            for (Match m : matches) {
                if (m.rule() != requiredIndex[k]) {
                    continue;
                }
                Location at = locator.locate(m.start(), m.end());
                if (!requirement.near(f.location().line(), f.location().column(), at.line(), at.column())) {
                    continue;
                }
                long distance = Math.abs(at.line() - f.location().line()) * 1_000_000L
                        + Math.abs(at.column() - f.location().column());
                if (distance < bestDistance) {
                    best = m;
                    bestAt = at;
                    bestDistance = distance;
                }
            }
            if (best == null) {
                return Optional.empty();
            }
            found.add(new RequiredPart(regexRules[best.rule()].id(), bestAt, best.secret()));
        }
        return Optional.of(found);
    }
}
