package dev.keywarden.engine;

import com.google.re2j.Matcher;
import dev.keywarden.config.Allowlist;
import dev.keywarden.config.RequiredRule;
import dev.keywarden.config.Rule;
import dev.keywarden.config.RuleSet;
import dev.keywarden.config.Validators;
import dev.keywarden.engine.decode.Decoder;
import dev.keywarden.engine.decode.EncodedSpan;
import dev.keywarden.finding.Confidence;
import dev.keywarden.finding.Content;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Fingerprint;
import dev.keywarden.finding.Location;
import dev.keywarden.finding.Origin;
import dev.keywarden.finding.RequiredPart;
import dev.keywarden.finding.Suppression;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * The detection engine: {@code Content -> List<Finding>}, pure and thread-safe.
 *
 * <p>One Aho-Corasick pass over the raw bytes finds every rule keyword; a rule's regex then runs only in windows
 * around its keywords' hits (the keyword's line, or several kilobytes after it for rules whose matches span lines),
 * so content without keywords is never decoded or regex-matched. The secret is taken from the rule's secret group,
 * checked for entropy and checksum, located (1-based line and column), fingerprinted, and tested against the
 * rule's and the global allowlists; allowlisted findings are returned marked as suppressed.
 *
 * <p>Paired rules ({@code [[rules.required]]}) report a match only when each rule they require matches nearby; the
 * pair is one finding that names its parts, and the parts are not reported again on their own. Decoders find
 * encoded text (base64 runs, percent-escapes, string escapes: the last two announced by trigger literals in the same
 * keyword pass) and the decoded bytes are scanned by the same engine, to a limited depth; such findings point at the
 * encoded text and say which decoding revealed them.
 */
public final class Engine {
    /** how far back from a keyword we look for the start of its line before cutting the window */
    static final int LINE_BACK_LIMIT = 4096;
    /** how much of a too-long line before the keyword a window keeps */
    static final int LONG_LINE_BACK = 1024;
    /** how far forward from a keyword a single-line window reaches at most */
    static final int LINE_FORWARD_LIMIT = 4096;
    /** how far forward from a keyword a multi-line window reaches */
    static final int MULTILINE_FORWARD = 64 * 1024;
    /** longest line text kept in a finding */
    static final int MAX_LINE_TEXT = 4096;
    /** content with a NUL byte in its first 8 KiB is binary, as git decides: only path rules apply to it */
    public static final int BINARY_PROBE = 8 * 1024;
    /** how many decodings deep encoded text is followed by default ({@code --decode-depth}) */
    public static final int DEFAULT_DECODE_DEPTH = 2;

    private final RuleSet ruleSet;
    private final Rule[] regexRules;
    private final Rule[] pathOnlyRules;
    private final KeywordIndex keywords;
    private final int[][] rulesByKeyword;
    private final int[] rulesWithoutKeywords;
    /**
     * per regex rule: literal sets its matches must each contain one of (beyond its keywords), from
     * {@link RequiredLiterals#conjunction}; a window lacking one is not worth running the regex on
     */
    private final byte[][][][] secondary;
    /** the same sets as byte tables (both cases of a letter) where all their literals are one byte, else null */
    private final boolean[][][] secondaryBytes;
    /** for anchored rules: the regex preceded by one context character, tried with lookingAt */
    /** Per anchored rule, its regex after one byte of context; built when the rule first runs. */
    private final AtomicReferenceArray<com.google.re2j.Pattern> withContext;
    /** Per anchored rule, an automaton that rules out most keyword positions before RE2J runs, or null. */
    private final AtomicReferenceArray<Optional<AnchoredFilter>> anchoredFilters;
    /**
     * per regex rule: a single-line, unanchored rule every match of which holds one of its keywords; a keyword
     * occurrence that no match can pass through ({@link AnchoredFilter#passingThrough}) then adds no window
     */
    private final boolean[] keywordInEveryMatch;
    private final AtomicReferenceArray<Optional<AnchoredFilter>> throughFilters;
    /**
     * Every path pattern, matched in one pass per content: the global whole-file allowlists' paths first, then the
     * path-restricted rules' paths ({@link #pathRestricted} order), then the path-only rules' paths.
     */
    private final PatternPrefilter contentPaths;
    private final int wholeFileCount;
    /** regex rules restricted to paths, and the prefilter over their path regexes */
    private final int[] pathRestricted;
    /** per regex rule: its index in {@link #pathRestricted}, or -1 when it has no path regex */
    private final int[] restrictedSlot;
    private final PatternPrefilter wholeFilePaths;
    /** how many decodings deep to follow encoded text; 0: not at all */
    private final int decodeDepth;
    /** whether helper rules ({@code skipReport}) are reported too: for their examples only */
    private final boolean reportHelpers;
    private final List<Decoder> decoders;
    /** keyword indexes from this one on are decoder triggers, not rule keywords */
    private final int firstTrigger;
    /** per trigger keyword (index - firstTrigger): the index of its decoder */
    private final int[] decoderOfTrigger;
    /** the decoder triggered by runs of base64 characters and the shortest such run, or -1 and 0 */
    private final int runDecoder;
    private final int minRun;
    /** which runs the keyword pass reports, by their first two characters (see {@link KeywordIndex}) */
    private final byte[] runStarts;
    /** per regex rule: the regex-rule indexes of the rules it requires, in the order of {@link Rule#required()} */
    private final int[][] requiredIndex;
    /** per regex rule: whether some paired rule requires it (its matches are kept as parts) */
    private final boolean[] isPart;
    /** paired rules without keywords: evaluated only around their first required rule's matches */
    private final int[] pairedWithoutKeywords;
    /** each rule's declared (or derived) confidence by id, for findings that come back from decoded content */
    private final Map<String, Confidence> confidenceById = new java.util.HashMap<>();

