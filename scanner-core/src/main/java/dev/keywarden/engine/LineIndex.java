package dev.keywarden.engine;

import java.util.Arrays;

/** Line starts of a byte array, built on first use (only content with a match needs it). */
final class LineIndex {
    private final byte[] data;
    private int[] starts;
    private int count;

    LineIndex(byte[] data) {
        this.data = data;
    }

    private void build() {
        int[] s = new int[64];
        int n = 0;
        s[n++] = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                if (n == s.length) {
                    s = Arrays.copyOf(s, n * 2);
                }
                s[n++] = i + 1;
            }
        }
        starts = s;
        count = n;
    }

    /** 0-based line of the byte at {@code offset}. */
    int lineOf(int offset) {
        if (starts == null) {
            build();
        }
        int i = Arrays.binarySearch(starts, 0, count, offset);
        return i >= 0 ? i : -i - 2;
    }

    int lineStart(int line) {
        return starts[line];
    }

    /** End of the line's text, before its {@code \n} (and a preceding {@code \r}). */
    int lineEnd(int line) {
        int end = line + 1 < count ? starts[line + 1] - 1 : data.length;
        if (end > starts[line] && end <= data.length && end - 1 >= 0 && end - 1 < data.length
                && data[end - 1] == '\r') {
            end--;
        }
        return end;
    }

    /** 1-based column, in code points, of the character starting at {@code offset} on {@code line}. */
    int column(int line, int offset) {
        int col = 1;
        for (int i = starts[line]; i < offset; i++) {
            if ((data[i] & 0xC0) != 0x80) {
                col++;
            }
        }
        return col;
    }
}
