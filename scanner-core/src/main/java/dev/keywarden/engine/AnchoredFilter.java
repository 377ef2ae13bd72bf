package dev.keywarden.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A byte-level automaton that answers, for an anchored rule, "can the regex match starting here?" far faster than
 * RE2J's NFA can find the match: it has no captures, no Unicode decoding, and builds its states lazily (the idea of
 * RE2's lazy DFA). RE2J then runs only where this says yes, to find the match and its groups.
 *
 * <p>Conservative by construction: the automaton accepts a superset of what the regex matches. Every ASCII letter
 * is matched in both cases (as if {@code (?i)} were everywhere); a negated class, {@code .}, {@code \S} and the like
 * accept any non-ASCII code point as 1 to 4 bytes of 0x80 and up; {@code ^}, {@code \A} and word boundaries
 * ({@code \b \B}) always hold. The end of text ({@code $}, {@code \z}) holds only where the text RE2J is given
 * ends: at {@code end}, or for a single-line rule at the first line break (see {@link Check#admits(byte[], int, int,
 * boolean)}); under the {@code m} flag it always holds. Any syntax the reader does not follow, or an automaton that
 * grows too big, gives no filter and RE2J runs as before. State sets are cached per thread, so one filter serves every
 * worker.
 */
public final class AnchoredFilter {
    /** NFAs larger than this (bounded repeats expand) are not worth it. */
    static final int MAX_NFA_STATES = 8192;
    /**
     * Cached automaton states per rule and thread (each a 1 KiB transition row); past this the filter answers yes
     * where it has no state yet, so memory stays bounded (1 MiB per rule and thread) whatever the input.
     */
    static final int MAX_DFA_STATES = 1024;

    private final Nfa nfa;
    private final ThreadLocal<Dfa> dfa;

    private AnchoredFilter(Nfa nfa, boolean through) {
        this.nfa = nfa;
        this.dfa = ThreadLocal.withInitial(() -> new Dfa(nfa, through));
    }

    /** The filter for {@code regex}, or empty when the reader does not follow its syntax or it is too big. */
    public static Optional<AnchoredFilter> of(String regex) {
        return build(regex, false);
    }

    /**
     * The filter that tells whether a match of {@code regex} may pass through a place in the text, wherever in the
     * regex that place falls ({@link Check#admitsThrough}): for a rule whose every match holds one of its keywords,
     * a keyword that no match can pass through needs no regex run around it.
     */
    public static Optional<AnchoredFilter> passingThrough(String regex) {
        return build(regex, true);
    }

    private static Optional<AnchoredFilter> build(String regex, boolean through) {
        try {
            Parser parser = new Parser(regex);
            Node node = parser.alternation();
            if (parser.pos != regex.length()) {
                return Optional.empty();
            }
            Nfa nfa = new Nfa();
            int accept = nfa.state();
            nfa.accept = accept;
            nfa.start = node.build(nfa, accept);
            return Optional.of(new AnchoredFilter(nfa, through));
        } catch (RuntimeException unsupported) {
            return Optional.empty();
        }
    }

    /** Whether the regex may match text starting at {@code data[start]} and ending at or before {@code end}. */
    public boolean admits(byte[] data, int start, int end) {
        return dfa.get().admits(data, start, end, false);
    }

    /** As {@link Check#admits(byte[], int, int, boolean)}. */
    public boolean admits(byte[] data, int start, int end, boolean endsAtLineBreak) {
        return dfa.get().admits(data, start, end, endsAtLineBreak);
    }

    /** This thread's automaton: the same answers as {@link #admits}, for a caller that checks many positions. */
    public Check forThisThread() {
        return dfa.get();
    }

    /** One thread's view of the filter; not to be shared between threads. */
    public sealed interface Check permits Dfa {
        /**
         * Whether the regex may match the text {@code data[start, end)} from its start, where the text ends at
         * {@code end} or, when {@code endsAtLineBreak}, at its first line break if one comes earlier (the text the
         * engine gives RE2J for a single-line rule). The end of text assertion holds only there.
         */
        boolean admits(byte[] data, int start, int end, boolean endsAtLineBreak);

