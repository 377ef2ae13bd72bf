package dev.keywarden.remediation;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Cuts a secret out of raw content by the location a finding records, counting exactly as the engine does: lines
 * end at {@code \n}, columns count UTF-8 code points (every byte that is not a continuation byte), the end column is
 * that of the secret's last character.
 */
final class SourceText {
    private SourceText() {
    }

    static Optional<String> extract(byte[] data, int line, int column, int endLine, int endColumn) {
        int start = offset(data, line, column);
        int last = offset(data, endLine, endColumn);
        if (start < 0 || last < 0 || last < start) {
            return Optional.empty();
        }
        int end = last + 1;
        while (end < data.length && (data[end] & 0xC0) == 0x80) {
            end++;
        }
        return Optional.of(new String(data, start, end - start, StandardCharsets.UTF_8));
    }

    /** Byte offset of the character at a 1-based line and column, or -1 when there is none. */
    private static int offset(byte[] data, int line, int column) {
        int at = 0;
        for (int l = 1; l < line; l++) {
            while (at < data.length && data[at] != '\n') {
                at++;
            }
            if (at >= data.length) {
                return -1;
            }
            at++;
        }
        int col = 1;
        while (at < data.length && data[at] != '\n') {
            if ((data[at] & 0xC0) != 0x80) {
                if (col == column) {
                    return at;
                }
                col++;
            }
            at++;
        }
        return -1;
    }
}
