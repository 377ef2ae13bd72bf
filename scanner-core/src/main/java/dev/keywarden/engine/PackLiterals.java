package dev.keywarden.engine;

import dev.keywarden.config.ConfigException;
import dev.keywarden.config.ConfigLoader;
import dev.keywarden.config.DefaultRulePack;
import dev.keywarden.config.PrecomputedLiterals;
import dev.keywarden.config.Rule;
import dev.keywarden.config.RuleSet;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Build step of the {@code rules} module: derives the required literals of every regex of the pack in a classes
 * directory and writes them beside the pack ({@link PrecomputedLiterals}), and a parsed snapshot of the pack
 * ({@link DefaultRulePack#SNAPSHOT}), so that keywarden does neither on every start.
 *
 * <pre>java dev.keywarden.engine.PackLiterals CLASSES_DIR</pre>
 */
public final class PackLiterals {
    private PackLiterals() {
    }

    public static void main(String[] args) throws IOException, ConfigException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: PackLiterals CLASSES_DIR (holding " + DefaultRulePack.INDEX
                    + ")");
        }
        Path classes = Path.of(args[0]);
        Path out = classes.resolve(DefaultRulePack.BASE + PrecomputedLiterals.RESOURCE);
        Files.deleteIfExists(out); // derived from the TOML files, never from an earlier run's output
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            DefaultRulePack defaults = new DefaultRulePack(loader, DefaultRulePack.BASE);
            RuleSet pack = defaults.loadFromToml();
            Files.writeString(out, PrecomputedLiterals.format(derive(pack)), StandardCharsets.UTF_8);
            defaults.writeSnapshot(classes.resolve(DefaultRulePack.BASE + DefaultRulePack.SNAPSHOT));
        }
    }

    /** Each regex rule's literal sets, derived now. */
    public static List<PrecomputedLiterals.Entry> derive(RuleSet rules) {
        List<PrecomputedLiterals.Entry> entries = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            rule.regexSource().ifPresent(source -> entries.add(new PrecomputedLiterals.Entry(rule.id(), source,
                    RequiredLiterals.conjunction(source))));
        }
        return entries;
    }
}
