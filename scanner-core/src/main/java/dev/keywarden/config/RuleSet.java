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

    /**
     * Compiles every regex not compiled yet (the built-in pack's rule and allowlist regexes are compiled on first
     * use) and checks each rule's secretGroup against its regex: the first error, naming file, rule and position, is
     * thrown. {@code keywarden rules test} and the pack's tests run this.
     */
    public RuleSet compileAll() throws ConfigException {
        for (Rule rule : rules) {
            if (rule.ruleRegex().isPresent()) {
                rule.ruleRegex().get().compile();
                RuleSpec.checkSecretGroup(rule.ruleRegex(), rule.secretGroup(), rule.source(), Optional.of(rule.id()));
            }
            compileAll(rule.allowlists());
        }
        compileAll(allowlists);
        return this;
    }

    private static void compileAll(List<Allowlist> allowlists) throws ConfigException {
        for (Allowlist a : allowlists) {
            if (a.regexes() instanceof DeferredPatterns deferred) {
                deferred.compileAll();
            }
        }
    }

    public Optional<Rule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
