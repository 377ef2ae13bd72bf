package dev.keywarden.cli;

import dev.keywarden.config.ConfigException;
import dev.keywarden.config.ConfigLoader;
import dev.keywarden.config.DefaultRulePack;
import dev.keywarden.config.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --config FILE}, else {@code .keywarden.toml} at the scanned root, else the default pack. */
final class ConfigOption {
    static final String DEFAULT_NAME = ".keywarden.toml";

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Rule configuration (TOML; keywarden or gitleaks v8 format). "
                    + "Default: .keywarden.toml at the scanned root if present, else the built-in rules.")
    Path config;

    /** The config file in force for a scan rooted at {@code root}, if any. */
    Optional<Path> file(Path root) {
        if (config != null) {
            return Optional.of(config);
        }
        Path candidate = root.resolve(DEFAULT_NAME);
        return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    RuleSet load(Path root) throws ConfigException {
        ConfigLoader loader = new ConfigLoader(new DefaultRulePack());
        Optional<Path> file = file(root);
        return file.isPresent() ? loader.load(file.get()) : loader.loadDefaults();
    }
}
