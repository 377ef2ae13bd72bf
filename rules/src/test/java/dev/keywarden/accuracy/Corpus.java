package dev.keywarden.accuracy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The labelled corpus: files with their secrets and decoys. */
public final class Corpus {
    private final long seed;
    private final Map<String, CorpusFile> files = new LinkedHashMap<>();

    public Corpus(long seed) {
        this.seed = seed;
    }

    /** The seed the random values were drawn with. */
    public long seed() {
        return seed;
    }

    /** Starts a new file; paths are unique. */
    public CorpusFile file(String path, String format) {
        CorpusFile f = new CorpusFile(path, format);
        if (files.putIfAbsent(path, f) != null) {
            throw new IllegalArgumentException("two corpus files at " + path);
        }
        return f;
    }

    public List<CorpusFile> files() {
        return List.copyOf(files.values());
    }

    public List<Sample> samples() {
        List<Sample> all = new ArrayList<>();
        files.values().forEach(f -> all.addAll(f.samples()));
        return all;
    }

    public Set<String> formats() {
        Set<String> out = new TreeSet<>();
        files.values().forEach(f -> out.add(f.format()));
        return out;
    }

    /** Writes every file under {@code root}, which must not exist yet: a scan of it must see only the corpus. */
    public void writeTo(Path root) throws IOException {
        if (Files.exists(root)) {
            throw new java.nio.file.FileAlreadyExistsException(root.toString(), null, "the corpus needs a new directory");
        }
        for (CorpusFile f : files.values()) {
            Path target = root.resolve(f.path());
            Files.createDirectories(target.getParent());
            Files.write(target, f.content());
        }
    }
}
