package dev.keywarden.source.git;

/**
 * A repository that cannot be read as asked: not a repository, an unknown ref (the user's to fix), or a repository
 * that fails to open or walk (an I/O problem). The message names the repository, ref or object, never content.
 */
public class GitSourceException extends Exception {
    private final boolean ioFailure;

    public GitSourceException(String message, boolean ioFailure) {
        super(message);
        this.ioFailure = ioFailure;
    }

    /** True for a failure to read (exit code 3), false for a mistake in what was asked (exit code 2). */
    public boolean ioFailure() {
        return ioFailure;
    }
}