        /**
         * For a filter made by {@link #passingThrough}: whether a match may pass through {@code data[start, past)},
         * that is, whether from some state of the regex the text from {@code start} on, read at least to {@code past},
         * can reach the end of a match, with the end of text where {@link #admits} has it.
         */
        boolean admitsThrough(byte[] data, int start, int past, int end, boolean endsAtLineBreak);
    }

    // ---- the syntax tree -------------------------------------------------------------------------------------------

    /** A piece of regex; {@link #build} wires its states in front of {@code next} and returns its entry state. */
    private sealed interface Node permits Bytes, Seq, Alt, Repeat, EndOfText {
        int build(Nfa nfa, int next);
    }

    /** One character: ASCII bytes of {@code set}, and any non-ASCII code point when {@code nonAscii}. */
    private record Bytes(boolean[] set, boolean nonAscii) implements Node {
        @Override
        public int build(Nfa nfa, int next) {
            int entry = nfa.state();
            boolean any = false;
            for (boolean b : set) {
                any |= b;
            }
            if (any) {
                nfa.edge(entry, set, next);
            }
            if (nonAscii) {
                // a UTF-8 encoded code point: a lead byte then up to three continuation bytes (loosely: 0x80 and up)
                boolean[] high = new boolean[256];
                Arrays.fill(high, 128, 256, true);
                int c1 = nfa.state();
                int c2 = nfa.state();
                int c3 = nfa.state();
                nfa.edge(entry, high, c1);
                nfa.epsilon(c1, next);
                nfa.edge(c1, high, c2);
                nfa.epsilon(c2, next);
                nfa.edge(c2, high, c3);
                nfa.epsilon(c3, next);
                nfa.edge(c3, high, next);
            }
            return entry;
        }
    }

    private record Seq(List<Node> items) implements Node {
        @Override
        public int build(Nfa nfa, int next) {
            int at = next;
            for (int i = items.size() - 1; i >= 0; i--) {
                at = items.get(i).build(nfa, at);
            }
            return at;
        }
    }

    private record Alt(List<Node> branches) implements Node {
        @Override
        public int build(Nfa nfa, int next) {
            int entry = nfa.state();
            for (Node b : branches) {
                nfa.epsilon(entry, b.build(nfa, next));
            }
            return entry;
        }
    }

    /** {@code min} to {@code max} times; {@code max} -1 for no limit. */
    private record Repeat(Node node, int min, int max) implements Node {
        @Override
        public int build(Nfa nfa, int next) {
            int at = next;
            if (max < 0) {
                int loop = nfa.state();
                nfa.epsilon(loop, next);
                nfa.epsilon(loop, node.build(nfa, loop));
                at = loop;
            } else {
                for (int i = 0; i < max - min; i++) {
                    int optional = nfa.state();
                    nfa.epsilon(optional, next);
                    nfa.epsilon(optional, node.build(nfa, at));
                    at = optional;
                }
            }
            for (int i = 0; i < min; i++) {
                at = node.build(nfa, at);
            }
            return at;
        }
    }

    private static final Node EMPTY = new Seq(List.of());

    /** {@code $} or {@code \z}: an edge on the end of the text, which no byte takes. */
    private record EndOfText() implements Node {
        @Override
        public int build(Nfa nfa, int next) {
            int entry = nfa.state();
            nfa.endEdge(entry, next);
            return entry;
        }
    }

    // ---- the NFA ---------------------------------------------------------------------------------------------------

    /** States with byte-set edges and epsilon edges; grows as nodes are built. */
    private static final class Nfa {
        final List<int[]> epsilons = new ArrayList<>();
        final List<List<boolean[]>> edgeSets = new ArrayList<>();
        final List<List<Integer>> edgeTargets = new ArrayList<>();
        /** per state: the states its end-of-text edges lead to */
        final List<int[]> endTargets = new ArrayList<>();
        int start;
        int accept;

