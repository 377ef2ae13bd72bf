package dev.keywarden.remediation;

/**
 * A remediation run cannot go on: bad input or configuration (the user can fix it) or an I/O failure. Messages
 * never hold a secret.
 */
public final class RemediationException extends Exception {
    /** What kind of failure, which the CLI turns into an exit code. */
    public enum Kind { USAGE, IO }

    private final Kind kind;

    private RemediationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static RemediationException usage(String message) {
        return new RemediationException(Kind.USAGE, message, null);
    }

    public static RemediationException io(String message) {
        return new RemediationException(Kind.IO, message, null);
    }

    public static RemediationException io(String message, Throwable cause) {
        return new RemediationException(Kind.IO, message, cause);
    }

    public Kind kind() {
        return kind;
    }
}
