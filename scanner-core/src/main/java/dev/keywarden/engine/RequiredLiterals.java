package dev.keywarden.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Derives from a regex a set of literal strings of which every match must contain at least one (the idea of RE2's
 * prefilter), so that a cheap Aho-Corasick pass can rule the regex out before RE2J runs. Conservative: when the
 * regex has no usable literal (every literal shorter than {@link #MIN_LENGTH}, or syntax this reader does not
 * follow), the answer is empty and the regex must always run. Literals are lower-cased: the keyword index matches
 * ASCII case-insensitively, a superset of any case-sensitive regex.
 */
public final class RequiredLiterals {
    /** Shorter literals filter too little to be worth it. */
    public static final int MIN_LENGTH = 3;
    private static final int MAX_SET = 64;

    private final String re;
    private int pos;

    private RequiredLiterals(String regex) {
        this.re = regex;
    }

    /** The literals, or empty when none can be derived. */
    public static Optional<Set<String>> of(String regex) {
        Info info = parse(regex);
        if (info == null) {
            return Optional.empty();
        }
        Set<String> required = info.required != null ? info.required : info.exact;
        if (required == null || required.isEmpty()) {
            return Optional.empty();
        }
        for (String s : required) {
            if (s.length() < MIN_LENGTH || !s.chars().allMatch(c -> c < 128)) {
                return Optional.empty();
            }
        }
        Set<String> lower = new LinkedHashSet<>();
        for (String s : required) {
            lower.add(s.toLowerCase(Locale.ROOT));
        }
        return Optional.of(lower);
    }

    /** The regex as this reader understands it, or null when it does not follow some of its syntax. */
    private static Info parse(String regex) {
        try {
            RequiredLiterals parser = new RequiredLiterals(regex);
            Info info = parser.alternation();
            return parser.pos == regex.length() ? info : null;
        } catch (RuntimeException unsupported) {
            return null;
        }
    }

    /**
     * What a sub-expression can match: {@code exact}, the complete set of strings it matches when that set is
     * small (else null); {@code required}, strings one of which every match contains (null if unknown).
     */
    private record Info(Set<String> exact, Set<String> required, List<Set<String>> all) {
        static final Info UNKNOWN = new Info(null, null, List.of());
        static final Info EMPTY = new Info(Set.of(""), null, List.of());

        Info(Set<String> exact, Set<String> required) {
            this(exact, required, required == null ? List.of() : List.of(required));
        }

        static Info literal(String s) {
            return new Info(Set.of(s), Set.of(s));
        }
    }

    /** Caps on what {@link #conjunction} returns: a few small sets are cheap to test, many are not. */
    private static final int MAX_CONJUNCTION = 8;
    private static final int MAX_CONJUNCT_SIZE = 16;

    /**
     * Every set of literals that each match must contain one of (a conjunction of disjunctions), literals of any
     * length, lower-cased. For {@code token\s*[=:]\s*(\w+)}: [{token}, {=, :}]... when the classes are written as
     * alternations. Empty when the regex is not understood.
     */
    public static List<Set<String>> conjunction(String regex) {
        Info info = parse(regex);
        if (info == null) {
            return List.of();
        }
        List<Set<String>> out = new ArrayList<>();
        for (Set<String> set : info.all) {
            if (set.isEmpty() || set.size() > MAX_CONJUNCT_SIZE || set.contains("")
                    || !set.stream().allMatch(x -> x.chars().allMatch(c -> c < 128))) {
                continue;
            }
            Set<String> lower = new LinkedHashSet<>();
            for (String x : set) {
                lower.add(x.toLowerCase(Locale.ROOT));
            }
            if (!out.contains(lower)) {
                out.add(lower);
            }
            if (out.size() == MAX_CONJUNCTION) {
                break;
            }
        }
        return out;
    }

    private Info alternation() {
        List<Info> branches = new ArrayList<>();
        branches.add(concatenation());
        while (pos < re.length() && re.charAt(pos) == '|') {
            pos++;
            branches.add(concatenation());
        }
        if (branches.size() == 1) {
            return branches.get(0);
        }
        Set<String> exact = new LinkedHashSet<>();
        Set<String> required = new LinkedHashSet<>();
        for (Info b : branches) {
            if (exact != null) {
                if (b.exact == null) {
                    exact = null;
                } else {
                    exact.addAll(b.exact);
                }
            }
            if (required != null) {
                Set<String> r = usable(b);
                if (r == null) {
                    required = null;
                } else {
                    required.addAll(r);
                }
            }
        }
        if (exact != null && exact.size() > MAX_SET) {
            exact = null;
        }
        return new Info(exact, required, required == null ? List.of() : List.of(required));
    }

    /** The best literal set a branch offers: its required set, else its exact set if it has no empty string. */
    private static Set<String> usable(Info info) {
        if (info.required != null) {
            return info.required;
        }
        if (info.exact != null && !info.exact.contains("")) {
            return info.exact;
        }
        return null;
    }

    private Info concatenation() {
        List<Set<String>> candidates = new ArrayList<>();
        List<Set<String>> all = new ArrayList<>();
        Set<String> run = new LinkedHashSet<>(Set.of(""));
        boolean exactSoFar = true;
        while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
            Info item = repetition(atom());
            if (item.exact != null && product(run, item.exact).size() <= MAX_SET) {
                run = product(run, item.exact);
                continue;
            }
            exactSoFar = false;
            candidates.add(run);
            all.add(run);
            run = new LinkedHashSet<>(Set.of(""));
            Set<String> r = usable(item);
            if (r != null) {
                candidates.add(r);
            }
            all.addAll(item.all);
        }
        candidates.add(run);
        all.add(run);
        Set<String> best = null;
        for (Set<String> c : candidates) {
            if (c.contains("")) {
                continue;
            }
            if (best == null || minLength(c) > minLength(best)
                    || (minLength(c) == minLength(best) && c.size() < best.size())) {
                best = c;
            }
        }
        all.removeIf(set -> set.contains(""));
        return new Info(exactSoFar ? run : null, best, all);
    }

    private static int minLength(Set<String> set) {
        return set.stream().mapToInt(String::length).min().orElse(0);
    }

    private static Set<String> product(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>();
        for (String x : a) {
            for (String y : b) {
                out.add(x + y);
                if (out.size() > MAX_SET) {
                    return out;
                }
            }
        }
        return out;
    }

    private Info repetition(Info atom) {
        for (RegexSyntax.Repetition r = RegexSyntax.repetition(re, pos); r != null;
                r = RegexSyntax.repetition(re, pos)) {
            pos = r.end();
            atom = repeat(atom, r.min(), r.max());
        }
        return atom;
    }

    private static Info repeat(Info atom, int min, int max) {
        Set<String> required = min >= 1 ? usable(atom) : null;
        Set<String> exact = null;
        if (atom.exact != null && max >= 0 && max <= 4) {
            exact = new LinkedHashSet<>();
            Set<String> power = new LinkedHashSet<>(Set.of(""));
            for (int i = 0; i <= max && exact.size() <= MAX_SET; i++) {
                if (i >= min) {
                    exact.addAll(power);
                }
                power = product(power, atom.exact);
            }
            if (exact.size() > MAX_SET) {
                exact = null;
            }
        }
        return new Info(exact, required, min >= 1 ? atom.all : List.of());
    }

    private Info atom() {
        char c = re.charAt(pos);
        switch (c) {
            case '(':
                return group();
            case '[':
                skipClass();
                return Info.UNKNOWN;
            case '.':
                pos++;
                return Info.UNKNOWN;
            case '^':
            case '$':
                pos++;
                return Info.EMPTY;
            case '\\':
                return escape();
            case '*':
            case '+':
            case '?':
                throw new IllegalStateException("repetition without operand");
            default:
                int cp = re.codePointAt(pos);
                pos += Character.charCount(cp);
                return Info.literal(new String(Character.toChars(cp)));
        }
    }

    private Info group() {
        pos++; // (
        int body = RegexSyntax.groupBody(re, pos);
        if (body < 0) {
            pos = -body;
            return Info.EMPTY; // flags for the rest of the enclosing group
        }
        pos = body;
        Info inner = alternation();
        if (pos >= re.length() || re.charAt(pos) != ')') {
            throw new IllegalStateException("unbalanced");
        }
        pos++;
        return inner;
    }

    private void skipClass() {
        pos++; // [
        if (pos < re.length() && re.charAt(pos) == '^') {
            pos++;
        }
        if (pos < re.length() && re.charAt(pos) == ']') {
            pos++;
        }
        while (pos < re.length() && re.charAt(pos) != ']') {
            if (re.charAt(pos) == '\\') {
                pos += 2;
            } else if (re.startsWith("[:", pos)) {
                pos = re.indexOf(":]", pos) + 2;
            } else {
                pos++;
            }
        }
        if (pos >= re.length()) {
            throw new IllegalStateException("unterminated class");
        }
        pos++; // ]
    }

    private Info escape() {
        char e = re.charAt(pos + 1);
        pos += 2;
        switch (e) {
            case 'd', 'D', 'w', 'W', 's', 'S', 'C':
                return Info.UNKNOWN;
            case 'b', 'B', 'A', 'z':
                return Info.EMPTY;
            case 'p', 'P':
                if (pos < re.length() && re.charAt(pos) == '{') {
                    pos = re.indexOf('}', pos) + 1;
                } else {
                    pos++;
                }
                return Info.UNKNOWN;
            case 'n':
                return Info.literal("\n");
            case 't':
                return Info.literal("\t");
            case 'r':
                return Info.literal("\r");
            case 'f':
                return Info.literal("\f");
            case 'v':
                return Info.literal("\u000b");
            case 'a':
                return Info.literal("\u0007");
            case 'x': {
                RegexSyntax.Hex hex = RegexSyntax.hex(re, pos);
                pos = hex.end();
                return Info.literal(new String(Character.toChars(hex.codePoint())));
            }
            case 'Q': {
                int end = re.indexOf("\\E", pos);
                String quoted = end < 0 ? re.substring(pos) : re.substring(pos, end);
                pos = end < 0 ? re.length() : end + 2;
                return quoted.isEmpty() ? Info.EMPTY : Info.literal(quoted);
            }
            default:
                if (Character.isLetterOrDigit(e)) {
                    throw new IllegalStateException("unsupported escape");
                }
                return Info.literal(String.valueOf(e));
        }
    }
}
