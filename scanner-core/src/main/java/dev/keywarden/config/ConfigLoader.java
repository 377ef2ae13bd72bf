package dev.keywarden.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import dev.keywarden.finding.Confidence;
import dev.keywarden.finding.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads rule sets from TOML: keywarden's own format, which is a superset of gitleaks v8's ({@code [[rules]]},
 * {@code [allowlist]}, {@code [[allowlists]]}, {@code [extend]}, {@code secretGroup}, {@code entropy},
 * {@code keywords}, {@code regexTarget}, {@code stopwords}).
 *
 * <p>Extension follows gitleaks: with {@code [extend] useDefault = true} (or {@code path = "base.toml"}) the file
 * adds to a base; a rule whose id exists in the base overrides the fields it sets and adds its keywords, tags and
 * allowlists; {@code disabledRules} removes base rules and {@code disabledAllowlists} base global allowlists (by
 * description). A file that defines no rules at all extends the default
 * pack unless it says {@code useDefault = false}: a config holding only allowlists never disables detection.
 */
public final class ConfigLoader {
    private static final int MAX_EXTEND_DEPTH = 8;

    /** {@code remediation} belongs to {@code keywarden remediate}, which reads it itself. */
    static final Set<String> ROOT_KEYS = Set.of("title", "description", "minVersion", "extend", "rules", "allowlist",
            "allowlists", "remediation");
    static final Set<String> EXTEND_KEYS = Set.of("useDefault", "path", "disabledRules", "disabledAllowlists");
    static final Set<String> RULE_KEYS = Set.of("id", "description", "regex", "secretGroup", "keywords", "entropy",
            "path", "severity", "confidence", "tags", "checksum", "multiline", "anchor", "allowlist", "allowlists",
            "truePositives", "falsePositives", "skipReport", "required", "validate");
    static final Set<String> REQUIRED_KEYS = Set.of("id", "withinLines", "withinColumns");
    static final Set<String> ALLOWLIST_KEYS = Set.of("description", "condition", "regexTarget", "regexes",
            "stopwords", "paths", "commits", "targetRules", "targetTags");
    static final Set<String> EXAMPLE_KEYS = Set.of("path", "text");

    private final DefaultRulePack defaults;

    public ConfigLoader(DefaultRulePack defaults) {
        this.defaults = defaults;
    }

    /** The default pack alone. */
    public RuleSet loadDefaults() throws ConfigException {
        return defaults.load(this);
    }

    /** A config file, extended as it says. */
    public RuleSet load(Path file) throws ConfigException {
        return build(loadLayered(file, 0, new HashSet<>()));
    }

    /** TOML text, for tests and for the default pack's resources. {@code name} appears in errors. */
    public RuleSet load(String name, String toml) throws ConfigException {
        return build(layer(name, parse(name, toml), null, 0, new HashSet<>(), true));
    }

    /** Parsed rules and allowlists of one or more layered files, in order, ready to build. */
    static final class Layer {
        final Map<String, RuleSpec> rules = new LinkedHashMap<>();
        final List<Allowlist> allowlists = new ArrayList<>();
        final List<String> sources = new ArrayList<>();
    }

