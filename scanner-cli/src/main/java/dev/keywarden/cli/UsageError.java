package dev.keywarden.cli;

/** A mistake of the user's that is not a flag: exit code 2 with this message. */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message);
    }
}
