package dev.keywarden.engine;

/**
 * Line numbers and columns of offsets in a byte array. Counts newlines on demand from the last offset asked about
 * (or from the start when asked about an earlier one), so content with few findings costs no full pass.
 */
final class LineIndex {
    private final byte[] data;
    /** the content is {@code data[0, length)} */
    private final int length;
    /** a known position: the line containing {@code cursor} and that line's start */
    private int cursor;
    private int cursorLine;
    private int cursorLineStart;

    LineIndex(byte[] data, int length) {
        this.data = data;
        this.length = length;
    }

    /** 0-based line of the byte at {@code offset}. */
    int lineOf(int offset) {
        moveTo(offset);
        return cursorLine;
    }

    /** Start offset of the line containing {@code offset}. */
    int lineStartOf(int offset) {
        moveTo(offset);
        return cursorLineStart;
    }

    private void moveTo(int offset) {
        if (offset < cursor) {
            cursor = 0;
            cursorLine = 0;
            cursorLineStart = 0;
        }
        for (int i = cursor; i < offset; i++) {
            if (data[i] == '\n') {
                cursorLine++;
                cursorLineStart = i + 1;
            }
        }
        cursor = offset;
    }

    /** End of the text of the line starting at {@code lineStart}, before its {@code \n} (and a {@code \r}). */
    int lineEnd(int lineStart) {
        int end = lineStart;
        while (end < length && data[end] != '\n') {
            end++;
        }
        if (end > lineStart && data[end - 1] == '\r') {
            end--;
        }
        return end;
    }

    /** 1-based column, in code points, of the character starting at {@code offset} on the line at {@code lineStart}. */
    int column(int lineStart, int offset) {
        int col = 1;
        for (int i = lineStart; i < offset; i++) {
            if ((data[i] & 0xC0) != 0x80) {
                col++;
            }
        }
        return col;
    }
}
