package dev.keywarden.finding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code .keywardenignore}: one fingerprint per line (32 hex characters, as reports print them); {@code #} starts a
 * comment, anything after the fingerprint on its line is a note. Findings with a listed fingerprint are suppressed.
 */
public final class IgnoreFile implements FindingFilter {
    public static final String NAME = ".keywardenignore";

    /** A line that is not a fingerprint: names the file and the line. */
    public static final class InvalidIgnoreFileException extends Exception {
        public InvalidIgnoreFileException(String message) {
            super(message);
        }
    }

    private final Set<String> fingerprints;
    private final String source;

    private IgnoreFile(Set<String> fingerprints, String source) {
        this.fingerprints = Set.copyOf(fingerprints);
        this.source = source;
    }

    public static IgnoreFile empty() {
        return new IgnoreFile(Set.of(), NAME);
    }

    public static IgnoreFile parse(String source, List<String> lines) throws InvalidIgnoreFileException {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            String fingerprint = content.split("\\s+", 2)[0].toLowerCase(java.util.Locale.ROOT);
            if (!Fingerprint.isWellFormed(fingerprint)) {
                throw new InvalidIgnoreFileException(source + ":" + (i + 1) + ": not a fingerprint (expected 32 hex "
                        + "characters as printed by keywarden)");
            }
            out.add(fingerprint);
        }
        return new IgnoreFile(out, source);
    }

    public static IgnoreFile read(Path file) throws IOException, InvalidIgnoreFileException {
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** The ignore file in {@code dir}, or an empty one when there is none. */
    public static IgnoreFile in(Path dir) throws IOException, InvalidIgnoreFileException {
        Path file = dir.resolve(NAME);
        return Files.isRegularFile(file) ? read(file) : empty();
    }

    public int size() {
        return fingerprints.size();
    }

    @Override
    public Optional<Suppression> suppress(Finding finding) {
        return fingerprints.contains(finding.fingerprint())
                ? Optional.of(new Suppression(Suppression.Kind.IGNORE_FILE, "fingerprint listed in " + source))
                : Optional.empty();
    }
}