    /** An engine that follows encoded text {@link #DEFAULT_DECODE_DEPTH} decodings deep. */
    public Engine(RuleSet ruleSet) {
        this(ruleSet, DEFAULT_DECODE_DEPTH);
    }

    /** An engine that follows encoded text {@code decodeDepth} decodings deep (0: never decodes). */
    public Engine(RuleSet ruleSet, int decodeDepth) {
        this(ruleSet, decodeDepth, false);
    }

    /**
     * An engine for proving rules by their examples ({@link ExampleChecker}): it also reports the matches of helper
     * rules ({@code skipReport = true}), which a scan only uses as the parts of paired rules, so that their examples
     * can be checked like any other rule's.
     */
    public static Engine reportingHelperRules(RuleSet ruleSet) {
        return new Engine(ruleSet, DEFAULT_DECODE_DEPTH, true);
    }

    private Engine(RuleSet ruleSet, int decodeDepth, boolean reportHelpers) {
        this.reportHelpers = reportHelpers;
        if (decodeDepth < 0) {
            throw new IllegalArgumentException("decodeDepth must not be negative");
        }
        this.ruleSet = ruleSet;
        this.decodeDepth = decodeDepth;
        this.decoders = decodeDepth == 0 ? List.of() : Decoder.all();
        List<Rule> regex = new ArrayList<>();
        List<Rule> pathOnly = new ArrayList<>();
        for (Rule r : ruleSet.rules()) {
            if (r.isPathOnly()) {
                pathOnly.add(r);
            } else {
                regex.add(r);
            }
        }
        regexRules = regex.toArray(Rule[]::new);
        pathOnlyRules = pathOnly.toArray(Rule[]::new);

        Map<String, Integer> indexById = new java.util.HashMap<>();
        for (int i = 0; i < regexRules.length; i++) {
            indexById.put(regexRules[i].id(), i);
        }
        for (Rule r : ruleSet.rules()) {
            confidenceById.put(r.id(), r.confidence());
        }
        requiredIndex = new int[regexRules.length][];
        isPart = new boolean[regexRules.length];
        List<Integer> pairedAlone = new ArrayList<>();
        for (int i = 0; i < regexRules.length; i++) {
            List<RequiredRule> required = regexRules[i].required();
            requiredIndex[i] = new int[required.size()];
            for (int k = 0; k < required.size(); k++) {
                Integer q = indexById.get(required.get(k).ruleId());
                if (q == null) {
                    throw new IllegalArgumentException("rule " + regexRules[i].id() + " requires unknown rule "
                            + required.get(k).ruleId());
                }
                requiredIndex[i][k] = q;
                isPart[q] = true;
            }
            if (!required.isEmpty() && regexRules[i].keywords().isEmpty()) {
                pairedAlone.add(i);
            }
        }
        pairedWithoutKeywords = pairedAlone.stream().mapToInt(Integer::intValue).toArray();

        Map<String, List<Integer>> byKeyword = new LinkedHashMap<>();
        List<Integer> noKeywords = new ArrayList<>();
        for (int i = 0; i < regexRules.length; i++) {
            if (regexRules[i].keywords().isEmpty() && regexRules[i].required().isEmpty()) {
                noKeywords.add(i);
            }
            for (String k : new HashSet<>(regexRules[i].keywords())) {
                byKeyword.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
            }
        }
        List<String> keywordList = new ArrayList<>(byKeyword.keySet());
        firstTrigger = keywordList.size();
        List<Integer> triggerDecoders = new ArrayList<>();
        for (int d = 0; d < decoders.size(); d++) {
            for (String trigger : decoders.get(d).triggers()) {
                keywordList.add(trigger);
                triggerDecoders.add(d);
            }
        }
        decoderOfTrigger = triggerDecoders.stream().mapToInt(Integer::intValue).toArray();
        int runs = -1;
        for (int d = 0; d < decoders.size(); d++) {
            if (decoders.get(d).base64Run() > 0) {
                runs = d;
            }
        }
        runDecoder = runs;
        minRun = runs < 0 ? 0 : decoders.get(runs).base64Run();
        runStarts = runs < 0 ? null : decoders.get(runs).base64RunStarts();
        keywords = new KeywordIndex(keywordList);
        rulesByKeyword = new int[firstTrigger][];
        for (int k = 0; k < firstTrigger; k++) {
            rulesByKeyword[k] = byKeyword.get(keywordList.get(k)).stream().mapToInt(Integer::intValue).toArray();
        }
        rulesWithoutKeywords = noKeywords.stream().mapToInt(Integer::intValue).toArray();
        secondary = new byte[regexRules.length][][][];
        secondaryBytes = new boolean[regexRules.length][][];
        keywordInEveryMatch = new boolean[regexRules.length];
        for (int i = 0; i < regexRules.length; i++) {
            Rule rule = regexRules[i];
            List<Set<String>> literalSets = requiredLiteralSets(rule);
            keywordInEveryMatch[i] = !rule.anchored() && !rule.multiline()
                    && keywordInEveryMatch(rule.keywords(), literalSets);
            secondary[i] = secondaryLiterals(rule, literalSets);
            secondaryBytes[i] = new boolean[secondary[i].length][];
            for (int s = 0; s < secondary[i].length; s++) {
                secondaryBytes[i][s] = singleByteTable(secondary[i][s]);
            }
        }
        withContext = new AtomicReferenceArray<>(regexRules.length);
        List<Integer> restricted = new ArrayList<>();
        for (int i = 0; i < regexRules.length; i++) {
            if (regexRules[i].path().isPresent()) {
                restricted.add(i);
            }
        }
        pathRestricted = restricted.stream().mapToInt(Integer::intValue).toArray();
        restrictedSlot = new int[regexRules.length];
        Arrays.fill(restrictedSlot, -1);
        for (int i = 0; i < pathRestricted.length; i++) {
            restrictedSlot[pathRestricted[i]] = i;
        }
        anchoredFilters = new AtomicReferenceArray<>(regexRules.length);
        throughFilters = new AtomicReferenceArray<>(regexRules.length);
        // a global allowlist allows a whole file when a path matches and no other criterion is required
        List<com.google.re2j.Pattern> wholeFile = ruleSet.allowlists().stream()
                .filter(a -> a.targetRules().isEmpty() && a.targetTags().isEmpty() && a.allowsByPathAlone())
                .flatMap(a -> a.paths().stream()).toList();
        wholeFilePaths = new PatternPrefilter(wholeFile);
        wholeFileCount = wholeFile.size();
        List<com.google.re2j.Pattern> all = new ArrayList<>(wholeFile);
        restricted.forEach(i -> all.add(regexRules[i].path().orElseThrow()));
        pathOnly.forEach(r -> all.add(r.path().orElseThrow()));
        contentPaths = new PatternPrefilter(all);
    }

