package dev.keywarden.cli;

import dev.keywarden.config.ConfigException;
import dev.keywarden.config.RuleSet;
import dev.keywarden.engine.Engine;
import dev.keywarden.finding.FindingFilter;
import dev.keywarden.finding.IgnoreFile;
import dev.keywarden.finding.InlineAllow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What every scanning command needs to build its engine: the rules, the threads, the size limit. */
final class EngineOptions {

    @Mixin
    ConfigOption configOption;

    @Option(names = {"-j", "--threads"}, paramLabel = "N",
            description = "Worker threads. Default: the number of processors.")
    Integer threads;

    @Option(names = "--max-file-size", paramLabel = "SIZE", defaultValue = "25MiB", converter = ByteSize.class,
            description = "Skip (and count) files larger than SIZE, e.g. 25MiB, 512k. Default: ${DEFAULT-VALUE}.")
    long maxFileSize;

    void validate(CommandLine cli) {
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(cli, "--threads must be at least 1");
        }
    }

    int threads() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** The engine for a scan rooted at {@code root}: its config, or .keywarden.toml there, or the defaults. */
    Engine engine(Path root) throws ConfigException {
        RuleSet rules = configOption.load(root);
        return new Engine(rules);
    }

    /** Inline allow comments, then the ignore file at {@code root}. */
    FindingFilter filters(Path root) throws IOException {
        IgnoreFile ignoreFile;
        try {
            ignoreFile = IgnoreFile.in(root);
        } catch (IgnoreFile.InvalidIgnoreFileException e) {
            throw new UsageError(e.getMessage());
        }
        return FindingFilter.chain(List.of(new InlineAllow(), ignoreFile));
    }
}