        int state() {
            if (epsilons.size() >= MAX_NFA_STATES) {
                throw new IllegalStateException("too many states");
            }
            epsilons.add(new int[0]);
            edgeSets.add(new ArrayList<>(1));
            edgeTargets.add(new ArrayList<>(1));
            endTargets.add(new int[0]);
            return epsilons.size() - 1;
        }

        void epsilon(int from, int to) {
            int[] old = epsilons.get(from);
            int[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = to;
            epsilons.set(from, grown);
        }

        void endEdge(int from, int to) {
            int[] old = endTargets.get(from);
            int[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = to;
            endTargets.set(from, grown);
        }

        void edge(int from, boolean[] set, int to) {
            edgeSets.get(from).add(set);
            edgeTargets.get(from).add(to);
        }

        int size() {
            return epsilons.size();
        }
    }

    // ---- the lazy DFA ----------------------------------------------------------------------------------------------

    /** One thread's cache of NFA state sets and their transitions. */
    private static final class Dfa implements Check {
        private static final int UNKNOWN = -1;
        private static final int DEAD = 0;
        /** in {@link #next}: the transition reaches an accepting state (admits needs no more than that) */
        private static final int ACCEPTS = -2;

        private final Nfa nfa;
        private final Map<StateSet, Integer> ids = new HashMap<>();
        private final List<int[]> sets = new ArrayList<>();
        /** per state: whether it accepts */
        private boolean[] accepting = new boolean[16];
        /** per state: 0 not known yet, 1 the text may end here, 2 it may not */
        private byte[] acceptsAtEnd = new byte[16];
        private int[] next = new int[0];
        private final int startId;
        /** started in every state of the regex (see {@link AnchoredFilter#passingThrough}) */
        private final boolean through;
        private boolean full;
        private final int[] stack;
        private final boolean[] mark;

        Dfa(Nfa nfa, boolean through) {
            this.nfa = nfa;
            this.through = through;
            this.stack = new int[nfa.size()];
            this.mark = new boolean[nfa.size()];
            id(new int[0]); // DEAD
            int[] seeds = through ? java.util.stream.IntStream.range(0, nfa.size()).toArray() : new int[] {nfa.start};
            startId = id(closure(seeds));
        }

        @Override
        public boolean admitsThrough(byte[] data, int start, int past, int end, boolean endsAtLineBreak) {
            if (!through) {
                throw new IllegalStateException("not a filter for places a match passes through");
            }
            int s = startId;
            for (int i = start; i < end; i++) {
                int b = data[i] & 0xff;
                if (b == '\n' && endsAtLineBreak) {
                    return i >= past && acceptsAtEnd(s);
                }
                int t = next[s * 256 + b];
                if (t == UNKNOWN) {
                    t = full ? -1 : step(s, b);
                    if (t < 0) {
                        return true; // too many states: let RE2J decide
                    }
                }
                if (t == DEAD) {
                    return false;
                }
                if (accepting[t] && i + 1 >= past) {
                    return true;
                }
                s = t;
            }
            return end >= past && acceptsAtEnd(s);
        }

        @Override
        public boolean admits(byte[] data, int start, int end, boolean endsAtLineBreak) {
            if (through) {
                throw new IllegalStateException("a filter for places a match passes through");
            }
            int s = startId;
            if (accepting[s]) {
                return true;
            }
            for (int i = start; i < end; i++) {
                int b = data[i] & 0xff;
                if (b == '\n' && endsAtLineBreak) {
                    return acceptsAtEnd(s);
                }
                int t = next[s * 256 + b];
                if (t <= DEAD) { // rare: the end of the walk, or a transition not built yet
                    if (t == DEAD) {
                        return false;
                    }
                    if (t == ACCEPTS) {
                        return true;
                    }
                    t = full ? -1 : step(s, b);
                    if (t < 0) {
                        return true; // too many states: let RE2J decide
                    }
                    if (t == DEAD) {
                        return false;
                    }
                    if (accepting[t]) {
                        return true;
                    }
                }
                s = t;
            }
            return acceptsAtEnd(s);
        }

        /** Whether the regex may match when the text ends in state {@code s} (through its end-of-text edges). */
        private boolean acceptsAtEnd(int s) {
            if (s >= acceptsAtEnd.length) {
                acceptsAtEnd = Arrays.copyOf(acceptsAtEnd, Math.max(s + 1, acceptsAtEnd.length * 2));
            }
            if (acceptsAtEnd[s] == 0) {
                int count = 0;
                int[] targets = new int[8];
                for (int state : sets.get(s)) {
                    for (int t : nfa.endTargets.get(state)) {
                        if (count == targets.length) {
                            targets = Arrays.copyOf(targets, count * 2);
                        }
                        targets[count++] = t;
                    }
                }
                boolean accepts = count > 0 && Arrays.binarySearch(closure(Arrays.copyOf(targets, count)),
                        nfa.accept) >= 0;
                acceptsAtEnd[s] = (byte) (accepts ? 1 : 2);
            }
            return acceptsAtEnd[s] == 1;
        }

        private int step(int s, int b) {
            int[] from = sets.get(s);
            int count = 0;
            int[] moved = new int[8];
            for (int state : from) {
                List<boolean[]> edges = nfa.edgeSets.get(state);
                for (int e = 0; e < edges.size(); e++) {
                    if (edges.get(e)[b]) {
                        if (count == moved.length) {
                            moved = Arrays.copyOf(moved, count * 2);
                        }
                        moved[count++] = nfa.edgeTargets.get(state).get(e);
                    }
                }
            }
            int t = count == 0 ? DEAD : id(closure(Arrays.copyOf(moved, count)));
            if (t >= 0) {
                next[s * 256 + b] = !through && t != DEAD && accepting[t] ? ACCEPTS : t;
            }
            return t;
        }

        private int[] closure(int[] seeds) {
            int top = 0;
            int count = 0;
            int[] out = new int[Math.max(8, seeds.length)];
            for (int seed : seeds) {
                if (!mark[seed]) {
                    mark[seed] = true;
                    stack[top++] = seed;
                }
            }
            while (top > 0) {
                int state = stack[--top];
                if (count == out.length) {
                    out = Arrays.copyOf(out, count * 2);
                }
                out[count++] = state;
                for (int e : nfa.epsilons.get(state)) {
                    if (!mark[e]) {
                        mark[e] = true;
                        stack[top++] = e;
                    }
                }
            }
            int[] result = Arrays.copyOf(out, count);
            for (int state : result) {
                mark[state] = false;
            }
            Arrays.sort(result);
            // keep only states that consume a byte or the end of the text, or accept: the rest add nothing to the set's
            // future
            int kept = 0;
            for (int state : result) {
                if (state == nfa.accept || !nfa.edgeSets.get(state).isEmpty()
                        || nfa.endTargets.get(state).length > 0) {
                    result[kept++] = state;
                }
            }
            return Arrays.copyOf(result, kept);
        }

        private int id(int[] set) {
            StateSet key = new StateSet(set);
            Integer known = ids.get(key);
            if (known != null) {
                return known;
            }
            if (sets.size() >= MAX_DFA_STATES) {
                full = true;
                return -1;
            }
            int id = sets.size();
            ids.put(key, id);
            sets.add(set);
            if (id >= accepting.length) {
                accepting = Arrays.copyOf(accepting, Math.max(16, (id + 1) * 2));
            }
            accepting[id] = Arrays.binarySearch(set, nfa.accept) >= 0;
            if (next.length < (id + 1) * 256) {
                int from = next.length;
                next = Arrays.copyOf(next, Math.max(16, (id + 1) * 2) * 256);
                Arrays.fill(next, from, next.length, UNKNOWN);
            }
            return id;
        }
    }

    private record StateSet(int[] states) {
        @Override
        public boolean equals(Object o) {
            return o instanceof StateSet other && Arrays.equals(states, other.states);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(states);
        }
    }

    // ---- the reader ------------------------------------------------------------------------------------------------

    /** Reads the RE2 syntax the rule pack uses into a tree that accepts a superset; throws on anything else. */
    private static final class Parser {
        private final String re;
        private int pos;

        /** a flag group that sets (or clears: either way, read as set) the m flag */
        private static final java.util.regex.Pattern M_FLAG = java.util.regex.Pattern.compile(
                "\\(\\?[a-zA-Z]*m[a-zA-Z-]*[:)]");

        /** under the m flag anywhere, $ holds at every line end too: then it is read as always holding */
        private final boolean multiLineFlag;

        Parser(String re) {
            this.re = re;
            this.multiLineFlag = M_FLAG.matcher(re).find();
        }

        private Node endOfText() {
            return multiLineFlag ? EMPTY : new EndOfText();
        }

        Node alternation() {
            List<Node> branches = new ArrayList<>();
            branches.add(concatenation());
            while (pos < re.length() && re.charAt(pos) == '|') {
                pos++;
                branches.add(concatenation());
            }
            return branches.size() == 1 ? branches.get(0) : new Alt(branches);
        }

        private Node concatenation() {
            List<Node> items = new ArrayList<>();
            while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
                items.add(repetition(atom()));
            }
            return items.size() == 1 ? items.get(0) : new Seq(items);
        }

        private Node repetition(Node atom) {
            for (RegexSyntax.Repetition r = RegexSyntax.repetition(re, pos); r != null;
                    r = RegexSyntax.repetition(re, pos)) {
                pos = r.end();
                atom = new Repeat(atom, r.min(), r.max());
            }
            return atom;
        }

        private Node atom() {
            char c = re.charAt(pos);
            switch (c) {
                case '(':
                    return group();
                case '[':
                    return charClass();
                case '.':
                    pos++;
                    return anything();
                case '^':
                    pos++;
                    return EMPTY;
                case '$':
                    pos++;
                    return endOfText();
                case '\\':
                    return escape();
                case '*':
                case '+':
                case '?':
                    throw new IllegalStateException("repetition without operand");
                default:
                    int cp = re.codePointAt(pos);
                    pos += Character.charCount(cp);
                    return literal(cp);
            }
        }

        private static Node anything() {
            boolean[] set = new boolean[256];
            Arrays.fill(set, 0, 128, true);
            return new Bytes(set, true);
        }

        /** A character, matched in both cases; a letter may also match a non-ASCII fold (the Kelvin sign for k). */
        private static Node literal(int cp) {
            boolean[] set = new boolean[256];
            if (cp >= 128) {
                return new Bytes(set, true);
            }
            set[cp] = true;
            boolean letter = Character.isLetter(cp);
            if (letter) {
                set[Character.toLowerCase(cp)] = true;
                set[Character.toUpperCase(cp)] = true;
            }
            return new Bytes(set, letter);
        }

        private Node group() {
            pos++; // (
            int body = RegexSyntax.groupBody(re, pos);
            if (body < 0) {
                pos = -body;
                return EMPTY; // flags for the rest of the enclosing group (letters match both cases anyway)
            }
            pos = body;
            Node inner = alternation();
            if (pos >= re.length() || re.charAt(pos) != ')') {
                throw new IllegalStateException("unbalanced");
            }
            pos++;
            return inner;
        }

        /**
         * A class. Positive: its ASCII members in both cases, and non-ASCII when it names any. Negated: every ASCII
         * byte not named (without folding: a superset of the folded negation) and any non-ASCII code point.
         */
        private Node charClass() {
            pos++; // [
            boolean negated = false;
            if (pos < re.length() && re.charAt(pos) == '^') {
                negated = true;
                pos++;
            }
            boolean[] set = new boolean[256];
            boolean nonAscii = false;
            boolean first = true;
            while (pos < re.length() && (re.charAt(pos) != ']' || first)) {
                first = false;
                int lo;
                if (re.charAt(pos) == '\\') {
                    char e = re.charAt(pos + 1);
                    pos += 2;
                    if ("dswDSWpP".indexOf(e) >= 0) {
                        if ((e == 'p' || e == 'P') && pos < re.length() && re.charAt(pos) == '{') {
                            pos = re.indexOf('}', pos) + 1;
                        } else if (e == 'p' || e == 'P') {
                            pos++;
                        }
                        Bytes named = perl(e);
                        for (int b = 0; b < 128; b++) {
                            set[b] |= named.set()[b];
                        }
                        nonAscii |= named.nonAscii();
                        continue;
                    }
                    lo = classEscape(e);
                } else if (re.startsWith("[:", pos)) {
                    throw new IllegalStateException("POSIX class");
                } else {
                    lo = re.codePointAt(pos);
                    pos += Character.charCount(lo);
                }
                int hi = lo;
                if (pos + 1 < re.length() && re.charAt(pos) == '-' && re.charAt(pos + 1) != ']') {
                    pos++;
                    if (re.charAt(pos) == '\\') {
                        char e = re.charAt(pos + 1);
                        pos += 2;
                        hi = classEscape(e);
                    } else {
                        hi = re.codePointAt(pos);
                        pos += Character.charCount(hi);
                    }
                }
                for (int cp = lo; cp <= hi && cp < 128; cp++) {
                    set[cp] = true;
                    if (!negated && Character.isLetter(cp)) {
                        set[Character.toLowerCase(cp)] = true;
                        set[Character.toUpperCase(cp)] = true;
                        nonAscii = true; // k and s fold to non-ASCII letters
                    }
                }
                if (hi >= 128) {
                    nonAscii = true;
                }
            }
            if (pos >= re.length()) {
                throw new IllegalStateException("unterminated class");
            }
            pos++; // ]
            if (!negated) {
                return new Bytes(set, nonAscii);
            }
            boolean[] complement = new boolean[256];
            for (int b = 0; b < 128; b++) {
                complement[b] = !set[b];
            }
            return new Bytes(complement, true);
        }

        private int classEscape(char e) {
            return switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'f' -> '\f';
                case 'v' -> 0x0b;
                case 'a' -> 0x07;
                case 'x' -> {
                    RegexSyntax.Hex hex = RegexSyntax.hex(re, pos);
                    pos = hex.end();
                    yield hex.codePoint();
                }
                default -> {
                    if (Character.isLetterOrDigit(e)) {
                        throw new IllegalStateException("unsupported escape");
                    }
                    yield e;
                }
            };
        }

