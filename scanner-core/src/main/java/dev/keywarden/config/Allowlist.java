package dev.keywarden.config;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Conditions under which a match is not a finding. With {@code OR} (the default) any one criterion suffices;
 * with {@code AND} every criterion that is set must hold. A global allowlist may target some rules by id or by tag.
 *
 * @param description what it is for
 * @param condition   how criteria combine
 * @param regexTarget what {@code regexes} are matched against
 * @param regexes     regexes on the secret, the match or the line
 * @param stopwords   lowercase words; a secret containing one is allowed
 * @param paths       regexes on the path
 * @param commits     commit ids (git sources)
 * @param targetRules for a global allowlist: the rule ids it applies to (empty: all)
 * @param targetTags  for a global allowlist: the rule tags it applies to (empty: all)
 */
public record Allowlist(String description, Condition condition, RegexTarget regexTarget, List<Pattern> regexes,
                        List<String> stopwords, List<Pattern> paths, List<String> commits, Set<String> targetRules,
                        Set<String> targetTags) {

    public enum Condition { OR, AND }

    /**
     * What an allowlist looks at. A path criterion matches the path as shown or the path relative to the repository
     * root ({@code repoPath}, the same outside a repository). {@code commit} is empty outside git sources.
     */
    public record Subject(String secret, String match, String line, String path, String repoPath,
                          Optional<String> commit) {
    }

    public Allowlist {
        // the built-in pack's regexes are compiled on first use (DeferredPatterns, immutable already)
        regexes = regexes instanceof DeferredPatterns ? regexes : List.copyOf(regexes);
        stopwords = stopwords.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        paths = List.copyOf(paths);
        commits = List.copyOf(commits);
        targetRules = Set.copyOf(targetRules);
        targetTags = Set.copyOf(targetTags);
    }

    public boolean isEmpty() {
        return regexes.isEmpty() && stopwords.isEmpty() && paths.isEmpty() && commits.isEmpty();
    }

    /** Whether this allowlist applies to findings of the given rule at all. */
    public boolean targets(Rule rule) {
        if (targetRules.isEmpty() && targetTags.isEmpty()) {
            return true;
        }
        return targetRules.contains(rule.id()) || rule.tags().stream().anyMatch(targetTags::contains);
    }

    /**
     * Whether a matching path alone makes this allowlist allow a finding, whatever the secret: with {@code OR} a
     * path criterion suffices; with {@code AND} only when paths are its only criterion. A global allowlist of that
     * kind that targets every rule lets a scan skip the file unread.
     */
    public boolean allowsByPathAlone() {
        boolean pathsOnly = regexes.isEmpty() && stopwords.isEmpty() && commits.isEmpty();
        return !paths.isEmpty() && (condition == Condition.OR || pathsOnly);
    }

    /** The reason the subject is allowed, or empty when it is not. */
    public Optional<String> allows(Subject subject) {
        if (isEmpty()) {
            return Optional.empty();
        }
        // the criteria this allowlist sets, each evaluated only when needed
        List<java.util.function.Supplier<Optional<String>>> criteria = new java.util.ArrayList<>(4);
        if (!commits.isEmpty()) {
            criteria.add(() -> subject.commit()
                    .filter(c -> commits.stream().anyMatch(a -> c.startsWith(a.toLowerCase(Locale.ROOT))))
                    .map(c -> "commit " + c));
        }
        if (!paths.isEmpty()) {
            criteria.add(() -> firstMatching(paths, subject.path()).or(() -> firstMatching(paths, subject.repoPath()))
                    .map(p -> "path matches " + p));
        }
        if (!regexes.isEmpty()) {
            criteria.add(() -> firstMatching(regexes, target(subject))
                    .map(p -> regexTarget.name().toLowerCase(Locale.ROOT) + " matches " + p));
        }
        if (!stopwords.isEmpty()) {
            criteria.add(() -> stopword(subject.secret()));
        }
        String label = description == null || description.isBlank() ? "allowlist" : "allowlist '" + description + "'";
        if (condition == Condition.AND) {
            StringBuilder reasons = new StringBuilder();
            for (var criterion : criteria) {
                Optional<String> why = criterion.get();
                if (why.isEmpty()) {
                    return Optional.empty();
                }
                reasons.append(reasons.isEmpty() ? "" : " and ").append(why.get());
            }
            return Optional.of(label + ": " + reasons);
        }
        for (var criterion : criteria) {
            Optional<String> why = criterion.get();
            if (why.isPresent()) {
                return Optional.of(label + ": " + why.get());
            }
        }
        return Optional.empty();
    }

    private String target(Subject subject) {
        return switch (regexTarget) {
            case SECRET -> subject.secret();
            case MATCH -> subject.match();
            case LINE -> subject.line();
        };
    }

    private Optional<String> stopword(String secret) {
        String lower = secret.toLowerCase(Locale.ROOT);
        return stopwords.stream().filter(lower::contains).findFirst().map(w -> "stopword '" + w + "'");
    }

    private static Optional<String> firstMatching(List<Pattern> patterns, String text) {
        for (Pattern p : patterns) {
            if (p.matcher(text).find()) {
                return Optional.of(p.pattern());
            }
        }
        return Optional.empty();
    }
}
