package dev.keywarden.cli;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * The options every scanning command takes ({@code scan}, {@code git}, {@code staged}, {@code diff}): how the engine
 * runs, how the report is written, and the baseline. One mixin, so that each command declares and checks them once.
 */
final class ScanningOptions {
    @Mixin
    EngineOptions engine;

    @Mixin
    OutputOptions out;

    @Mixin
    BaselineOption baseline;

    /** Rejects option values that parse but make no sense, naming the option (exit 2). */
    void validate(CommandLine cli) {
        out.validate(cli);
        engine.validate(cli);
    }
}
