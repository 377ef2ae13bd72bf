package dev.keywarden.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aho-Corasick over raw bytes, compiled to a dense DFA indexed by byte: finds every occurrence of every keyword in
 * one pass with one table lookup per byte (a pair-of-bytes prefilter was tried and lost: pairs that
 * start keywords, such as "se", "to" or "pa", start a tenth of all positions in source code). ASCII letters match case-insensitively; other bytes match
 * exactly. Immutable and safe to share between threads.
 */
public final class KeywordIndex {

    /** Receives each keyword occurrence: the keyword's index and the offset just past its last byte. */
    @FunctionalInterface
    public interface HitSink {
        void hit(int keyword, int end);
    }

    private final byte[][] keywords;
    /** index of the hidden NUL keyword, and the (pre-multiplied) state reading a NUL byte always leads to */
    private final int nulKeyword;
    private final int nulState;
    /** length of the longest keyword */
    private final int longest;
    /** while building: byte -> alphabet class (case-folded), and the number of classes */
    private final int[] byteClass = new int[256];
    private final int classes;
    /**
     * transitions indexed by the raw byte: delta[state + (byte & 0xff)], states pre-multiplied by 256. A table
     * by byte class would be smaller, but its extra lookup per byte cost 15% of the pass.
     */
    private final int[] delta;
    /** states at or above this (pre-multiplied) value have outputs */
    private final int firstOutputState;
    /** outputs[state / 256 - outputBase]: keyword indexes ending in that state */
    private final int[][] outputs;
    private final int outputBase;

    public KeywordIndex(List<String> keywordList) {
        // one more, hidden keyword: the NUL byte, so that the same pass tells binary content (see scan)
        keywords = new byte[keywordList.size() + 1][];
        for (int i = 0; i < keywordList.size(); i++) {
            keywords[i] = fold(keywordList.get(i).getBytes(StandardCharsets.UTF_8));
            if (keywords[i].length == 0) {
                throw new IllegalArgumentException("empty keyword");
            }
            for (byte b : keywords[i]) {
                if (b == 0) {
                    throw new IllegalArgumentException("a keyword contains a NUL byte");
                }
            }
        }
        nulKeyword = keywordList.size();
        keywords[nulKeyword] = new byte[] {0};
        int max = 1;
        for (byte[] k : keywords) {
            max = Math.max(max, k.length);
        }
        longest = max;
        // alphabet: class 0 for bytes that occur in no keyword
        int next = 1;
        int[] classOfFolded = new int[256];
        for (byte[] k : keywords) {
            for (byte b : k) {
                if (classOfFolded[b & 0xff] == 0) {
                    classOfFolded[b & 0xff] = next++;
                }
            }
        }
        classes = next;
        for (int b = 0; b < 256; b++) {
            byteClass[b] = classOfFolded[foldByte(b)];
        }

        // trie
        List<int[]> gotoTable = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        gotoTable.add(newRow());
        out.add(new ArrayList<>());
        for (int k = 0; k < keywords.length; k++) {
            int state = 0;
            for (byte b : keywords[k]) {
                int c = classOfFolded[b & 0xff];
                if (gotoTable.get(state)[c] < 0) {
                    gotoTable.add(newRow());
                    out.add(new ArrayList<>());
                    gotoTable.get(state)[c] = gotoTable.size() - 1;
                }
                state = gotoTable.get(state)[c];
            }
            out.get(state).add(k);
        }
        int n = gotoTable.size();

        // failure links by BFS, completing the DFA
        int[] fail = new int[n];
        int[][] dfa = new int[n][];
        for (int s = 0; s < n; s++) {
            dfa[s] = gotoTable.get(s).clone();
        }
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < classes; c++) {
            if (dfa[0][c] < 0) {
                dfa[0][c] = 0;
            } else {
                fail[dfa[0][c]] = 0;
                queue.add(dfa[0][c]);
            }
        }
        List<Integer> order = new ArrayList<>();
        order.add(0);
        while (!queue.isEmpty()) {
            int s = queue.poll();
            order.add(s);
            out.get(s).addAll(out.get(fail[s]));
            for (int c = 0; c < classes; c++) {
                int t = gotoTable.get(s)[c];
                if (t >= 0) {
                    fail[t] = dfa[fail[s]][c];
                    queue.add(t);
                } else {
                    dfa[s][c] = dfa[fail[s]][c];
                }
            }
        }

