package dev.keywarden.accuracy;

import java.util.Objects;
import java.util.Optional;

/**
 * One labelled span of the corpus.
 *
 * @param path  the file, relative to the corpus root, with forward slashes
 * @param start byte offset of the span's first byte in the file
 * @param end   byte offset just past the span
 * @param line  1-based line of the span's first byte
 * @param type  the credential type: what the secret is, or for a decoy, the credential it looks like
 * @param kind  {@link Kind#SECRET}, or the kind of look-alike
 * @param form  how the text is written (plain, base64, ...)
 * @param needs in-flight work this case depends on, if any
 */
public record Sample(String path, int start, int end, int line, String type, Kind kind, Form form,
                     Optional<Needs> needs) {
    public Sample {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(needs, "needs");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("empty span " + start + ".." + end + " in " + path);
        }
    }

    public boolean secret() {
        return kind.secret();
    }

    /** Whether the byte range {@code [from, to)} of the same file overlaps this span. */
    public boolean overlaps(int from, int to) {
        return from < end && start < to;
    }

    /** Whether this case waits for work that has not merged yet. */
    public boolean pending() {
        return needs.isPresent() && Needs.NOT_YET_MERGED.contains(needs.get());
    }

    @Override
    public String toString() {
        return path + ":" + line + " " + type + " (" + kind.label() + (form == Form.PLAIN ? "" : ", " + form.label())
                + needs.map(n -> ", needs " + n.label()).orElse("") + ")";
    }
}
