package dev.keywarden.cli;

/** keywarden's exit codes, stable and documented in the README. */
public final class ExitCodes {
    /** The scan completed and found nothing to report. */
    public static final int CLEAN = 0;
    /** The scan found secrets (changeable with {@code --exit-code}). */
    public static final int FINDINGS = 1;
    /** Bad usage or configuration: unknown flag, bad value, missing path, malformed rule file. */
    public static final int USAGE = 2;
    /** An I/O failure stopped the scan or the report (unreadable root, output not writable). */
    public static final int IO_FAILURE = 3;
    /** A bug in keywarden. */
    public static final int INTERNAL = 4;

    private ExitCodes() {
    }
}
