package dev.keywarden.engine;

import com.google.re2j.Matcher;
import dev.keywarden.config.Allowlist;
import dev.keywarden.config.Rule;
import dev.keywarden.config.RuleSet;
import dev.keywarden.finding.Confidence;
import dev.keywarden.finding.Content;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Fingerprint;
import dev.keywarden.finding.Location;
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

/**
 * The detection engine: {@code Content -> List<Finding>}, pure and thread-safe.
 *
 * <p>One Aho-Corasick pass over the raw bytes finds every rule keyword; a rule's regex then runs only in windows
 * around its keywords' hits (the keyword's line, or several kilobytes after it for rules whose matches span lines),
 * so content without keywords is never decoded or regex-matched. The secret is taken from the rule's secret group,
 * checked for entropy and checksum, located (1-based line and column), fingerprinted, and tested against the
 * rule's and the global allowlists; allowlisted findings are returned marked as suppressed.
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

    private final RuleSet ruleSet;
    private final Rule[] regexRules;
    private final Rule[] pathOnlyRules;
    private final KeywordIndex keywords;
    private final int[][] rulesByKeyword;
    private final int[] rulesWithoutKeywords;
    private final List<Allowlist> wholeFileAllowlists;

    public Engine(RuleSet ruleSet) {
        this.ruleSet = ruleSet;
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

        Map<String, List<Integer>> byKeyword = new LinkedHashMap<>();
        List<Integer> noKeywords = new ArrayList<>();
        for (int i = 0; i < regexRules.length; i++) {
            if (regexRules[i].keywords().isEmpty()) {
                noKeywords.add(i);
            }
            for (String k : new HashSet<>(regexRules[i].keywords())) {
                byKeyword.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
            }
        }
        List<String> keywordList = new ArrayList<>(byKeyword.keySet());
        keywords = new KeywordIndex(keywordList);
        rulesByKeyword = new int[keywordList.size()][];
        for (int k = 0; k < keywordList.size(); k++) {
            rulesByKeyword[k] = byKeyword.get(keywordList.get(k)).stream().mapToInt(Integer::intValue).toArray();
        }
        rulesWithoutKeywords = noKeywords.stream().mapToInt(Integer::intValue).toArray();
        wholeFileAllowlists = ruleSet.allowlists().stream()
                .filter(a -> a.targetRules().isEmpty() && a.targetTags().isEmpty() && !a.paths().isEmpty())
                .toList();
    }

    public RuleSet ruleSet() {
        return ruleSet;
    }

    /**
     * True when a global path allowlist covers this path (as shown, or relative to the repository root), so the
     * content need not even be read.
     */
    public boolean skipsPath(String path, String repoPath) {
        for (Allowlist a : wholeFileAllowlists) {
            if (a.allowsWholePath(path, repoPath)) {
                return true;
            }
        }
        return false;
    }

    /** Every finding in the content, suppressed ones marked, in no particular order. */
    public List<Finding> scan(Content content) {
        if (skipsPath(content.path(), content.fingerprintPath())) {
            return List.of();
        }
        return new Scan(content).run();
    }

    /** The state of one scan of one content. */
    private final class Scan {
        private final Content content;
        private final byte[] data;
        private final String path;
        private final LineIndex lines;
        private final Window[] windows = new Window[regexRules.length];
        /** 0 unknown, 1 yes, 2 no: whether a rule's path regex admits this path */
        private final byte[] pathAdmits = new byte[regexRules.length];
        private final List<Finding> findings = new ArrayList<>();
        /** the declared confidence of the rule behind each finding, index for index */
        private final List<Confidence> declared = new ArrayList<>();
        private int cachedKeywordStart = -1;
        private int cachedWindowStart;
        private int cachedWindowEnd;
        private boolean cachedMultiline;

        Scan(Content content) {
            this.content = content;
            this.data = content.bytes();
            this.path = content.path();
            this.lines = new LineIndex(data);
        }

        List<Finding> run() {
            for (Rule rule : pathOnlyRules) {
                if (pathMatches(rule.path().orElseThrow())) {
                    fileFinding(rule);
                }
            }
            if (keywords.size() > 0 && data.length > 0) {
                keywords.scan(data, 0, data.length, this::hit);
            }
            for (int r : rulesWithoutKeywords) {
                if (admits(r) && data.length > 0) {
                    window(r).add(0, data.length);
                }
            }
            for (int r = 0; r < regexRules.length; r++) {
                if (windows[r] != null) {
                    match(regexRules[r], windows[r]);
                }
            }
            return withoutWeakerOverlaps();
        }

        /**
         * Drops a finding when a rule of higher declared confidence found a secret overlapping it: the generic
         * rule's match on a GitHub token is the GitHub rule's finding, reported once.
         */
        private List<Finding> withoutWeakerOverlaps() {
            if (findings.size() < 2) {
                return findings;
            }
            List<Finding> kept = new ArrayList<>(findings.size());
            for (int i = 0; i < findings.size(); i++) {
                Finding f = findings.get(i);
                boolean weaker = false;
                for (int j = 0; j < findings.size() && !weaker; j++) {
                    Finding g = findings.get(j);
                    weaker = j != i && declared.get(j).compareTo(declared.get(i)) > 0 && overlaps(f, g);
                }
                if (!weaker) {
                    kept.add(f);
                }
            }
            return kept;
        }

        private boolean overlaps(Finding a, Finding b) {
            if (a.secret().isEmpty() || b.secret().isEmpty()) {
                return false;
            }
            return a.location().startOffset() < b.location().endOffset()
                    && b.location().startOffset() < a.location().endOffset();
        }

        private boolean admits(int r) {
            if (pathAdmits[r] == 0) {
                Optional<com.google.re2j.Pattern> p = regexRules[r].path();
                pathAdmits[r] = (byte) (p.isEmpty() || pathMatches(p.get()) ? 1 : 2);
            }
            return pathAdmits[r] == 1;
        }

        /** A rule's path regex matches the path as shown or relative to the repository root. */
        private boolean pathMatches(com.google.re2j.Pattern pattern) {
            return pattern.matcher(path).find() || pattern.matcher(content.fingerprintPath()).find();
        }

        private Window window(int r) {
            Window w = windows[r];
            if (w == null) {
                w = new Window();
                windows[r] = w;
            }
            return w;
        }

        private void hit(int keyword, int end) {
            int start = end - keywords.length(keyword);
            for (int r : rulesByKeyword[keyword]) {
                if (!admits(r)) {
                    continue;
                }
                boolean multiline = regexRules[r].multiline();
                if (start != cachedKeywordStart || multiline != cachedMultiline) {
                    computeWindow(start, end, multiline);
                }
                window(r).add(cachedWindowStart, cachedWindowEnd);
            }
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
                to = (int) Math.min(data.length, (long) end + reach);
                // finish the line the window ends in, within the single-line limit
                int limit = (int) Math.min(data.length, (long) to + LINE_FORWARD_LIMIT);
                while (to < limit && data[to] != '\n') {
                    to++;
                }
            } else {
                to = end;
                int limit = (int) Math.min(data.length, (long) end + reach);
                while (to < limit && data[to] != '\n') {
                    to++;
                }
            }
            cachedKeywordStart = start;
            cachedMultiline = multiline;
            cachedWindowStart = from;
            cachedWindowEnd = to;
        }

        private void match(Rule rule, Window window) {
            Set<Long> seen = new HashSet<>();
            com.google.re2j.Pattern pattern = rule.regex().orElseThrow();
            for (int w = 0; w < window.size; w++) {
                int from = window.starts[w];
                int to = window.ends[w];
                byte[] slice = from == 0 && to == data.length ? data : Arrays.copyOfRange(data, from, to);
                Matcher m = pattern.matcher(slice);
                while (m.find()) {
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
                    if (s < 0 || e <= s) {
                        continue;
                    }
                    int absStart = from + s;
                    int absEnd = from + e;
                    if (!seen.add(((long) absStart << 32) | absEnd)) {
                        continue;
                    }
                    matchFinding(rule, absStart, absEnd, from + m.start(), from + m.end());
                }
            }
        }

        private void matchFinding(Rule rule, int start, int end, int matchStart, int matchEnd) {
            String secret = new String(data, start, end - start, StandardCharsets.UTF_8);
            double entropy = Entropy.shannon(secret);
            if (rule.entropy() > 0 && entropy < rule.entropy()) {
                return;
            }
            if (rule.skipReport()) {
                return;
            }
            Confidence confidence = rule.confidence();
            if (rule.checksum().isPresent() && !Checksums.valid(rule.checksum().get(), secret)) {
                confidence = Confidence.LOW;
            }
            int line = lines.lineOf(start);
            int column = lines.column(line, start);
            int last = end - 1;
            while (last > start && (data[last] & 0xC0) == 0x80) {
                last--;
            }
            int endLine = lines.lineOf(last);
            int endColumn = lines.column(endLine, last);
            String match = new String(data, matchStart, matchEnd - matchStart, StandardCharsets.UTF_8);
            String lineText = lineText(line, start, end);
            Location location = new Location(path, line + 1, column, endLine + 1, endColumn, start, end);
            emit(rule, location, secret, match, lineText, entropy, confidence);
        }

        private String lineText(int line, int start, int end) {
            int ls = lines.lineStart(line);
            int le = Math.max(ls, lines.lineEnd(line));
            if (le - ls > MAX_LINE_TEXT) {
                ls = Math.max(ls, start - MAX_LINE_TEXT / 2);
                le = Math.min(le, Math.max(end, start) + MAX_LINE_TEXT / 2);
            }
            return new String(data, ls, Math.max(0, le - ls), StandardCharsets.UTF_8);
        }

        private void fileFinding(Rule rule) {
            Location location = new Location(path, 1, 1, 1, 1, 0, 0);
            emit(rule, location, "", "", "", 0, rule.confidence());
        }

        private void emit(Rule rule, Location location, String secret, String match, String lineText,
                          double entropy, Confidence confidence) {
            Allowlist.Subject subject = new Allowlist.Subject(secret, match, lineText, path,
                    content.fingerprintPath(), content.origin().commit());
            Optional<Suppression> suppression = Optional.empty();
            for (Allowlist a : rule.allowlists()) {
                Optional<String> why = a.allows(subject);
                if (why.isPresent()) {
                    suppression = Optional.of(new Suppression(Suppression.Kind.ALLOWLIST, "rule " + why.get()));
                    break;
                }
            }
            if (suppression.isEmpty()) {
                for (Allowlist a : ruleSet.allowlists()) {
                    if (!a.targets(rule)) {
                        continue;
                    }
                    Optional<String> why = a.allows(subject);
                    if (why.isPresent()) {
                        suppression = Optional.of(new Suppression(Suppression.Kind.ALLOWLIST, "global " + why.get()));
                        break;
                    }
                }
            }
            String fingerprint = Fingerprint.of(rule.id(), content.fingerprintPath(), secret);
            declared.add(rule.confidence());
            findings.add(new Finding(rule.id(), rule.description(), rule.severity(), confidence, rule.tags(),
                    location, secret, match, lineText, entropy, fingerprint, content.origin(), suppression));
        }
    }

    /** Merged, ordered windows of one rule in one content. */
    private static final class Window {
        int[] starts = new int[4];
        int[] ends = new int[4];
        int size;

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
