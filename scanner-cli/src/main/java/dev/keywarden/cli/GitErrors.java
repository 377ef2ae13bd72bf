package dev.keywarden.cli;

import dev.keywarden.source.git.GitSourceException;

/** How a repository problem becomes an exit code: the user's mistake is a usage error, a read failure I/O. */
final class GitErrors {
    private GitErrors() {
    }

    static RuntimeException of(GitSourceException e) {
        return e.ioFailure() ? new IoFailure(e.getMessage(), e) : new UsageError(e.getMessage());
    }
}
