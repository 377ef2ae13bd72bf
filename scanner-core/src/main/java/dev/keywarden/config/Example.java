package dev.keywarden.config;

import java.util.Optional;

/**
 * A rule's example: text scanned as if it were a file. For a rule that matches only by path, the example is the
 * path and the text is empty.
 */
public record Example(Optional<String> path, String text) {
    public static final String DEFAULT_PATH = "example.txt";

    public String pathOrDefault() {
        return path.orElse(DEFAULT_PATH);
    }
}
