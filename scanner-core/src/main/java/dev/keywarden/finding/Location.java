package dev.keywarden.finding;

/**
 * Where a secret sits: 1-based line and column of its first character and of its last character (inclusive),
 * columns counted in Unicode code points; plus the byte offsets of the secret in the scanned content.
 */
public record Location(String path, int line, int column, int endLine, int endColumn, int startOffset,
                       int endOffset) {
    public Location {
        if (line < 1 || column < 1 || endLine < line || endColumn < 1) {
            throw new IllegalArgumentException("invalid location " + line + ":" + column + "-" + endLine + ":"
                    + endColumn);
        }
    }
}
