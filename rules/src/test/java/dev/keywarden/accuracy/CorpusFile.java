package dev.keywarden.accuracy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One corpus file written piece by piece: plain text, secrets and decoys. Each secret or decoy becomes a
 * {@link Sample} whose span is exactly the bytes appended for it, so labels cannot drift from the content.
 */
public final class CorpusFile {
    private final String path;
    private final String format;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<Sample> samples = new ArrayList<>();
    private int line = 1;

    /**
     * @param path   relative path, forward slashes
     * @param format the file format it stands for ({@code .env}, {@code YAML}, ...), for the coverage count
     */
    CorpusFile(String path, String format) {
        if (path.startsWith("/") || path.contains("..") || path.contains("\\")) {
            throw new IllegalArgumentException("not a relative forward-slash path: " + path);
        }
        this.path = path;
        this.format = format;
    }

    public String path() {
        return path;
    }

    public String format() {
        return format;
    }

    /** Unlabelled text. */
    public CorpusFile text(String text) {
        append(text);
        return this;
    }

    /** A plainly written secret of the given type. */
    public CorpusFile secret(String type, String value) {
        return label(type, Kind.SECRET, Form.PLAIN, Optional.empty(), value);
    }

    /** A secret that only in-flight work can find. */
    public CorpusFile secret(String type, String value, Needs needs) {
        return label(type, Kind.SECRET, Form.PLAIN, Optional.of(needs), value);
    }

    /** A secret written in an encoded form ({@code text} is the encoded text as it appears in the file). */
    public CorpusFile encodedSecret(String type, Form form, String text) {
        return label(type, Kind.SECRET, form, Optional.empty(), text);
    }

    /** An encoded secret that only in-flight work (a decoder) can find. */
    public CorpusFile encodedSecret(String type, Form form, String text, Needs needs) {
        return label(type, Kind.SECRET, form, Optional.of(needs), text);
    }

    /** Text that looks like a credential of {@code type} and is not one. */
    public CorpusFile decoy(String type, Kind kind, String value) {
        return label(type, kind, Form.PLAIN, Optional.empty(), value);
    }

    /** A decoy that only in-flight work can tell apart. */
    public CorpusFile decoy(String type, Kind kind, String value, Needs needs) {
        return label(type, kind, Form.PLAIN, Optional.of(needs), value);
    }

    private CorpusFile label(String type, Kind kind, Form form, Optional<Needs> needs, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty " + kind.label() + " of type " + type + " in " + path);
        }
        int start = bytes.size();
        int startLine = line;
        append(value);
        samples.add(new Sample(path, start, bytes.size(), startLine, type, kind, form, needs));
        return this;
    }

    private void append(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
        for (byte x : b) {
            if (x == '\n') {
                line++;
            }
        }
    }

    public byte[] content() {
        return bytes.toByteArray();
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }
}