    /**
     * Anchored rule {@code r}'s regex with one byte of context before it, built on first use (a hook that meets few
     * rules never builds the others); two threads may both build it, and either result is the same.
     */
    private com.google.re2j.Pattern withContext(int r) {
        return builtOnce(withContext, r, i -> com.google.re2j.Pattern.compile("(?s:.)(?:" + source(i) + ")"));
    }

    /** Anchored rule {@code r}'s automaton, built on first use like {@link #withContext(int)}. */
    private Optional<AnchoredFilter> anchoredFilter(int r) {
        return builtOnce(anchoredFilters, r, i -> AnchoredFilter.of(source(i)));
    }

    /** Rule {@code r}'s filter of the places a match passes through, built on first use like the others. */
    private Optional<AnchoredFilter> throughFilter(int r) {
        return builtOnce(throughFilters, r, i -> AnchoredFilter.passingThrough(source(i)));
    }

    /** Regex rule {@code r}'s regex as written. */
    private String source(int r) {
        return regexRules[r].regexSource().orElseThrow();
    }

    /** Entry {@code r} of {@code cache}, made on first use; two threads may both make it, and either is the same. */
    private static <T> T builtOnce(AtomicReferenceArray<T> cache, int r, IntFunction<T> make) {
        T value = cache.get(r);
        if (value == null) {
            value = make.apply(r);
            cache.set(r, value);
        }
        return value;
    }

    /**
     * Whether every match of the rule's regex holds one of its keywords where the keyword pass finds it: one of the
     * regex's required literal sets has an ASCII keyword inside each of its literals (compared in lower case, as
     * keywords match). The engine then skips a keyword that no match can pass through.
     */
    public static boolean keywordInEveryMatch(Rule rule) {
        return rule.regexSource().isPresent() && keywordInEveryMatch(rule.keywords(), requiredLiteralSets(rule));
    }

    private static boolean keywordInEveryMatch(List<String> ruleKeywords, List<Set<String>> literalSets) {
        // ASCII only: the keyword pass folds ASCII letters alone, so a non-ASCII keyword in another case is not found
        // where the regex (?i) matches it
        List<String> keywords = ruleKeywords.stream().filter(Engine::ascii)
                .map(k -> k.toLowerCase(java.util.Locale.ROOT)).toList();
        for (Set<String> set : literalSets) {
            if (!set.isEmpty() && !keywords.isEmpty() && set.stream().allMatch(Engine::ascii)
                    && set.stream().map(x -> x.toLowerCase(java.util.Locale.ROOT))
                            .allMatch(x -> keywords.stream().anyMatch(x::contains))) {
                return true;
            }
        }
        return false;
    }

    private static boolean ascii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    /**
     * The regex's required literal sets (every match holds a literal of each): the pack's come with them, derived by
     * the build; others are derived here.
     */
    private static List<Set<String>> requiredLiteralSets(Rule rule) {
        return rule.ruleRegex().orElseThrow().requiredLiterals()
                .orElseGet(() -> RequiredLiterals.conjunction(rule.regexSource().orElseThrow()));
    }

    /** The required literal sets of a rule that its keywords do not already imply, as folded bytes. */
    private static byte[][][] secondaryLiterals(Rule rule, List<Set<String>> conjunction) {
        List<byte[][]> sets = new ArrayList<>();
        for (Set<String> conjunct : conjunction) {
            // a literal containing another of its set adds nothing: ":=" holds wherever ":" is looked for
            Set<String> set = new java.util.LinkedHashSet<>();
            for (String x : conjunct) {
                if (conjunct.stream().noneMatch(y -> !y.equals(x) && x.contains(y))) {
                    set.add(x);
                }
            }
            boolean impliedByKeywords = !rule.keywords().isEmpty()
                    && rule.keywords().stream().allMatch(k -> set.stream().anyMatch(k::contains));
            if (!impliedByKeywords) {
                sets.add(set.stream().map(x -> x.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new));
            }
        }
        return sets.toArray(byte[][][]::new);
    }

    private static boolean[] singleByteTable(byte[][] set) {
        boolean[] table = new boolean[256];
        for (byte[] literal : set) {
            if (literal.length != 1) {
                return null;
            }
            int b = literal[0] & 0xff;
            table[b] = true;
            if (b >= 'a' && b <= 'z') {
                table[b - 32] = true;
            }
        }
        return table;
    }

    private static String[] paths(String path, String repoPath) {
        return path.equals(repoPath) ? new String[] {path} : new String[] {path, repoPath};
    }

    public RuleSet ruleSet() {
        return ruleSet;
    }

    /**
     * True when a global path allowlist covers this path (as shown, or relative to the repository root), so the
     * content need not even be read.
     */
    public boolean skipsPath(String path, String repoPath) {
        if (wholeFilePaths.size() == 0) {
            return false;
        }
        for (boolean match : wholeFilePaths.matches(paths(path, repoPath))) {
            if (match) {
                return true;
            }
        }
        return false;
    }

