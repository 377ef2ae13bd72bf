package dev.keywarden.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cutting a secret out by line and column counts exactly as the engine reports them. */
class SourceTextTest {
    static Optional<String> cut(String text, int line, int column, int endLine, int endColumn) {
        return SourceText.extract(text.getBytes(StandardCharsets.UTF_8), line, column, endLine, endColumn);
    }

    @Test
    void columnsCountCodePointsNotBytes() {
        assertEquals(Optional.of("tok€n"), cut("a\nκλειδί = \"tok€n\"\n", 2, 11, 2, 15));
    }

    @Test
    void aSecretMaySpanLinesAndCrlf() {
        assertEquals(Optional.of("BEGIN\r\nmiddle\r\nEND"), cut("x\r\nBEGIN\r\nmiddle\r\nEND\r\n", 2, 1, 4, 3));
    }

    @Test
    void aLocationPastTheTextIsNothing() {
        assertEquals(Optional.empty(), cut("short\n", 1, 3, 1, 40));
        assertEquals(Optional.empty(), cut("short\n", 4, 1, 4, 2));
        assertEquals(Optional.empty(), cut("abc", 1, 3, 1, 2));
    }
}