        /** {@code \d \s \w} (ASCII in RE2) and their negations, and Unicode classes (anything, loosely). */
        private static Bytes perl(char e) {
            boolean[] set = new boolean[256];
            switch (e) {
                case 'd' -> fill(set, '0', '9');
                case 's' -> {
                    for (char c : new char[] {' ', '\t', '\n', '\f', '\r', 0x0b}) {
                        set[c] = true;
                    }
                }
                case 'w' -> {
                    fill(set, '0', '9');
                    fill(set, 'a', 'z');
                    fill(set, 'A', 'Z');
                    set['_'] = true;
                }
                default -> {
                    Arrays.fill(set, 0, 128, true); // \D \S \W \p \P: loosely, anything
                    return new Bytes(set, true);
                }
            }
            return new Bytes(set, false);
        }

        private static void fill(boolean[] set, char from, char to) {
            for (char c = from; c <= to; c++) {
                set[c] = true;
            }
        }

        private Node escape() {
            char e = re.charAt(pos + 1);
            pos += 2;
            switch (e) {
                case 'd', 'w', 's', 'D', 'W', 'S':
                    return perl(e);
                case 'b', 'B', 'A':
                    return EMPTY;
                case 'z':
                    return endOfText();
                case 'p', 'P':
                    if (pos < re.length() && re.charAt(pos) == '{') {
                        pos = re.indexOf('}', pos) + 1;
                    } else {
                        pos++;
                    }
                    return perl('p');
                case 'C':
                    return anything();
                case 'Q': {
                    int end = re.indexOf("\\E", pos);
                    String quoted = end < 0 ? re.substring(pos) : re.substring(pos, end);
                    pos = end < 0 ? re.length() : end + 2;
                    List<Node> items = new ArrayList<>();
                    quoted.codePoints().forEach(cp -> items.add(literal(cp)));
                    return new Seq(items);
                }
                default:
                    return literal(classEscape(e));
            }
        }
    }
}