    private Layer loadLayered(Path file, int depth, Set<Path> seen) throws ConfigException {
        String name = file.toString();
        Path real;
        String text;
        try {
            real = file.toRealPath();
            text = Files.readString(real, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, "config file not found");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ConfigException(name, "config file is not valid UTF-8");
        } catch (IOException e) {
            throw new ConfigException(name, "cannot read config file: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        if (!seen.add(real)) {
            throw new ConfigException(name, "[extend] path forms a cycle");
        }
        return layer(name, parse(name, text), file.toAbsolutePath().getParent(), depth, seen, true);
    }

    /**
     * One file on top of its base. {@code userFile} is false for the default pack's own files, which never extend
     * anything.
     */
    private Layer layer(String name, ObjectNode root, Path dir, int depth, Set<Path> seen, boolean userFile)
            throws ConfigException {
        TomlFields top = new TomlFields(root, name, Optional.empty(), "the top level");
        top.onlyKeys(ROOT_KEYS);
        top.string("title");
        top.string("description");
        top.string("minVersion");

        List<RuleSpec> ownRules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<ObjectNode> ruleTables = top.tables("rules");
        for (int i = 0; i < ruleTables.size(); i++) {
            RuleSpec spec = parseRule(name, ruleTables.get(i), i + 1, userFile);
            if (!ids.add(spec.id)) {
                throw new ConfigException(name, Optional.of(spec.id), "duplicate rule id");
            }
            ownRules.add(spec);
        }
        List<Allowlist> ownAllowlists = new ArrayList<>();
        for (ObjectNode table : top.tables("allowlist")) {
            ownAllowlists.add(parseAllowlist(name, Optional.empty(), table, "[allowlist]", true, userFile));
        }
        for (ObjectNode table : top.tables("allowlists")) {
            ownAllowlists.add(parseAllowlist(name, Optional.empty(), table, "[[allowlists]]", true, userFile));
        }

        Layer base = null;
        List<String> disabled = List.of();
        List<String> disabledAllowlists = List.of();
        boolean useDefault = userFile && ownRules.isEmpty();
        if (top.has("extend")) {
            if (!userFile) {
                throw top.error("a default pack file cannot [extend]");
            }
            List<ObjectNode> extend = top.tables("extend");
            if (extend.size() != 1) {
                throw top.error("[extend] must be a single table");
            }
            TomlFields ext = new TomlFields(extend.get(0), name, Optional.empty(), "[extend]");
            ext.onlyKeys(EXTEND_KEYS);
            useDefault = ext.bool("useDefault").orElse(useDefault && !ext.has("path"));
            disabled = ext.strings("disabledRules");
            disabledAllowlists = ext.strings("disabledAllowlists");
            Optional<String> basePath = ext.string("path");
            if (basePath.isPresent()) {
                if (depth >= MAX_EXTEND_DEPTH) {
                    throw ext.error("[extend] nests deeper than " + MAX_EXTEND_DEPTH + " files");
                }
                Path resolved = dir == null ? Path.of(basePath.get()) : dir.resolve(basePath.get());
                base = loadLayered(resolved, depth + 1, seen);
            }
        }
        if (useDefault) {
            Layer defaultsLayer = defaults.layer(this);
            if (base != null) {
                mergeInto(defaultsLayer, base);
            }
            base = defaultsLayer;
        }
        Layer result = base == null ? new Layer() : base;
        for (String id : disabled) {
            result.rules.remove(id);
        }
        // a paired rule cannot work without a rule it requires: disabling that rule disables the pair too
        Set<String> gone = new HashSet<>(disabled);
        boolean removed = !gone.isEmpty();
        while (removed) {
            removed = false;
            for (java.util.Iterator<RuleSpec> it = result.rules.values().iterator(); it.hasNext(); ) {
                RuleSpec spec = it.next();
                if (spec.required != null && spec.required.stream().anyMatch(r -> gone.contains(r.ruleId()))) {
                    it.remove();
                    gone.add(spec.id);
                    removed = true;
                }
            }
        }
        for (String description : disabledAllowlists) {
            if (!result.allowlists.removeIf(a -> a.description().equals(description))) {
                throw top.error("[extend] disabledAllowlists names '" + description + "', but no inherited global "
                        + "allowlist has that description");
            }
        }
        Layer own = new Layer();
        own.sources.add(name);
        for (RuleSpec spec : ownRules) {
            own.rules.put(spec.id, spec);
        }
        own.allowlists.addAll(ownAllowlists);
        mergeInto(result, own);
        return result;
    }

    private static void mergeInto(Layer base, Layer top) {
        for (RuleSpec spec : top.rules.values()) {
            RuleSpec existing = base.rules.get(spec.id);
            if (existing == null) {
                base.rules.put(spec.id, spec);
            } else {
                existing.mergeFrom(spec);
            }
        }
        base.allowlists.addAll(top.allowlists);
        base.sources.addAll(top.sources);
    }

    /** Parses one file of the default pack into a layer; duplicate ids across pack files are an error. */
    Layer packLayer(List<Map.Entry<String, String>> files) throws ConfigException {
        Layer pack = new Layer();
        for (Map.Entry<String, String> file : files) {
            Layer one = layer(file.getKey(), parse(file.getKey(), file.getValue()), null, 0, new HashSet<>(), false);
            for (String id : one.rules.keySet()) {
                if (pack.rules.containsKey(id)) {
                    throw new ConfigException(file.getKey(), Optional.of(id), "duplicate rule id (also in "
                            + pack.rules.get(id).file + ")");
                }
            }
            pack.rules.putAll(one.rules);
            pack.allowlists.addAll(one.allowlists);
            pack.sources.add(file.getKey());
        }
        return pack;
    }

    static RuleSet build(Layer layer) throws ConfigException {
        List<Rule> rules = new ArrayList<>();
        for (RuleSpec spec : layer.rules.values()) {
            rules.add(spec.build());
        }
        for (Rule rule : rules) {
            for (RequiredRule required : rule.required()) {
                if (rules.stream().noneMatch(r -> r.id().equals(required.ruleId()) && r.ruleRegex().isPresent())) {
                    throw new ConfigException(rule.source(), Optional.of(rule.id()), "[[rules.required]] names '"
                            + required.ruleId() + "', but no rule with a regex has that id");
                }
            }
        }
        return new RuleSet(rules, layer.allowlists, layer.sources);
    }

    static ObjectNode parse(String name, String toml) throws ConfigException {
        try {
            return TomlTrees.read(toml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException(name, "invalid TOML" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(name, "invalid TOML: " + e.getMessage());
        }
    }

    /**
     * One {@code [[rules]]} table. A user's file ({@code userFile}) has its regex compiled now; the pack's regexes
     * are compiled on first use (the build compiles and tests every one of them).
     */
    private RuleSpec parseRule(String file, ObjectNode table, int index, boolean userFile) throws ConfigException {
        TomlFields anonymous = new TomlFields(table, file, Optional.empty(), "rule #" + index);
        String id = anonymous.requiredString("id").trim();
        if (!validId(id)) {
            throw anonymous.error("rule #" + index + " has an invalid id '" + id + "' (letters, digits, '.', '_', "
                    + "':', '-')");
        }
        Optional<String> rid = Optional.of(id);
        TomlFields f = new TomlFields(table, file, rid, "[[rules]]");
        f.onlyKeys(RULE_KEYS);
        RuleSpec spec = new RuleSpec();
        spec.id = id;
        spec.file = file;
        spec.fromUserFile = userFile;
        spec.description = f.string("description");
        Optional<String> regex = f.string("regex");
        if (regex.isPresent()) {
            if (regex.get().isEmpty()) {
                throw f.error("'regex' is empty");
            }
            spec.regex = Optional.of(userFile ? RuleRegex.compiled(regex.get(), file, rid, "regex")
                    : RuleRegex.deferred(regex.get(), file, rid, "regex"));
        }
        spec.secretGroup = f.integer("secretGroup");
        for (String keyword : f.strings("keywords")) {
            if (keyword.isEmpty()) {
                throw f.error("an entry of 'keywords' is empty");
            }
            spec.keywords.add(keyword.toLowerCase(java.util.Locale.ROOT));
        }
        spec.entropy = f.number("entropy");
        if (spec.entropy.isPresent() && (spec.entropy.get() < 0 || spec.entropy.get() > 32)) {
            throw f.error("'entropy' must be between 0 and 32 bits per character");
        }
        Optional<String> path = f.string("path");
        if (path.isPresent()) {
            spec.path = Optional.of(RegexCompiler.compile(path.get(), file, rid, "path"));
        }
        Optional<String> severity = f.string("severity");
        if (severity.isPresent()) {
            spec.severity = Optional.of(Severity.parse(severity.get()).orElseThrow(() -> f.error("unknown severity '"
                    + severity.get() + "' (critical, high, medium, low, info)")));
        }
        Optional<String> confidence = f.string("confidence");
        if (confidence.isPresent()) {
            spec.confidence = Optional.of(Confidence.parse(confidence.get()).orElseThrow(() -> f.error(
                    "unknown confidence '" + confidence.get() + "' (high, medium, low)")));
        }
        spec.tags.addAll(f.strings("tags"));
        spec.checksum = f.string("checksum");
        spec.multiline = f.bool("multiline");
        Optional<String> anchor = f.string("anchor");
        if (anchor.isPresent()) {
            spec.anchored = Optional.of(switch (anchor.get()) {
                case "keyword" -> true;
                case "line" -> false;
                default -> throw f.error("unknown anchor '" + anchor.get() + "' (keyword, line)");
            });
        }
        spec.skipReport = f.bool("skipReport");
        spec.validate = f.string("validate");
        if (f.has("required")) {
            spec.required = new ArrayList<>();
            for (ObjectNode t : f.tables("required")) {
                TomlFields r = new TomlFields(t, file, rid, "[[rules.required]]");
                r.onlyKeys(REQUIRED_KEYS);
                String requiredId = r.requiredString("id").trim();
                if (requiredId.equals(id)) {
                    throw r.error("[[rules.required]] names the rule itself");
                }
                spec.required.add(new RequiredRule(requiredId, optionalInt(r.integer("withinLines")),
                        optionalInt(r.integer("withinColumns"))));
            }
        }
        for (ObjectNode t : f.tables("allowlist")) {
            spec.allowlists.add(parseAllowlist(file, rid, t, "[rules.allowlist]", false, userFile));
        }
        for (ObjectNode t : f.tables("allowlists")) {
            spec.allowlists.add(parseAllowlist(file, rid, t, "[[rules.allowlists]]", false, userFile));
        }
        spec.truePositives.addAll(examples(f, "truePositives"));
        spec.falsePositives.addAll(examples(f, "falsePositives"));
        return spec;
    }

    /**
     * Whether an id is {@code [A-Za-z0-9][A-Za-z0-9._:-]*}, tested without a regex: {@code String.matches} compiles
     * one per call, and a start-up checks every rule of the pack.
     */
    static boolean validId(String id) {
        if (id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean alnum = c < 128 && Character.isLetterOrDigit(c);
            if (!alnum && (i == 0 || (c != '.' && c != '_' && c != ':' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    private static java.util.OptionalInt optionalInt(Optional<Integer> value) {
        return value.map(java.util.OptionalInt::of).orElse(java.util.OptionalInt.empty());
    }

    private static List<RuleSpec.RawExample> examples(TomlFields f, String key) throws ConfigException {
        if (!f.has(key)) {
            return List.of();
        }
        JsonNode node = f.node(key);
        if (!node.isArray()) {
            throw f.error("'" + key + "' must be an array of strings or of {path, text} tables");
        }
        List<RuleSpec.RawExample> out = new ArrayList<>();
        for (JsonNode e : node) {
            if (e.isTextual()) {
                out.add(new RuleSpec.RawExample(Optional.empty(), Optional.of(e.asText())));
            } else if (e.isObject()) {
                TomlFields ex = new TomlFields((ObjectNode) e, "", Optional.empty(), "an example");
                try {
                    ex.onlyKeys(EXAMPLE_KEYS);
                    Optional<String> path = ex.string("path");
                    Optional<String> text = ex.string("text");
                    if (path.isEmpty() && text.isEmpty()) {
                        throw ex.error("needs 'path' or 'text'");
                    }
                    out.add(new RuleSpec.RawExample(path, text));
                } catch (ConfigException inner) {
                    throw f.error("an example in '" + key + "': " + inner.reason());
                }
            } else {
                throw f.error("'" + key + "' must be an array of strings or of {path, text} tables");
            }
        }
        return out;
    }

    /**
     * One allowlist table. A user's file ({@code userFile}) has its regexes compiled now; the pack's are compiled on
     * first use ({@link DeferredPatterns}; the build compiles them all, see {@link RuleSet#compileAll}).
     */
    private static Allowlist parseAllowlist(String file, Optional<String> ruleId, ObjectNode table, String where,
                                            boolean global, boolean userFile) throws ConfigException {
        TomlFields f = new TomlFields(table, file, ruleId, where);
        f.onlyKeys(ALLOWLIST_KEYS);
        if (!global && (f.has("targetRules") || f.has("targetTags"))) {
            throw f.error("'targetRules' and 'targetTags' belong to global allowlists only");
        }
        Allowlist.Condition condition = Allowlist.Condition.OR;
        Optional<String> cond = f.string("condition");
        if (cond.isPresent()) {
            condition = switch (cond.get().trim().toUpperCase(java.util.Locale.ROOT)) {
                case "OR", "" -> Allowlist.Condition.OR;
                case "AND" -> Allowlist.Condition.AND;
                default -> throw f.error("unknown condition '" + cond.get() + "' (OR, AND)");
            };
        }
        RegexTarget target = RegexTarget.SECRET;
        Optional<String> t = f.string("regexTarget");
        if (t.isPresent()) {
            target = RegexTarget.parse(t.get()).orElseThrow(() -> f.error("unknown regexTarget '" + t.get()
                    + "' (secret, match, line)"));
        }
        List<Pattern> regexes;
        if (userFile) {
            List<Pattern> compiled = new ArrayList<>();
            for (String r : f.strings("regexes")) {
                compiled.add(RegexCompiler.compile(r, file, ruleId, where + " regexes"));
            }
            regexes = compiled;
        } else {
            List<RuleRegex> deferred = new ArrayList<>();
            for (String r : f.strings("regexes")) {
                deferred.add(RuleRegex.deferred(r, file, ruleId, where + " regexes"));
            }
            regexes = new DeferredPatterns(deferred);
        }
        List<Pattern> paths = new ArrayList<>();
        for (String p : f.strings("paths")) {
            paths.add(RegexCompiler.compile(p, file, ruleId, where + " paths"));
        }
        Allowlist allowlist = new Allowlist(f.string("description").orElse(""), condition, target, regexes,
                f.strings("stopwords"), paths, f.strings("commits"), new HashSet<>(f.strings("targetRules")),
                new HashSet<>(f.strings("targetTags")));
        if (allowlist.isEmpty()) {
            throw f.error(where + " has none of 'regexes', 'stopwords', 'paths', 'commits'");
        }
        return allowlist;
    }

    /** Reads a classpath resource as UTF-8 text. */
    static String resource(ClassLoader loader, String name) throws ConfigException {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new ConfigException(name, "missing from the classpath (is the rules jar present?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(name, "cannot read: " + e.getMessage());
        }
    }
}
