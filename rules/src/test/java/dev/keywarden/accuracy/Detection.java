package dev.keywarden.accuracy;

/**
 * A reported finding as the scorer sees it: where its secret is and who found it. The secret itself is not kept.
 *
 * @param path       the file, relative to the corpus root, forward slashes
 * @param start      byte offset of the secret in the file
 * @param end        byte offset just past it
 * @param line       1-based line, for the report
 * @param ruleId     the rule that found it
 * @param confidence the finding's confidence, lower case
 * @param parts      byte spans {start, end} of the other parts of a paired finding (the parts it requires)
 */
public record Detection(String path, int start, int end, int line, String ruleId, String confidence,
                        java.util.List<int[]> parts) {
    public Detection(String path, int start, int end, int line, String ruleId, String confidence) {
        this(path, start, end, line, ruleId, confidence, java.util.List.of());
    }

    /** Whether the finding or one of its parts covers bytes of {@code sample}. */
    public boolean covers(Sample sample) {
        return path.equals(sample.path()) && (sample.overlaps(start, end)
                || parts.stream().anyMatch(p -> sample.overlaps(p[0], p[1])));
    }
}