    /** Every finding in the content, allowlisted ones included and marked, in no particular order. */
    public List<Finding> scan(Content content) {
        return scan(content, true).findings();
    }

    /**
     * What a scan of one content found, how many allowlisted matches it counted without building them, and whether
     * the content turned out binary (then only path rules were applied).
     */
    public record Scanned(List<Finding> findings, int allowlisted, boolean binary) {
    }

    /**
     * Scans one content. With {@code keepAllowlisted} false, matches an allowlist suppresses are only counted: no
     * location, fingerprint or finding is built for them (most matches of generic rules end there).
     */
    public Scanned scan(Content content, boolean keepAllowlisted) {
        boolean[] pathMatches = contentPaths.size() == 0 ? new boolean[0]
                : contentPaths.matches(paths(content.path(), content.fingerprintPath()));
        for (int i = 0; i < wholeFileCount; i++) {
            if (pathMatches[i]) {
                return new Scanned(List.of(), 0, false);
            }
        }
        Scan scan = new Scan(content, keepAllowlisted, decodeDepth, false, pathMatches);
        List<Finding> found = scan.run();
        return new Scanned(found, scan.allowlisted - scan.weakerShadows(), scan.binary);
    }

    /**
     * The path rules alone, for a file that is not read (binary by its name, or too large): a rule that flags
     * {@code *.p12} or {@code terraform.tfstate} by name still does.
     */
    public Scanned scanPath(String path, String fingerprintPath, Origin origin, boolean keepAllowlisted) {
        return scan(new Content(path, fingerprintPath, new byte[0], origin), keepAllowlisted);
    }

    /** The state of one scan of one content. */
    private final class Scan {
        private final Content content;
        private final byte[] data;
        /** the content is {@code data[0, length)}: the array may be longer (a reader's reused buffer) */
        private final int length;
        private final String path;
        private final LineIndex lines;
        /** each rule's windows, by rule, once the first is added (most contents meet few rules) */
        private Window[] windows;
        /** the rules with windows, in the order they got them */
        private int[] withWindows = new int[8];
        private int withWindowsCount;
        private final List<Finding> findings = new ArrayList<>();
        /** the declared confidence of the rule behind each finding, index for index */
        private final List<Confidence> declared = new ArrayList<>();
        /** this thread's through filters by rule, as first needed */
        private AnchoredFilter.Check[] throughChecks;
        private int cachedKeywordStart = -1;
        private int cachedWindowStart;
        private int cachedWindowEnd;
        private boolean cachedMultiline;

        private final boolean keepAllowlisted;
        /** how many more decodings deep encoded text in this content is followed */
        private final int depth;
        /** whether this is decoded text inside other content (path rules were applied to the content itself) */
        private final boolean decodedText;
        private int allowlisted;
        private boolean binary;
        /** per decoder: start offsets of its triggers, and their count (allocated on the first trigger) */
        private int[][] triggers;
        private int[] triggerCounts;
        /** matches of rules that paired rules require, unsuppressed, in the order found */
        private RequiredParts parts;
        /** findings of paired rules, waiting for their parts */
        private List<Finding> unpaired;
        private List<Integer> unpairedRules;
        /**
         * start, end, declared confidence ordinal and regex-rule index r (-2 - r for a match in decoded text) of the
         * allowlisted matches not built, for the overlap rule
         */
        private int[] shadows = new int[0];
        private int shadowCount;

        /** path pattern matches of the content ({@link #contentPaths} order); decoded text shares its source's */
        private final boolean[] pathMatches;

        Scan(Content content, boolean keepAllowlisted, int depth, boolean decodedText, boolean[] pathMatches) {
            this.pathMatches = pathMatches;
            this.keepAllowlisted = keepAllowlisted;
            this.depth = depth;
            this.decodedText = decodedText;
            this.content = content;
            this.data = content.bytes();
            this.length = content.length();
            this.path = content.path();
            this.lines = new LineIndex(data, length);
        }

        /** Whether regex rule {@code r} applies to this content's path (rules without a path regex always do). */
        private boolean admitted(int r) {
            int slot = restrictedSlot[r];
            return slot < 0 || pathMatches[wholeFileCount + slot];
        }

        List<Finding> run() {
            if (!decodedText) {
                int first = wholeFileCount + pathRestricted.length;
                for (int i = 0; i < pathOnlyRules.length; i++) {
                    if (pathMatches[first + i]) {
                        fileFinding(pathOnlyRules[i]);
                    }
                }
            }
            if (length > 0) {
                int firstNul = runDecoder >= 0 && depth > 0
                        ? keywords.scan(data, 0, length, this::hit, minRun, runStarts, this::run)
                        : keywords.scan(data, 0, length, this::hit);
                if (firstNul >= 0 && firstNul < BINARY_PROBE) {
                    binary = true;
                    return findings; // the path rules' findings only
                }
            }
            for (int r : rulesWithoutKeywords) {
                if (admitted(r) && length > 0) {
                    window(r).add(0, length);
                }
            }
            // in rule order, as matches have always been made
            Arrays.sort(withWindows, 0, withWindowsCount);
            for (int i = 0, n = withWindowsCount; i < n; i++) {
                int r = withWindows[i];
                if (regexRules[r].anchored()) {
                    matchAnchored(r, windows[r]);
                } else {
                    match(r, windows[r]);
                }
            }
            for (int r : pairedWithoutKeywords) {
                if (admitted(r) && parts != null && windowsAroundParts(r)) {
                    match(r, windows[r]);
                }
            }
            if (unpaired != null) {
                pair();
            }
            if (depth > 0 && triggers != null) {
                decode();
            }
            return withoutWeakerOverlaps();
        }

