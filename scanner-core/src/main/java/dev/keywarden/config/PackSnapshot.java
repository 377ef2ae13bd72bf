package dev.keywarden.config;

import com.google.re2j.Pattern;
import dev.keywarden.finding.Confidence;
import dev.keywarden.finding.Severity;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The built-in pack as the build parsed it ({@value #RESOURCE} beside its TOML files), so that a start-up reads
 * one compact resource instead of parsing 150 KB of TOML: about a third of what loading the rules cost a
 * pre-commit hook. It holds exactly what the TOML files say (the build writes it with {@link ConfigLoader} from
 * them, and the pack's tests compare the two); the regexes are stored as written and compiled as from the TOML.
 *
 * <p>Format: {@link DataOutputStream} values; a version number first, so a snapshot of another format is ignored
 * and the TOML parsed instead.
 */
final class PackSnapshot {
    static final String RESOURCE = "pack.bin";
    private static final int VERSION = 1;

    private PackSnapshot() {
    }

    static void write(ConfigLoader.Layer layer, DataOutputStream out) throws IOException {
        out.writeInt(VERSION);
        strings(out, layer.sources);
        out.writeInt(layer.allowlists.size());
        for (Allowlist a : layer.allowlists) {
            allowlist(out, a);
        }
        out.writeInt(layer.rules.size());
        for (RuleSpec spec : layer.rules.values()) {
            rule(out, spec);
        }
    }

    /** The layer, or empty when the snapshot is of another format version. */
    static Optional<ConfigLoader.Layer> read(DataInputStream in) throws IOException, ConfigException {
        if (in.readInt() != VERSION) {
            return Optional.empty();
        }
        ConfigLoader.Layer layer = new ConfigLoader.Layer();
        layer.sources.addAll(strings(in));
        int allowlists = in.readInt();
        for (int i = 0; i < allowlists; i++) {
            layer.allowlists.add(allowlist(in, Optional.empty()));
        }
        int rules = in.readInt();
        for (int i = 0; i < rules; i++) {
            RuleSpec spec = rule(in);
            layer.rules.put(spec.id, spec);
        }
        return Optional.of(layer);
    }

    private static void rule(DataOutputStream out, RuleSpec spec) throws IOException {
        out.writeUTF(spec.id);
        out.writeUTF(spec.file);
        optional(out, spec.description);
        optional(out, spec.regex.map(RuleRegex::written));
        optional(out, spec.secretGroup.map(String::valueOf));
        strings(out, spec.keywords);
        optional(out, spec.entropy.map(String::valueOf));
        optional(out, spec.path.map(Pattern::pattern));
        optional(out, spec.severity.map(Enum::name));
        optional(out, spec.confidence.map(Enum::name));
        strings(out, spec.tags);
        optional(out, spec.checksum);
        optional(out, spec.multiline.map(String::valueOf));
        optional(out, spec.anchored.map(String::valueOf));
        out.writeInt(spec.allowlists.size());
        for (Allowlist a : spec.allowlists) {
            allowlist(out, a);
        }
        examples(out, spec.truePositives);
        examples(out, spec.falsePositives);
        optional(out, spec.skipReport.map(String::valueOf));
        out.writeInt(spec.required == null ? -1 : spec.required.size());
        if (spec.required != null) {
            for (RequiredRule r : spec.required) {
                out.writeUTF(r.ruleId());
                out.writeInt(r.withinLines().orElse(-1));
                out.writeInt(r.withinColumns().orElse(-1));
            }
        }
        optional(out, spec.validate);
    }

    private static RuleSpec rule(DataInputStream in) throws IOException, ConfigException {
        RuleSpec spec = new RuleSpec();
        spec.id = in.readUTF();
        spec.file = in.readUTF();
        Optional<String> rid = Optional.of(spec.id);
        spec.description = optional(in);
        spec.regex = optional(in).map(r -> RuleRegex.deferred(r, spec.file, rid, "regex"));
        spec.secretGroup = optional(in).map(Integer::valueOf);
        spec.keywords.addAll(strings(in));
        spec.entropy = optional(in).map(Double::valueOf);
        Optional<String> path = optional(in);
        if (path.isPresent()) {
            spec.path = Optional.of(RegexCompiler.compile(path.get(), spec.file, rid, "path"));
        }
        spec.severity = optional(in).map(Severity::valueOf);
        spec.confidence = optional(in).map(Confidence::valueOf);
        spec.tags.addAll(strings(in));
        spec.checksum = optional(in);
        spec.multiline = optional(in).map(Boolean::valueOf);
        spec.anchored = optional(in).map(Boolean::valueOf);
        int allowlists = in.readInt();
        for (int i = 0; i < allowlists; i++) {
            spec.allowlists.add(allowlist(in, rid));
        }
        spec.truePositives.addAll(examples(in));
        spec.falsePositives.addAll(examples(in));
        spec.skipReport = optional(in).map(Boolean::valueOf);
        int required = in.readInt();
        if (required >= 0) {
            spec.required = new ArrayList<>(required);
            for (int i = 0; i < required; i++) {
                String id = in.readUTF();
                int lines = in.readInt();
                int columns = in.readInt();
                spec.required.add(new RequiredRule(id, lines < 0 ? OptionalInt.empty() : OptionalInt.of(lines),
                        columns < 0 ? OptionalInt.empty() : OptionalInt.of(columns)));
            }
        }
        spec.validate = optional(in);
        return spec;
    }

    private static void allowlist(DataOutputStream out, Allowlist a) throws IOException {
        out.writeUTF(a.description());
        out.writeUTF(a.condition().name());
        out.writeUTF(a.regexTarget().name());
        strings(out, a.regexes() instanceof DeferredPatterns d ? d.written()
                : a.regexes().stream().map(Pattern::pattern).toList());
        strings(out, a.stopwords());
        strings(out, a.paths().stream().map(Pattern::pattern).toList());
        strings(out, a.commits());
        strings(out, List.copyOf(a.targetRules()));
        strings(out, List.copyOf(a.targetTags()));
    }

    private static Allowlist allowlist(DataInputStream in, Optional<String> ruleId) throws IOException,
            ConfigException {
        String description = in.readUTF();
        Allowlist.Condition condition = Allowlist.Condition.valueOf(in.readUTF());
        RegexTarget target = RegexTarget.valueOf(in.readUTF());
        List<RuleRegex> regexes = new ArrayList<>();
        for (String r : strings(in)) {
            regexes.add(RuleRegex.deferred(r, "(built-in pack)", ruleId, "allowlist regexes"));
        }
        List<String> stopwords = strings(in);
        List<Pattern> paths = new ArrayList<>();
        for (String p : strings(in)) {
            paths.add(RegexCompiler.compile(p, "(built-in pack)", ruleId, "allowlist paths"));
        }
        List<String> commits = strings(in);
        Set<String> targetRules = new HashSet<>(strings(in));
        Set<String> targetTags = new HashSet<>(strings(in));
        return new Allowlist(description, condition, target, new DeferredPatterns(regexes), stopwords, paths, commits,
                targetRules, targetTags);
    }

    private static void examples(DataOutputStream out, List<RuleSpec.RawExample> examples) throws IOException {
        out.writeInt(examples.size());
        for (RuleSpec.RawExample e : examples) {
            optional(out, e.path());
            optional(out, e.text());
        }
    }

    private static List<RuleSpec.RawExample> examples(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<RuleSpec.RawExample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new RuleSpec.RawExample(optional(in), optional(in)));
        }
        return out;
    }

    private static void strings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            out.writeUTF(v);
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readUTF());
        }
        return out;
    }

    private static void optional(DataOutputStream out, Optional<String> value) throws IOException {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            out.writeUTF(value.get());
        }
    }

    private static Optional<String> optional(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
    }
}
