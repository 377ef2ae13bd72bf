package dev.keywarden.config;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The default rules, shipped as TOML resources under {@code dev/keywarden/rules/} by the {@code rules} module and
 * listed in its {@code index.txt}, one file per provider family.
 */
public final class DefaultRulePack {
    public static final String BASE = "dev/keywarden/rules/";
    public static final String INDEX = BASE + "index.txt";
    /** The file name of the pack's parsed snapshot, beside its index. */
    public static final String SNAPSHOT = PackSnapshot.RESOURCE;

    private final ClassLoader loader;
    private final String base;

    /** A pack read from {@code base} (ending in '/') on the given class loader: {@code base + "index.txt"}. */
    public DefaultRulePack(ClassLoader loader, String base) {
        this.loader = loader;
        this.base = base;
    }

    public DefaultRulePack() {
        this(DefaultRulePack.class.getClassLoader(), BASE);
    }

    /** The pack's files, as (resource name, text) in index order. */
    public List<Map.Entry<String, String>> files() throws ConfigException {
        List<Map.Entry<String, String>> files = new ArrayList<>();
        for (String line : ConfigLoader.resource(loader, base + "index.txt").split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            files.add(Map.entry(base + name, ConfigLoader.resource(loader, base + name)));
        }
        return files;
    }

    RuleSet load(ConfigLoader configLoader) throws ConfigException {
        return ConfigLoader.build(layer(configLoader));
    }

    /**
     * A fresh, mutable copy of the pack's layer (specs are re-parsed: layers are merged into by callers), its regexes
     * carrying the required literals the build derived for them.
     */
    ConfigLoader.Layer layer(ConfigLoader configLoader) throws ConfigException {
        ConfigLoader.Layer layer = snapshot().orElse(null);
        if (layer == null) {
            layer = configLoader.packLayer(files());
        }
        PrecomputedLiterals literals = precomputedLiterals();
        for (RuleSpec spec : layer.rules.values()) {
            if (spec.regex.isPresent()) {
                RuleRegex regex = spec.regex.get();
                List<Set<String>> sets = literals.of(spec.id, regex.source());
                if (sets != null) {
                    spec.regex = Optional.of(regex.withRequiredLiterals(sets));
                }
            }
        }
        return layer;
    }

    /** The pack as the build parsed it ({@link PackSnapshot}), when the snapshot is there and of this version. */
    private Optional<ConfigLoader.Layer> snapshot() throws ConfigException {
        String name = base + PackSnapshot.RESOURCE;
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            return PackSnapshot.read(new DataInputStream(new BufferedInputStream(in, 64 * 1024)));
        } catch (IOException e) {
            throw new ConfigException(name, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Writes the snapshot of the pack's TOML files (build step: {@code dev.keywarden.engine.PackLiterals}). The
     * TOML is parsed whether or not a snapshot exists already.
     */
    public void writeSnapshot(Path file) throws IOException, ConfigException {
        ConfigLoader.Layer layer = new ConfigLoader(this).packLayer(files());
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            PackSnapshot.write(layer, out);
        }
    }

    /** The pack parsed from its TOML files alone, ignoring any snapshot (to compare the two). */
    public RuleSet loadFromToml() throws ConfigException {
        return ConfigLoader.build(new ConfigLoader(this).packLayer(files()));
    }

    /** What the build derived ({@value PrecomputedLiterals#RESOURCE} beside the index), or nothing. */
    private PrecomputedLiterals precomputedLiterals() throws ConfigException {
        if (loader.getResource(base + PrecomputedLiterals.RESOURCE) == null) {
            return PrecomputedLiterals.none();
        }
        return PrecomputedLiterals.parse(ConfigLoader.resource(loader, base + PrecomputedLiterals.RESOURCE));
    }
}