        /**
         * The windows of a paired rule without keywords: the lines within reach of each match of the first rule it
         * requires (the whole content when that requirement sets no line limit). False when there is none.
         */
        private boolean windowsAroundParts(int r) {
            RequiredRule requirement = regexRules[r].required().get(0);
            boolean any = false;
            for (RequiredParts.Match p : parts.of(requiredIndex[r][0])) {
                any = true;
                if (requirement.withinLines().isEmpty()) {
                    window(r).add(0, length);
                    return true;
                }
                int reach = requirement.withinLines().getAsInt();
                int from = p.start();
                for (int n = 0; n <= reach && from > 0; ) {
                    from--;
                    if (data[from] == '\n' && ++n > reach) {
                        from++;
                        break;
                    }
                }
                int to = p.end();
                for (int n = 0; to < length; to++) {
                    if (data[to] == '\n' && ++n > reach) {
                        break;
                    }
                }
                window(r).add(from, to);
            }
            return any;
        }

        /**
         * Keeps each finding of a paired rule that has, for every rule it requires, a match near enough (the
         * nearest one by lines, then columns); the parts of a reported pair are not reported on their own.
         */
        private void pair() {
            Set<String> absorbed = new HashSet<>();
            for (int i = 0; i < unpaired.size(); i++) {
                Finding f = unpaired.get(i);
                int r = unpairedRules.get(i);
                Optional<List<RequiredPart>> found = parts == null ? Optional.empty()
                        : parts.partsOf(f, regexRules[r], requiredIndex[r], regexRules, this::location);
                if (found.isEmpty()) {
                    continue;
                }
                findings.add(f.withRequired(found.get()));
                declared.add(regexRules[r].confidence());
                if (!f.suppressed()) {
                    for (RequiredPart p : found.get()) {
                        absorbed.add(p.ruleId() + "@" + p.location().startOffset());
                    }
                }
            }
            if (!absorbed.isEmpty()) {
                for (int i = findings.size() - 1; i >= 0; i--) {
                    Finding f = findings.get(i);
                    if (f.required().isEmpty() && absorbed.contains(f.ruleId() + "@" + f.location().startOffset())) {
                        findings.remove(i);
                        declared.remove(i);
                    }
                }
            }
        }

        /** A decoder trigger at {@code start}. */
        private void trigger(int keyword, int start) {
            addTrigger(decoderOfTrigger[keyword - firstTrigger], start);
        }

        /** A run of base64 characters starting at {@code start}. */
        private void run(int start) {
            addTrigger(runDecoder, start);
        }

        private void addTrigger(int d, int start) {
            if (triggers == null) {
                triggers = new int[decoders.size()][];
                triggerCounts = new int[decoders.size()];
            }
            int[] list = triggers[d];
            if (list == null) {
                list = new int[8];
                triggers[d] = list;
            } else if (triggerCounts[d] == list.length) {
                list = Arrays.copyOf(list, list.length * 2);
                triggers[d] = list;
            }
            list[triggerCounts[d]++] = start;
        }

        /**
         * Finds encoded text, scans what it decodes to one level less deep, and reports those findings at the
         * encoded text.
         */
        private void decode() {
            for (int d = 0; d < decoders.size(); d++) {
                Decoder decoder = decoders.get(d);
                int count = triggerCounts == null ? 0 : triggerCounts[d];
                if (count == 0) {
                    continue;
                }
                int[] starts = triggers[d];
                Arrays.sort(starts, 0, count);
                for (EncodedSpan span : decoder.spans(data, length, starts, count)) {
                    scanDecoded(span, decoder.name());
                }
            }
        }

        private void scanDecoded(EncodedSpan span, String how) {
            Content decoded = new Content(path, content.fingerprintPath(), span.decoded(), content.origin());
            Scan inner = new Scan(decoded, keepAllowlisted, depth - 1, true, pathMatches);
            List<Finding> found = inner.run();
            allowlisted += inner.allowlisted;
            if (found.isEmpty() && inner.shadowCount == 0) {
                return;
            }
            Location at = location(span.start(), span.end());
            int lineStart = lines.lineStartOf(span.start());
            String lineText = lineText(lineStart, span.start(), span.end());
            for (Finding f : found) {
                findings.add(f.decodedAt(at, lineText, how));
                declared.add(confidenceById.getOrDefault(f.ruleId(), f.confidence()));
            }
            for (int i = 0; i < inner.shadowCount; i++) {
                int rule = inner.shadows[i * 4 + 3];
                shadow(span.start(), span.end(), Confidence.values()[inner.shadows[i * 4 + 2]],
                        rule >= 0 ? -2 - rule : rule);
                allowlisted--; // counted by the inner scan already
            }
        }

        /** The location of the bytes {@code [start, end)} of this content. */
        private Location location(int start, int end) {
            int lineStart = lines.lineStartOf(start);
            int line = lines.lineOf(start);
            int column = lines.column(lineStart, start);
            int last = Math.max(start, end - 1);
            while (last > start && (data[last] & 0xC0) == 0x80) {
                last--;
            }
            int endLine = lines.lineOf(last);
            int endColumn = lines.column(lines.lineStartOf(last), last);
            return new Location(path, line + 1, column, endLine + 1, endColumn, start, end);
        }

        /**
         * Drops a finding when a rule of higher declared confidence found a secret overlapping it: the generic
         * rule's match on a GitHub token is the GitHub rule's finding, reported once.
         */
        private List<Finding> withoutWeakerOverlaps() {
            if (findings.size() + shadowCount < 2 || findings.isEmpty()) {
                return findings;
            }
            Match[] found = findingMatches();
            Match[] shadowed = shadowMatches();
            List<Finding> kept = new ArrayList<>(findings.size());
            for (int i = 0; i < found.length; i++) {
                if (found[i] == null || !found[i].losesToAny(found, i) && !found[i].losesToAny(shadowed, -1)) {
                    kept.add(findings.get(i));
                }
            }
            return kept;
        }

