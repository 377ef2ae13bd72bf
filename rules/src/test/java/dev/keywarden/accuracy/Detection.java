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
 */
public record Detection(String path, int start, int end, int line, String ruleId, String confidence) {
}
