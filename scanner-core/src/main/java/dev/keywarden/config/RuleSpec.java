package dev.keywarden.config;

import com.google.re2j.Pattern;
import dev.keywarden.finding.Confidence;
import dev.keywarden.finding.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rule as one file states it: every field optional, so that a file extending another can override only some
 * fields of a rule it inherits. {@link #build} checks the merged result.
 */
final class RuleSpec {
    String id;
    String file;
    Optional<String> description = Optional.empty();
    Optional<RuleRegex> regex = Optional.empty();
    Optional<Integer> secretGroup = Optional.empty();
    List<String> keywords = new ArrayList<>();
    Optional<Double> entropy = Optional.empty();
    Optional<Pattern> path = Optional.empty();
    Optional<Severity> severity = Optional.empty();
    Optional<Confidence> confidence = Optional.empty();
    List<String> tags = new ArrayList<>();
    Optional<String> checksum = Optional.empty();
    Optional<Boolean> multiline = Optional.empty();
    Optional<Boolean> anchored = Optional.empty();
    List<Allowlist> allowlists = new ArrayList<>();
    List<RawExample> truePositives = new ArrayList<>();
    List<RawExample> falsePositives = new ArrayList<>();
    Optional<Boolean> skipReport = Optional.empty();
    /** null: not stated (inherited when extending); a list, even empty, replaces the base rule's */
    List<RequiredRule> required;
    Optional<String> validate = Optional.empty();
    /**
     * whether a user's file defines or changes this rule: its regex is then compiled at load time, so that every
     * check of the merged rule (syntax, secretGroup) is reported before a scan starts
     */
    boolean fromUserFile;

    /** An example before we know whether its rule is path-only. */
    record RawExample(Optional<String> path, Optional<String> text) {
    }

    /** Applies {@code override} on top of this rule, the way gitleaks' {@code [extend]} merges rules. */
    void mergeFrom(RuleSpec override) {
        file = override.file;
        fromUserFile |= override.fromUserFile;
        if (override.description.isPresent()) {
            description = override.description;
        }
        if (override.regex.isPresent()) {
            regex = override.regex;
        }
        if (override.secretGroup.isPresent()) {
            secretGroup = override.secretGroup;
        }
        if (override.entropy.isPresent()) {
            entropy = override.entropy;
        }
        if (override.path.isPresent()) {
            path = override.path;
        }
        if (override.severity.isPresent()) {
            severity = override.severity;
        }
        if (override.confidence.isPresent()) {
            confidence = override.confidence;
        }
        if (override.checksum.isPresent()) {
            checksum = override.checksum;
        }
        if (override.multiline.isPresent()) {
            multiline = override.multiline;
        }
        if (override.anchored.isPresent()) {
            anchored = override.anchored;
        }
        if (override.skipReport.isPresent()) {
            skipReport = override.skipReport;
        }
        if (override.required != null) {
            required = override.required;
        }
        if (override.validate.isPresent()) {
            validate = override.validate;
        }
        addAll(keywords, override.keywords);
        addAll(tags, override.tags);
        allowlists.addAll(override.allowlists);
        truePositives.addAll(override.truePositives);
        falsePositives.addAll(override.falsePositives);
    }

    private static void addAll(List<String> into, List<String> more) {
        for (String s : more) {
            if (!into.contains(s)) {
                into.add(s);
            }
        }
    }

    Rule build() throws ConfigException {
        Optional<String> rid = Optional.of(id);
        if (regex.isEmpty() && path.isEmpty()) {
            throw new ConfigException(file, rid, "missing required key 'regex' (or 'path' for a rule that flags "
                    + "files by name)");
        }
        if (fromUserFile && regex.isPresent()) {
            regex.get().compile();
        }
        int group = secretGroup.orElse(0);
        checkSecretGroup(regex, group, file, rid);
        if (checksum.isPresent() && !ChecksumNames.KNOWN.contains(checksum.get())) {
            throw new ConfigException(file, rid, "unknown checksum '" + checksum.get() + "' (known: "
                    + String.join(", ", ChecksumNames.KNOWN) + ")");
        }
        if (anchored.orElse(false) && keywords.isEmpty()) {
            throw new ConfigException(file, rid, "anchor = \"keyword\" needs keywords to anchor at");
        }
        if (validate.isPresent() && !Validators.KNOWN.contains(validate.get())) {
            throw new ConfigException(file, rid, "unknown validate '" + validate.get() + "' (known: "
                    + String.join(", ", Validators.KNOWN) + ")");
        }
        List<RequiredRule> requires = required == null ? List.of() : required;
        if (!requires.isEmpty() && regex.isEmpty()) {
            throw new ConfigException(file, rid, "[[rules.required]] needs a rule with a regex (a path rule flags "
                    + "whole files)");
        }
        boolean pathOnly = regex.isEmpty();
        return new Rule(id, description.orElse(id), regex, group, keywords, entropy.orElse(0.0), path,
                severity.orElse(Severity.MEDIUM), confidence.orElseGet(this::derivedConfidence), tags, checksum,
                multiline.orElseGet(() -> regex.map(p -> canSpanLines(p.source())).orElse(false)),
                anchored.orElse(false) && regex.isPresent(), allowlists,
                examples(truePositives, pathOnly, "truePositives"), examples(falsePositives, pathOnly,
                        "falsePositives"), skipReport.orElse(false), file, requires, validate,
                confidence.isPresent());
    }

    /**
     * A secretGroup the regex has: checked when the regex is compiled (a deferred regex of the built-in pack is
     * checked by {@link RuleSet#compileAll}, which the build runs).
     */
    static void checkSecretGroup(Optional<RuleRegex> regex, int group, String file, Optional<String> rid)
            throws ConfigException {
        if (regex.isPresent() && regex.get().isCompiled() && group > regex.get().pattern().groupCount()) {
            throw new ConfigException(file, rid, "secretGroup " + group + " but the regex has only "
                    + regex.get().pattern().groupCount() + " group(s)");
        }
    }

    /**
     * The confidence of a rule that does not state one: low for generic rules (tagged {@code generic}, or validated
     * as random-looking), high for a format with a checksum, medium otherwise (the engine raises a match whose
     * secret starts with one of the rule's keywords, a provider prefix, to high).
     */
    private Confidence derivedConfidence() {
        if (tags.contains("generic") || validate.isPresent()) {
            return Confidence.LOW;
        }
        if (checksum.isPresent()) {
            return Confidence.HIGH;
        }
        return Confidence.MEDIUM;
    }

    private List<Example> examples(List<RawExample> raw, boolean pathOnly, String key) throws ConfigException {
        List<Example> out = new ArrayList<>();
        for (RawExample e : raw) {
            if (pathOnly) {
                // for a path-only rule, a plain string example is a path
                String p = e.path().or(e::text).orElseThrow();
                out.add(new Example(Optional.of(p), e.path().isPresent() ? e.text().orElse("") : ""));
            } else {
                if (e.text().isEmpty()) {
                    throw new ConfigException(file, Optional.of(id), "an example in '" + key + "' has a path but no "
                            + "'text'");
                }
                out.add(new Example(e.path(), e.text().get()));
            }
        }
        return out;
    }

    /**
     * Whether a regex may match across a line break: it names one explicitly ({@code \n}, {@code \r}, {@code \s}
     * together with {@code \\S} in a class, dot-all). Rules that can are evaluated over a window of several kilobytes
     * after the keyword rather than over the keyword's line.
     */
    static boolean canSpanLines(String regex) {
        return regex.contains("\\n") || regex.contains("\\r") || regex.contains("\\s\\S")
                || regex.contains("\\S\\s") || regex.contains("(?s") || regex.contains("\\x0a")
                || regex.contains("\\x{0a}") || regex.contains("\\x0A");
    }
}
