package dev.keywarden.engine;

import dev.keywarden.config.Example;
import dev.keywarden.config.Rule;
import dev.keywarden.config.RuleSet;
import dev.keywarden.finding.Content;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Origin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves rules by their examples: every true positive is found by its rule (and, for a rule with a checksum, at
 * the rule's confidence), no false positive is. The examples are scanned with the whole rule set, so global
 * allowlists take part exactly as in a real scan.
 */
public final class ExampleChecker {

    /** One example that does not behave as its rule says. The example text is not included: it may be a secret. */
    public record Failure(String ruleId, String source, String kind, int index, String detail) {
        @Override
        public String toString() {
            return ruleId + " (" + source + "): " + kind + " #" + (index + 1) + " " + detail;
        }
    }

    /** What was checked. */
    public record Report(int rules, int truePositives, int falsePositives, List<Failure> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    private final Engine engine;

    public ExampleChecker(Engine engine) {
        this.engine = engine;
    }

    /** A checker with an engine that reports helper rules' matches too, so that their examples can be proven. */
    public ExampleChecker(RuleSet rules) {
        this(Engine.reportingHelperRules(rules));
    }

    public Report checkAll() {
        List<Failure> failures = new ArrayList<>();
        int tp = 0;
        int fp = 0;
        for (Rule rule : engine.ruleSet().rules()) {
            failures.addAll(check(rule));
            tp += rule.truePositives().size();
            fp += rule.falsePositives().size();
        }
        return new Report(engine.ruleSet().rules().size(), tp, fp, failures);
    }

    public List<Failure> check(Rule rule) {
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < rule.truePositives().size(); i++) {
            Example example = rule.truePositives().get(i);
            List<Finding> found = ofRule(rule, example);
            if (found.isEmpty()) {
                failures.add(new Failure(rule.id(), rule.source(), "true positive", i, "is not found"
                        + suppressedHint(rule, example)));
            } else if (rule.checksum().isPresent() && found.stream().noneMatch(f -> f.confidence() == rule.confidence())) {
                failures.add(new Failure(rule.id(), rule.source(), "true positive", i, "fails the "
                        + rule.checksum().get() + " checksum"));
            }
        }
        for (int i = 0; i < rule.falsePositives().size(); i++) {
            Example example = rule.falsePositives().get(i);
            if (!ofRule(rule, example).isEmpty()) {
                failures.add(new Failure(rule.id(), rule.source(), "false positive", i, "is reported"));
            }
        }
        return failures;
    }

    private String suppressedHint(Rule rule, Example example) {
        return scan(example).stream().filter(f -> f.ruleId().equals(rule.id()) && f.suppressed()).findFirst()
                .map(f -> " (matched, but suppressed by " + f.suppression().orElseThrow().reason() + ")").orElse("");
    }

    private List<Finding> ofRule(Rule rule, Example example) {
        return scan(example).stream().filter(f -> f.ruleId().equals(rule.id()) && !f.suppressed()).toList();
    }

    private List<Finding> scan(Example example) {
        String path = example.pathOrDefault();
        return engine.scan(Content.of(path, example.text().getBytes(StandardCharsets.UTF_8),
                new Origin.File(Path.of(path))));
    }
}
