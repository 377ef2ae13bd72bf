package dev.keywarden.cli;

import dev.keywarden.config.ConfigException;
import dev.keywarden.config.RuleSet;
import dev.keywarden.engine.Engine;
import dev.keywarden.finding.FindingFilter;
import dev.keywarden.finding.IgnoreFile;
import dev.keywarden.finding.InlineAllow;
import dev.keywarden.finding.Confidence;
import dev.keywarden.finding.MinConfidence;
import dev.keywarden.scan.ScanOptions;
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

    @Option(names = "--min-confidence", paramLabel = "LEVEL", converter = ConfidenceLevel.class,
            description = "Report only findings of this confidence or higher: low (everything, the default), "
                    + "medium, high. Lower ones are counted as suppressed.")
    Confidence minConfidence;

    @Option(names = "--decode-depth", paramLabel = "N", defaultValue = "" + Engine.DEFAULT_DECODE_DEPTH,
            description = "Follow encoded text (base64, percent-encoding, string escapes) N decodings deep; 0 turns "
                    + "decoding off. Default: ${DEFAULT-VALUE}.")
    int decodeDepth;

    @Option(names = "--include-noise-files",
            description = "Also scan noise files: lockfiles, minified code, source maps and vendored folders "
                    + "(node_modules/, vendor/, third_party/...), skipped by default.")
    boolean includeNoiseFiles;

    void validate(CommandLine cli) {
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(cli, "--threads must be at least 1");
        }
        if (decodeDepth < 0 || decodeDepth > 8) {
            throw new CommandLine.ParameterException(cli, "--decode-depth must be between 0 and 8");
        }
    }

    /** How the scan runs: these options, plus what the command decides. */
    ScanOptions scanOptions(boolean gitignore, boolean keepAllowlisted) {
        return new ScanOptions(threads(), maxFileSize, gitignore, keepAllowlisted, includeNoiseFiles);
    }

    int threads() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** The engine for a scan rooted at {@code root}: its config, or .keywarden.toml there, or the defaults. */
    Engine engine(Path root) throws ConfigException {
        RuleSet rules = configOption.load(root);
        return new Engine(rules, decodeDepth);
    }

    /** Inline allow comments, then the ignore file at {@code root}. */
    FindingFilter filters(Path root) throws IOException {
        IgnoreFile ignoreFile;
        try {
            ignoreFile = IgnoreFile.in(root);
        } catch (IgnoreFile.InvalidIgnoreFileException e) {
            throw new UsageError(e.getMessage());
        }
        List<FindingFilter> filters = new java.util.ArrayList<>(List.of(new InlineAllow(), ignoreFile));
        if (minConfidence != null) {
            filters.add(new MinConfidence(minConfidence));
        }
        return FindingFilter.chain(filters);
    }
}