        // renumber: states without output first, then states with output from a power of two on, so that one
        // comparison tests a state for output and one comparison of two states ORed tests both (see scan)
        int[] renumber = new int[n];
        int id = 0;
        for (int s : order) {
            if (out.get(s).isEmpty()) {
                renumber[s] = id++;
            }
        }
        outputBase = Integer.highestOneBit(Math.max(1, id - 1)) << 1; // rows in between are never reached
        id = outputBase;
        for (int s : order) {
            if (!out.get(s).isEmpty()) {
                renumber[s] = id++;
            }
        }
        delta = new int[id * 256];
        outputs = new int[id - outputBase][];
        for (int s = 0; s < n; s++) {
            int row = renumber[s] * 256;
            for (int b = 0; b < 256; b++) {
                delta[row + b] = renumber[dfa[s][byteClass[b]]] * 256;
            }
            if (!out.get(s).isEmpty()) {
                outputs[renumber[s] - outputBase] = out.get(s).stream().mapToInt(Integer::intValue).distinct()
                        .toArray();
            }
        }
        firstOutputState = outputBase * 256;
        nulState = delta[0];
    }

    private int[] newRow() {
        int[] row = new int[classes];
        Arrays.fill(row, -1);
        return row;
    }

    private static int foldByte(int b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    private static byte[] fold(byte[] bytes) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) foldByte(out[i] & 0xff);
        }
        return out;
    }

    public int size() {
        return nulKeyword;
    }

    public int length(int keyword) {
        return keywords[keyword].length;
    }

    /** Below this length one lane is as fast as two. */
    private static final int TWO_LANES_FROM = 4096;

    /**
     * Reports every keyword occurrence in {@code data[from, to)}, in order of end offset.
     *
     * <p>Each DFA step waits for the previous one, so a single pass is bound by memory latency. Longer inputs are
     * therefore walked as two halves at once, two independent chains the CPU overlaps; the second half starts
     * {@code longest - 1} bytes early so that a keyword across the middle is found, and reports only occurrences
     * that end in its own half. Both halves advance by one index (the second at a fixed offset), and one test of
     * the two states ORed tells whether either has an output: output states start at a power of two.
     *
     * <p>The same pass notes NUL bytes, which no keyword contains, instead of reporting them: the offset of the
     * first one is returned (-1 when there is none), so a caller can tell binary content without a second pass.
     */
    public int scan(byte[] data, int from, int to, HitSink sink) {
        if (to - from < TWO_LANES_FROM) {
            return scanOneLane(data, from, to, sink);
        }
        final int[] d = delta;
        final int threshold = firstOutputState;
        final int mid = from + (to - from) / 2;
        final int offset = Math.max(from, mid - (longest - 1)) - from; // second lane: data[a + offset]
        final int end = from + Math.min(mid - from, to - from - offset);
        int stateA = 0;
        int stateB = 0;
        Hits hitsA = new Hits();
        Hits hitsB = new Hits();
        int a = from;
        for (; a < end; a++) {
            stateA = d[stateA + (data[a] & 0xff)];
            stateB = d[stateB + (data[a + offset] & 0xff)];
            if ((stateA | stateB) >= threshold) {
                if (stateA >= threshold) {
                    hitsA.add(stateA, a + 1);
                }
                if (stateB >= threshold && a + offset >= mid) {
                    hitsB.add(stateB, a + offset + 1);
                }
            }
        }
        int b = a + offset;
        for (; a < mid; a++) {
            stateA = d[stateA + (data[a] & 0xff)];
            if (stateA >= threshold) {
                hitsA.add(stateA, a + 1);
            }
        }
        for (; b < to; b++) {
            stateB = d[stateB + (data[b] & 0xff)];
            if (stateB >= threshold && b >= mid) {
                hitsB.add(stateB, b + 1);
            }
        }
        hitsA.emit(sink);
        hitsB.emit(sink);
        return hitsA.firstNul >= 0 ? hitsA.firstNul : hitsB.firstNul;
    }

    /** Receives the start of each run of base64 characters (see {@link #scan(byte[], int, int, HitSink, int, byte[], RunSink)}). */
    @FunctionalInterface
    public interface RunSink {
        void run(int start);
    }

    /** -1 for the bytes of the standard base64 alphabet, 0 for the others. */
    private static final int[] BASE64_MASK = new int[256];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray()) {
            BASE64_MASK[c] = -1;
        }
    }

    /** In a table of run starts: the byte may be a run's first character. */
    public static final int RUN_FIRST = 1;
    /** In a table of run starts: the byte may be a run's second character. */
    public static final int RUN_SECOND = 2;

    /** A table of run starts that admits every run. */
    public static byte[] everyRun() {
        byte[] starts = new byte[256];
        Arrays.fill(starts, (byte) (RUN_FIRST | RUN_SECOND));
        return starts;
    }

    /**
     * As {@link #scan(byte[], int, int, HitSink)}, and in the same pass reports each run of at least {@code minRun}
     * (at least 2) consecutive base64 characters to {@code runs}, by its start, in order; a run that begins before
     * {@code from} is reported by where it begins in range. The run counter is independent of the DFA's chain of
     * loads, so it costs the pass little: far less than a second pass over the bytes.
     *
     * <p>{@code runStarts} (256 entries, by byte) narrows the runs reported: a run is reported only when its first
     * character has {@link #RUN_FIRST} and its second {@link #RUN_SECOND} in the table. A run that starts at
     * {@code from} is always reported, since it may begin before. Source code is full of runs (every identifier of
     * 16 letters is one): telling most of them apart here saves recording and handing over each.
     */
    public int scan(byte[] data, int from, int to, HitSink sink, int minRun, byte[] runStarts, RunSink runs) {
        if (minRun < 2 || runStarts.length != 256) {
            throw new IllegalArgumentException("minRun must be at least 2 and runStarts have 256 entries");
        }
        if (to - from < TWO_LANES_FROM) {
            return scanOneLaneWithRuns(data, from, to, sink, minRun, runStarts, runs);
        }
        final int[] d = delta;
        final int[] mask = BASE64_MASK;
        final int threshold = firstOutputState;
        final int mid = from + (to - from) / 2;
        final int offset = Math.max(from, mid - (longest - 1)) - from; // second lane: data[a + offset]
        final int end = from + Math.min(mid - from, to - from - offset);
        int stateA = 0;
        int stateB = 0;
        int runA = 0;
        int runB = runBefore(data, from, from + offset, minRun);
        Hits hitsA = new Hits();
        Hits hitsB = new Hits();
        Runs runsA = new Runs();
        Runs runsB = new Runs();
        int a = from;
        for (; a < end; a++) {
            int x = data[a] & 0xff;
            int y = data[a + offset] & 0xff;
            stateA = d[stateA + x];
            stateB = d[stateB + y];
            runA = (runA + 1) & mask[x];
            runB = (runB + 1) & mask[y];
            if ((stateA | stateB) >= threshold) {
                if (stateA >= threshold) {
                    hitsA.add(stateA, a + 1);
                }
                if (stateB >= threshold && a + offset >= mid) {
                    hitsB.add(stateB, a + offset + 1);
                }
            }
            if (runA == minRun && (a + 1 - minRun == from || admitted(data, a + 1 - minRun, runStarts))) {
                runsA.add(a + 1 - minRun);
            }
            if (runB == minRun && a + offset >= mid && admitted(data, a + offset + 1 - minRun, runStarts)) {
                runsB.add(a + offset + 1 - minRun);
            }
        }
        int b = a + offset;
        for (; a < mid; a++) {
            int x = data[a] & 0xff;
            stateA = d[stateA + x];
            runA = (runA + 1) & mask[x];
            if (stateA >= threshold) {
                hitsA.add(stateA, a + 1);
            }
            if (runA == minRun && (a + 1 - minRun == from || admitted(data, a + 1 - minRun, runStarts))) {
                runsA.add(a + 1 - minRun);
            }
        }
        for (; b < to; b++) {
            int y = data[b] & 0xff;
            stateB = d[stateB + y];
            runB = (runB + 1) & mask[y];
            if (stateB >= threshold && b >= mid) {
                hitsB.add(stateB, b + 1);
            }
            if (runB == minRun && b >= mid && admitted(data, b + 1 - minRun, runStarts)) {
                runsB.add(b + 1 - minRun);
            }
        }
        hitsA.emit(sink);
        hitsB.emit(sink);
        runsA.emit(runs);
        runsB.emit(runs);
        return hitsA.firstNul >= 0 ? hitsA.firstNul : hitsB.firstNul;
    }

    /** How many base64 characters end just before {@code at} (at most {@code cap}), not looking before {@code from}. */
    private static int runBefore(byte[] data, int from, int at, int cap) {
        int run = 0;
        for (int i = at - 1; i >= from && run < cap && BASE64_MASK[data[i] & 0xff] != 0; i--) {
            run++;
        }
        return run;
    }

    /**
     * Whether a run found to start at {@code start} is to be reported (see the table of run starts). Small enough
     * for the compiler to inline into the passes.
     */
    private static boolean admitted(byte[] data, int start, byte[] runStarts) {
        return ((runStarts[data[start] & 0xff] << 1) & runStarts[data[start + 1] & 0xff] & RUN_SECOND) != 0;
    }

    private int scanOneLaneWithRuns(byte[] data, int from, int to, HitSink sink, int minRun, byte[] runStarts,
            RunSink runs) {
        final int[] d = delta;
        final int[] mask = BASE64_MASK;
        final int threshold = firstOutputState;
        int state = 0;
        int run = 0;
        int firstNul = -1;
        for (int i = from; i < to; i++) {
            int x = data[i] & 0xff;
            state = d[state + x];
            run = (run + 1) & mask[x];
            if (run == minRun && (i + 1 - minRun == from || admitted(data, i + 1 - minRun, runStarts))) {
                runs.run(i + 1 - minRun);
            }
            if (state >= threshold) {
                if (state == nulState) {
                    if (firstNul < 0) {
                        firstNul = i;
                    }
                    continue;
                }
                for (int k : outputs[state / 256 - outputBase]) {
                    sink.hit(k, i + 1);
                }
            }
        }
        return firstNul;
    }

    /** Run starts recorded by one lane, reported after the pass. */
    private static final class Runs {
        private int[] starts = new int[8];
        private int size;

        void add(int start) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
            }
            starts[size++] = start;
        }

        void emit(RunSink sink) {
            for (int i = 0; i < size; i++) {
                sink.run(starts[i]);
            }
        }
    }

    private int scanOneLane(byte[] data, int from, int to, HitSink sink) {
        final int[] d = delta;
        final int threshold = firstOutputState;
        int state = 0;
        int firstNul = -1;
        for (int i = from; i < to; i++) {
            state = d[state + (data[i] & 0xff)];
            if (state >= threshold) {
                if (state == nulState) {
                    if (firstNul < 0) {
                        firstNul = i;
                    }
                    continue;
                }
                for (int k : outputs[state / 256 - outputBase]) {
                    sink.hit(k, i + 1);
                }
            }
        }
        return firstNul;
    }

    /** Output states and end offsets recorded by one lane, reported after the pass. */
    private final class Hits {
        private int[] pairs = new int[32];
        private int size;
        int firstNul = -1;

        void add(int state, int end) {
            if (state == nulState) {
                if (firstNul < 0) {
                    firstNul = end - 1;
                }
                return;
            }
            if (size + 2 > pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[size++] = state;
            pairs[size++] = end;
        }

        void emit(HitSink sink) {
            for (int i = 0; i < size; i += 2) {
                for (int k : outputs[pairs[i] / 256 - outputBase]) {
                    sink.hit(k, pairs[i + 1]);
                }
            }
        }
    }
}