        /**
         * How many of the allowlisted matches only counted ({@link #shadows}) the overlap rule of
         * {@link #withoutWeakerOverlaps} would have dropped had they been built, as they are when allowlisted matches
         * are kept (-v, --include-suppressed): the count leaves them out too, so that it does not depend on those
         * options.
         */
        int weakerShadows() {
            Match[] found = findingMatches();
            Match[] shadowed = shadowMatches();
            int weaker = 0;
            for (int j = 0; j < shadowed.length; j++) {
                if (shadowed[j].losesToAny(found, -1) || shadowed[j].losesToAny(shadowed, j)) {
                    weaker++;
                }
            }
            return weaker;
        }

        /** The findings as matches, in order; null for a file finding, which has no secret and overlaps nothing. */
        private Match[] findingMatches() {
            Match[] matches = new Match[findings.size()];
            for (int i = 0; i < matches.length; i++) {
                Finding f = findings.get(i);
                if (!f.secret().isEmpty()) {
                    matches[i] = new Match(f.location().startOffset(), f.location().endOffset(),
                            declared.get(i).ordinal(), f.ruleId(), f.decoded().isPresent());
                }
            }
            return matches;
        }

        /** The allowlisted matches only counted, as matches. */
        private Match[] shadowMatches() {
            Match[] matches = new Match[shadowCount];
            for (int j = 0; j < shadowCount; j++) {
                int code = shadows[j * 4 + 3];
                int rule = code >= 0 ? code : -2 - code; // -1: a decoded match whose rule is not known
                matches[j] = new Match(shadows[j * 4], shadows[j * 4 + 1], shadows[j * 4 + 2],
                        rule >= 0 ? regexRules[rule].id() : null, code < 0);
            }
            return matches;
        }

        private Window window(int r) {
            if (windows == null) {
                windows = new Window[regexRules.length];
            }
            Window w = windows[r];
            if (w == null) {
                w = new Window();
                windows[r] = w;
                if (withWindowsCount == withWindows.length) {
                    withWindows = Arrays.copyOf(withWindows, withWindowsCount * 2);
                }
                withWindows[withWindowsCount++] = r;
            }
            return w;
        }

        private void hit(int keyword, int end) {
            int start = end - keywords.length(keyword);
            if (keyword >= firstTrigger) {
                trigger(keyword, start);
                return;
            }
            for (int r : rulesByKeyword[keyword]) {
                if (!admitted(r)) {
                    continue;
                }
                if (regexRules[r].anchored()) {
                    window(r).addAnchor(start);
                    continue;
                }
                boolean multiline = regexRules[r].multiline();
                if (start != cachedKeywordStart || multiline != cachedMultiline) {
                    computeWindow(start, end, multiline);
                }
                if (keywordInEveryMatch[r] && !passableHere(r, start, end)) {
                    continue; // no match of the rule can hold this keyword, and every match holds one
                }
                window(r).add(cachedWindowStart, cachedWindowEnd);
            }
        }

        /**
         * Whether a match of single-line rule {@code r} may pass through its keyword at {@code [start, end)}, within
         * the keyword's window (just computed).
         */
        private boolean passableHere(int r, int start, int end) {
            if (throughChecks == null) {
                throughChecks = new AnchoredFilter.Check[regexRules.length];
            }
            AnchoredFilter.Check check = throughChecks[r];
            if (check == null) {
                Optional<AnchoredFilter> filter = throughFilter(r);
                if (filter.isEmpty()) {
                    return true;
                }
                check = filter.get().forThisThread();
                throughChecks[r] = check;
            }
            return check.admitsThrough(data, start, end, cachedWindowEnd, true);
        }

        /** The window a rule's regex runs in around a keyword at {@code [start, end)}. */
        private void computeWindow(int start, int end, boolean multiline) {
            int from = start;
            int lowest = Math.max(0, start - LINE_BACK_LIMIT);
            while (from > lowest && data[from - 1] != '\n') {
                from--;
            }
            if (from > 0 && data[from - 1] != '\n') {
                from = Math.max(0, start - LONG_LINE_BACK);
            }
            int reach = multiline ? MULTILINE_FORWARD : LINE_FORWARD_LIMIT;
            int to;
            if (multiline) {
                to = (int) Math.min(length, (long) end + reach);
                // finish the line the window ends in, within the single-line limit
                int limit = (int) Math.min(length, (long) to + LINE_FORWARD_LIMIT);
                while (to < limit && data[to] != '\n') {
                    to++;
                }
            } else {
                to = end;
                int limit = (int) Math.min(length, (long) end + reach);
                while (to < limit && data[to] != '\n') {
                    to++;
                }
            }
            cachedKeywordStart = start;
            cachedMultiline = multiline;
            cachedWindowStart = from;
            cachedWindowEnd = to;
        }

        private void match(int r, Window window) {
            Rule rule = regexRules[r];
            Set<Long> seen = new HashSet<>();
            com.google.re2j.Pattern pattern = rule.regex().orElseThrow();
            for (int w = 0; w < window.size; w++) {
                int from = window.starts[w];
                int to = window.ends[w];
                if (!secondaryHold(r, from, to)) {
                    continue;
                }
                // the whole array only when it is exactly the content (a reused buffer holds older bytes past it)
                byte[] slice = from == 0 && to == data.length ? data : Arrays.copyOfRange(data, from, to);
                Matcher m = pattern.matcher(slice);
                while (m.find()) {
                    int[] span = secretSpan(rule, m);
                    if (span == null) {
                        continue;
                    }
                    int s = span[0];
                    int e = span[1];
                    int absStart = from + s;
                    int absEnd = from + e;
                    if (!seen.add(((long) absStart << 32) | absEnd)) {
                        continue;
                    }
                    matchFinding(r, absStart, absEnd, from + m.start(), from + m.end());
                }
            }
        }

