package dev.keywarden.config;

import com.google.re2j.Pattern;
import dev.keywarden.finding.Confidence;
import dev.keywarden.finding.Severity;
import java.util.List;
import java.util.Optional;

/**
 * One detection rule.
 *
 * @param id             unique id
 * @param description    what the secret is
 * @param ruleRegex      the pattern (RE2), compiled now or on first use ({@link RuleRegex}); empty for a rule that
 *                       flags files by path alone
 * @param secretGroup    the capture group holding the secret; 0 means the first non-empty group, else the match
 * @param keywords       lowercase literals; the rule is evaluated only near one of them (empty: everywhere)
 * @param entropy        minimum Shannon entropy of the secret (0: no minimum)
 * @param path           regex on the path; alone, it flags the file itself
 * @param severity       how bad a leak is
 * @param confidence     how sure a match of this rule is
 * @param tags           labels (provider, kind; {@code generic} for keyword-and-entropy rules)
 * @param checksum       the name of a checksum validator the secret must pass for the rule's confidence
 * @param multiline      whether a match may span lines (evaluated over a larger window)
 * @param anchored       whether every match starts at a keyword ({@code anchor = "keyword"}): the regex is then
 *                       tried anchored at each keyword occurrence instead of searched along its line
 * @param allowlists     the rule's own allowlists
 * @param truePositives  examples the rule must find
 * @param falsePositives examples the rule must not find
 * @param skipReport     evaluated but never reported (gitleaks compatibility)
 * @param source         the file the rule came from
 * @param required       rules that must match near a match of this one for it to be reported (paired rules)
 * @param validate       the name of a value validator the secret must pass ({@code random}), if any
 * @param confidenceDeclared whether the rule file set {@code confidence}; if not, {@code confidence} is derived
 *                       from the rule, and a match whose secret starts with one of the rule's keywords (a provider
 *                       prefix) is raised from medium to high
 */
public record Rule(String id, String description, Optional<RuleRegex> ruleRegex, int secretGroup,
                   List<String> keywords, double entropy, Optional<Pattern> path, Severity severity, Confidence confidence,
                   List<String> tags, Optional<String> checksum, boolean multiline, boolean anchored,
                   List<Allowlist> allowlists,
                   List<Example> truePositives, List<Example> falsePositives, boolean skipReport, String source,
                   List<RequiredRule> required, Optional<String> validate, boolean confidenceDeclared) {

    public Rule {
        keywords = List.copyOf(keywords);
        tags = List.copyOf(tags);
        allowlists = List.copyOf(allowlists);
        truePositives = List.copyOf(truePositives);
        falsePositives = List.copyOf(falsePositives);
        required = List.copyOf(required);
    }

    /** The compiled regex (compiled by this call when it is the first use); empty for a path rule. */
    public Optional<Pattern> regex() {
        return ruleRegex.map(RuleRegex::pattern);
    }

    /** The regex's text as compiled, without compiling it; empty for a path rule. */
    public Optional<String> regexSource() {
        return ruleRegex.map(RuleRegex::source);
    }

    /** A paired rule: it reports a match only with the matches of the rules it requires nearby. */
    public boolean isPaired() {
        return !required.isEmpty();
    }

    /** A rule with a path and no regex flags the file itself. */
    public boolean isPathOnly() {
        return ruleRegex.isEmpty() && path.isPresent();
    }
}
