package dev.keywarden.finding;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where scanned content came from. */
public sealed interface Origin permits Origin.File, Origin.Stdin, Origin.GitBlob, Origin.GitMessage,
        Origin.GitIndex {

    /** The commit the content belongs to, for allowlisting by commit; empty outside git sources. */
    default Optional<String> commit() {
        return Optional.empty();
    }

    /** The commit's details, for git sources. */
    default Optional<CommitInfo> commitInfo() {
        return Optional.empty();
    }

    /** A file read from disk. */
    record File(Path file) implements Origin {
    }

    /** Standard input ({@code keywarden scan -}). */
    record Stdin() implements Origin {
    }

    /**
     * A blob of a git history, attributed to the commit that introduced it at its path.
     *
     * @param blob        the blob id
     * @param introduced  the commit that introduced the blob at this path (the first in history order)
     * @param atHead      whether the secret is still present at HEAD of the default branch (set once the whole
     *                    history is scanned; empty before)
     * @param elsewhere   other commits and paths where the same secret appears, when asked for
     */
    record GitBlob(String blob, CommitInfo introduced, Optional<Boolean> atHead, List<GitLocation> elsewhere)
            implements Origin {
        public GitBlob {
            elsewhere = List.copyOf(elsewhere);
        }

        @Override
        public Optional<String> commit() {
            return Optional.of(introduced.id());
        }

        @Override
        public Optional<CommitInfo> commitInfo() {
            return Optional.of(introduced);
        }
    }

    /** A commit's message. */
    record GitMessage(CommitInfo info) implements Origin {
        @Override
        public Optional<String> commit() {
            return Optional.of(info.id());
        }

        @Override
        public Optional<CommitInfo> commitInfo() {
            return Optional.of(info);
        }
    }

    /** A blob staged in the index, about to be committed. */
    record GitIndex(String blob) implements Origin {
    }

    /** A commit's identity and the facts a report shows about it. */
    record CommitInfo(String id, String authorName, String authorEmail, Instant date, String subject) {
    }

    /** Another place a secret appears in history. */
    record GitLocation(String commit, String path) {
    }
}