        /**
         * An anchored rule: the regex is tried at each keyword start only, with the character before it as context
         * (so that {@code \\b} and similar assertions see it), over the rest of the keyword's line (or the
         * multi-line reach).
         */
        private void matchAnchored(int r, Window anchors) {
            Rule rule = regexRules[r];
            AnchoredFilter.Check check = anchoredFilter(r).map(AnchoredFilter::forThisThread).orElse(null);
            // hits arrive by end offset, so a start can repeat out of order: sort, then skip repeats
            Arrays.sort(anchors.starts, 0, anchors.size);
            for (int a = 0; a < anchors.size; a++) {
                int start = anchors.starts[a];
                if (a > 0 && anchors.starts[a - 1] == start) {
                    continue;
                }
                if (check != null && !check.admits(data, start, (int) Math.min(length,
                        (long) start + (rule.multiline() ? MULTILINE_FORWARD : LINE_FORWARD_LIMIT)),
                        !rule.multiline())) {
                    continue; // a superset of the regex cannot match the text RE2J would be given (anchoredEnd)
                }
                int from = start > 0 ? start - 1 : 0;
                int to = anchoredEnd(start, rule.multiline());
                if (!secondaryHold(r, start, to)) {
                    continue;
                }
                byte[] slice = Arrays.copyOfRange(data, from, to);
                Matcher m = (start > 0 ? withContext(r) : rule.regex().orElseThrow()).matcher(slice);
                if (!m.lookingAt()) {
                    continue;
                }
                int[] secret = secretSpan(rule, m);
                if (secret == null) {
                    continue;
                }
                matchFinding(r, from + secret[0], from + secret[1], start, from + m.end());
            }
        }

        private int anchoredEnd(int start, boolean multiline) {
            long reach = multiline ? MULTILINE_FORWARD : LINE_FORWARD_LIMIT;
            int limit = (int) Math.min(length, start + reach);
            if (multiline) {
                return limit;
            }
            int to = start;
            while (to < limit && data[to] != '\n') {
                to++;
            }
            return to;
        }

