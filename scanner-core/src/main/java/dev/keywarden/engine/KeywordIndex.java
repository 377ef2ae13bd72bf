package dev.keywarden.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aho-Corasick over raw bytes, compiled to a dense DFA with a compressed alphabet: finds every occurrence of every
 * keyword in one pass with one table lookup per byte. ASCII letters match case-insensitively; other bytes match
 * exactly. Immutable and safe to share between threads.
 */
public final class KeywordIndex {

    /** Receives each keyword occurrence: the keyword's index and the offset just past its last byte. */
    @FunctionalInterface
    public interface HitSink {
        void hit(int keyword, int end);
    }

    private final byte[][] keywords;
    /** byte -> alphabet class (case-folded) */
    private final int[] byteClass = new int[256];
    private final int classes;
    /** transitions: delta[state + class], states pre-multiplied by {@code classes} */
    private final int[] delta;
    /** states at or above this (pre-multiplied) value have outputs */
    private final int firstOutputState;
    /** outputs[state / classes - outputBase]: keyword indexes ending in that state */
    private final int[][] outputs;
    private final int outputBase;

    public KeywordIndex(List<String> keywordList) {
        keywords = new byte[keywordList.size()][];
        for (int i = 0; i < keywords.length; i++) {
            keywords[i] = fold(keywordList.get(i).getBytes(StandardCharsets.UTF_8));
            if (keywords[i].length == 0) {
                throw new IllegalArgumentException("empty keyword");
            }
        }
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

        // renumber: states without output first, then states with output, so one comparison tests for output
        int[] renumber = new int[n];
        int id = 0;
        for (int s : order) {
            if (out.get(s).isEmpty()) {
                renumber[s] = id++;
            }
        }
        outputBase = id;
        for (int s : order) {
            if (!out.get(s).isEmpty()) {
                renumber[s] = id++;
            }
        }
        delta = new int[n * classes];
        outputs = new int[n - outputBase][];
        for (int s = 0; s < n; s++) {
            int row = renumber[s] * classes;
            for (int c = 0; c < classes; c++) {
                delta[row + c] = renumber[dfa[s][c]] * classes;
            }
            if (!out.get(s).isEmpty()) {
                outputs[renumber[s] - outputBase] = out.get(s).stream().mapToInt(Integer::intValue).distinct()
                        .toArray();
            }
        }
        firstOutputState = outputBase * classes;
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
        return keywords.length;
    }

    public int length(int keyword) {
        return keywords[keyword].length;
    }

    /** Reports every keyword occurrence in {@code data[from, to)}, in order of end offset. */
    public void scan(byte[] data, int from, int to, HitSink sink) {
        final int[] d = delta;
        final int[] cls = byteClass;
        final int threshold = firstOutputState;
        int state = 0;
        for (int i = from; i < to; i++) {
            state = d[state + cls[data[i] & 0xff]];
            if (state >= threshold) {
                for (int k : outputs[state / classes - outputBase]) {
                    sink.hit(k, i + 1);
                }
            }
        }
    }

    /** Whether any keyword occurs in {@code data[from, to)}. */
    public boolean containsAny(byte[] data, int from, int to) {
        final int[] d = delta;
        final int[] cls = byteClass;
        final int threshold = firstOutputState;
        int state = 0;
        for (int i = from; i < to; i++) {
            state = d[state + cls[data[i] & 0xff]];
            if (state >= threshold) {
                return true;
            }
        }
        return false;
    }
}
