package dev.keywarden.finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides after the engine whether a finding is suppressed. Filters compose; every source and every command applies
 * the same chain, so inline allow comments, the ignore file and (later) the baseline behave the same everywhere.
 */
@FunctionalInterface
public interface FindingFilter {

    /** Why this finding should be suppressed, or empty to let it through. */
    Optional<Suppression> suppress(Finding finding);

    /** Marks each finding that a filter suppresses; findings already suppressed keep their first reason. */
    default List<Finding> apply(List<Finding> findings) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            if (f.suppressed()) {
                out.add(f);
            } else {
                out.add(suppress(f).map(f::suppressedBy).orElse(f));
            }
        }
        return out;
    }

    static FindingFilter none() {
        return f -> Optional.empty();
    }

    /** The first filter that suppresses wins. */
    static FindingFilter chain(List<FindingFilter> filters) {
        List<FindingFilter> copy = List.copyOf(filters);
        return f -> {
            for (FindingFilter filter : copy) {
                Optional<Suppression> why = filter.suppress(f);
                if (why.isPresent()) {
                    return why;
                }
            }
            return Optional.empty();
        };
    }
}
