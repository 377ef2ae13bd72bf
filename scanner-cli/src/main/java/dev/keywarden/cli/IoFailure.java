package dev.keywarden.cli;

/** An I/O failure that stopped the command: exit code 3 with this message. */
final class IoFailure extends RuntimeException {
    IoFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
