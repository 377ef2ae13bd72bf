package dev.keywarden.finding;

import java.nio.file.Path;
import java.util.Optional;

/** Where scanned content came from. Git origins join this family with the git sources. */
public sealed interface Origin permits Origin.File, Origin.Stdin {

    /** The commit the content belongs to, for allowlisting by commit; empty outside git sources. */
    default Optional<String> commit() {
        return Optional.empty();
    }

    /** A file read from disk. */
    record File(Path file) implements Origin {
    }

    /** Standard input ({@code keywarden scan -}). */
    record Stdin() implements Origin {
    }
}