        /** Whether {@code data[from, to)} holds one literal of every secondary set of rule {@code r}. */
        private boolean secondaryHold(int r, int from, int to) {
            byte[][][] sets = secondary[r];
            for (int s = 0; s < sets.length; s++) {
                boolean[] bytes = secondaryBytes[r][s];
                boolean found = false;
                if (bytes != null) {
                    // every literal of the set is one byte: one pass over the window
                    for (int i = from; i < to && !found; i++) {
                        found = bytes[data[i] & 0xff];
                    }
                } else {
                    for (int i = 0; i < sets[s].length && !found; i++) {
                        found = containsFolded(from, to, sets[s][i]);
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }

        private boolean containsFolded(int from, int to, byte[] literal) {
            int last = to - literal.length;
            byte first = literal[0];
            for (int i = from; i <= last; i++) {
                if (fold(data[i]) == first) {
                    int j = 1;
                    while (j < literal.length && fold(data[i + j]) == literal[j]) {
                        j++;
                    }
                    if (j == literal.length) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static byte fold(byte b) {
            return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
        }

        /** The secret's span in the matcher's input, by the rule's secret group; null when empty. */
        private int[] secretSpan(Rule rule, Matcher m) {
            int s;
            int e;
            if (rule.secretGroup() > 0) {
                s = m.start(rule.secretGroup());
                e = m.end(rule.secretGroup());
            } else {
                s = -1;
                e = -1;
                for (int g = 1; g <= m.groupCount(); g++) {
                    if (m.start(g) >= 0 && m.end(g) > m.start(g)) {
                        s = m.start(g);
                        e = m.end(g);
                        break;
                    }
                }
                if (s < 0) {
                    s = m.start();
                    e = m.end();
                }
            }
            return s < 0 || e <= s ? null : new int[] {s, e};
        }

        private void matchFinding(int r, int start, int end, int matchStart, int matchEnd) {
            Rule rule = regexRules[r];
            String secret = new String(data, start, end - start, StandardCharsets.UTF_8);
            double entropy = Entropy.shannon(secret);
            if (rule.entropy() > 0 && entropy < rule.entropy()) {
                return;
            }
            if (rule.validate().isPresent() && !valid(rule.validate().get(), secret)) {
                return;
            }
            if (rule.skipReport() && !isPart[r] && !reportHelpers) {
                return;
            }
            Confidence confidence = confidence(rule, secret);
            int lineStart = start;
            while (lineStart > 0 && data[lineStart - 1] != '\n') {
                lineStart--;
            }
            String match = new String(data, matchStart, matchEnd - matchStart, StandardCharsets.UTF_8);
            String lineText = lineText(lineStart, start, end);
            Optional<Suppression> suppression = allowlisted(rule, secret, match, lineText);
            if (suppression.isEmpty() && rule.checksum().isPresent()
                    && !Checksums.valid(rule.checksum().get(), secret)) {
                // a made-up, mistyped or truncated token: no issuer accepts it (test fixtures are full of them)
                suppression = Optional.of(new Suppression(Suppression.Kind.ALLOWLIST,
                        "its " + rule.checksum().get() + " checksum does not hold"));
            }
            if (isPart[r] && suppression.isEmpty()) {
                if (parts == null) {
                    parts = new RequiredParts();
                }
                parts.add(r, start, end, secret);
            }
            if (rule.skipReport() && !reportHelpers) {
                return;
            }
            if (suppression.isPresent() && !keepAllowlisted) {
                shadow(start, end, rule.confidence(), r);
                return;
            }
            emit(r, rule, location(start, end), secret, match, lineText, entropy, confidence, suppression);
        }

        /**
         * A match's confidence: the rule's; raised from medium to high when the rule states none and the secret starts
         * with one of its keywords (a provider prefix). A match whose checksum does not hold is suppressed instead.
         */
        private Confidence confidence(Rule rule, String secret) {
            Confidence confidence = rule.confidence();
            if (!rule.confidenceDeclared() && confidence == Confidence.MEDIUM && !rule.isPaired()) {
                for (String k : rule.keywords()) {
                    if (k.length() >= 3 && secret.regionMatches(true, 0, k, 0, k.length())) {
                        confidence = Confidence.HIGH;
                        break;
                    }
                }
            }
            return confidence;
        }

        private boolean valid(String validator, String secret) {
            return switch (validator) {
                case Validators.RANDOM -> RandomValue.looksRandom(secret);
                default -> true;
            };
        }

        /** Counts an allowlisted match that is not built, keeping its span for {@link #withoutWeakerOverlaps}. */
        private void shadow(int start, int end, Confidence declaredConfidence, int rule) {
            allowlisted++;
            if (shadowCount * 4 + 4 > shadows.length) {
                shadows = Arrays.copyOf(shadows, Math.max(16, shadows.length * 2));
            }
            shadows[shadowCount * 4] = start;
            shadows[shadowCount * 4 + 1] = end;
            shadows[shadowCount * 4 + 2] = declaredConfidence.ordinal();
            shadows[shadowCount * 4 + 3] = rule;
            shadowCount++;
        }

        /** Why a match is allowlisted: the rule's own allowlists first, then the global ones that target it. */
        private Optional<Suppression> allowlisted(Rule rule, String secret, String match, String lineText) {
            Allowlist.Subject subject = new Allowlist.Subject(secret, match, lineText, path,
                    content.fingerprintPath(), content.origin().commit());
            for (Allowlist a : rule.allowlists()) {
                Optional<String> why = a.allows(subject);
                if (why.isPresent()) {
                    return Optional.of(new Suppression(Suppression.Kind.ALLOWLIST, "rule " + why.get()));
                }
            }
            for (Allowlist a : ruleSet.allowlists()) {
                if (!a.targets(rule)) {
                    continue;
                }
                Optional<String> why = a.allows(subject);
                if (why.isPresent()) {
                    return Optional.of(new Suppression(Suppression.Kind.ALLOWLIST, "global " + why.get()));
                }
            }
            return Optional.empty();
        }

        private String lineText(int lineStart, int start, int end) {
            int ls = lineStart;
            int le = lines.lineEnd(lineStart);
            if (le - ls > MAX_LINE_TEXT) {
                ls = Math.max(ls, start - MAX_LINE_TEXT / 2);
                le = Math.min(le, Math.max(end, start) + MAX_LINE_TEXT / 2);
            }
            return new String(data, ls, Math.max(0, le - ls), StandardCharsets.UTF_8);
        }

        private void fileFinding(Rule rule) {
            Optional<Suppression> suppression = allowlisted(rule, "", "", "");
            if (suppression.isPresent() && !keepAllowlisted) {
                allowlisted++;
                return;
            }
            emit(-1, rule, new Location(path, 1, 1, 1, 1, 0, 0), "", "", "", 0, rule.confidence(), suppression);
        }

        private void emit(int r, Rule rule, Location location, String secret, String match, String lineText,
                          double entropy, Confidence confidence, Optional<Suppression> suppression) {
            String fingerprint = Fingerprint.of(rule.id(), content.fingerprintPath(), secret);
            Finding finding = new Finding(rule.id(), rule.description(), rule.severity(), confidence, rule.tags(),
                    location, secret, match, lineText, entropy, fingerprint, content.origin(), suppression);
            if (rule.isPaired()) {
                if (unpaired == null) {
                    unpaired = new ArrayList<>();
                    unpairedRules = new ArrayList<>();
                }
                unpaired.add(finding);
                unpairedRules.add(r);
                return;
            }
            declared.add(rule.confidence());
            findings.add(finding);
        }
    }


    /**
     * A match as the overlap rule sees it: its span, its rule's declared confidence (ordinal), its rule and whether it
     * was found in decoded text.
     */
    private record Match(int start, int end, int confidence, String rule, boolean decoded) {
        /**
         * The overlap rule: an overlapping match of a rule that declares a higher confidence wins (the generic rule's
         * match on a GitHub token is the GitHub rule's finding), and a rule's match in raw text wins over its match in
         * the same text decoded (same place, and a fingerprint that does not depend on decoding).
         */
        boolean losesTo(Match other) {
            return other != null && start < other.end && other.start < end && (other.confidence > confidence
                    || (decoded && !other.decoded && rule != null && rule.equals(other.rule)));
        }

        /** Whether it loses to any of {@code others} but the one at {@code self} (-1: none is itself). */
        boolean losesToAny(Match[] others, int self) {
            for (int k = 0; k < others.length; k++) {
                if (k != self && losesTo(others[k])) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Merged, ordered windows of one rule in one content. */
    private static final class Window {
        int[] starts = new int[4];
        int[] ends = new int[4];
        int size;

        /** Records a keyword start for an anchored rule (starts arrive in order; repeats are dropped). */
        void addAnchor(int start) {
            if (size > 0 && starts[size - 1] == start) {
                return;
            }
            append(start, start);
        }

        void add(int from, int to) {
            if (size > 0 && from <= ends[size - 1]) {
                if (to > ends[size - 1]) {
                    ends[size - 1] = to;
                }
                if (from < starts[size - 1]) {
                    starts[size - 1] = from;
                }
                return;
            }
            append(from, to);
        }

        private void append(int from, int to) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            starts[size] = from;
            ends[size] = to;
            size++;
        }
    }
}
