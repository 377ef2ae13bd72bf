package dev.keywarden.baseline;

/**
 * A baseline file that cannot be used: names the file (and the line or entry) and says what is wrong. The message
 * never quotes the file's content, since a gitleaks report given as a baseline may hold secrets.
 */
public final class InvalidBaselineException extends Exception {
    public InvalidBaselineException(String message) {
        super(message);
    }
}
