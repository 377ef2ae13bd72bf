package dev.keywarden.config;

import java.util.List;
import java.util.Optional;

/**
 * The rules in force and the global allowlists, after defaults, extension and disabling are applied.
 *
 * @param rules      the rules, in load order
 * @param allowlists global allowlists
 * @param sources    the files the rule set was loaded from, in order
 */
public record RuleSet(List<Rule> rules, List<Allowlist> allowlists, List<String> sources) {
    public RuleSet {
        rules = List.copyOf(rules);
        allowlists = List.copyOf(allowlists);
        sources = List.copyOf(sources);
    }

    public Optional<Rule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
